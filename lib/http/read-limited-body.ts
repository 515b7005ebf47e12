import { AppError } from "../errors";

/** A request body larger than the endpoint accepts: 413, nothing done. */
export class PayloadTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super(
      "payload_too_large",
      `This request is larger than this address accepts (at most ${Math.ceil(maxBytes / 1024)} KB), so nothing was changed. Please send less and try again.`,
      413,
      { maxBytes },
    );
  }
}

/** The Content-Length the sender declared, or undefined (a chunked body, or a malformed header). */
export function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  const length = header === null ? NaN : Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/**
 * The body of `request` as UTF-8 text (as `request.text()` reads it), but never more than
 * `maxBytes`: a declared Content-Length over the cap is refused before a byte is read, and a body
 * without one (chunked) is read only until it passes the cap. Either way the sender has made the
 * server hold at most `maxBytes`, whoever they are.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<string> {
  if ((declaredLength(request) ?? 0) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBytes) {
      // Stop the sender instead of draining the rest; the error is all they get back.
      reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    // `stream: true` keeps a character whose bytes are split across chunks whole.
    text += decoder.decode(value, { stream: true });
  }
}
