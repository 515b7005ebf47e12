import { describe, expect, it } from "vitest";
import { PayloadTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";

// Pulled only when someone reads (a default stream would pull one chunk ahead on creation).
const lazy = { highWaterMark: 0 };

/** A request whose body arrives as `chunks` (no Content-Length unless given), recording how many were pulled. */
function chunkedRequest(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  const pulled = { count: 0, cancelled: false };
  let index = 0;
  const source: UnderlyingDefaultSource<Uint8Array> = {
    pull(controller) {
      pulled.count += 1;
      if (index < chunks.length) controller.enqueue(chunks[index++]);
      else controller.close();
    },
    cancel() {
      pulled.cancelled = true;
    },
  };
  const request = new Request("http://localhost/api/example", { method: "POST", body: new ReadableStream(source, lazy), headers, duplex: "half" } as RequestInit);
  return { request, pulled };
}

/** A 1 MB body in 1 KB chunks, without Content-Length. */
function largeRequest() {
  const pulled = { count: 0, cancelled: false };
  const source: UnderlyingDefaultSource<Uint8Array> = {
    pull(controller) {
      pulled.count += 1;
      if (pulled.count > 1024) controller.close();
      else controller.enqueue(new Uint8Array(1024).fill(0x61));
    },
    cancel() {
      pulled.cancelled = true;
    },
  };
  return { request: new Request("http://localhost/api/example", { method: "POST", body: new ReadableStream(source, lazy), duplex: "half" } as RequestInit), pulled };
}

describe("readLimitedBody", () => {
  it("refuses a declared Content-Length over the cap with 413 payload_too_large, without reading a byte", async () => {
    const { request, pulled } = chunkedRequest([new TextEncoder().encode("{}")], { "content-length": String(64 * 1024 + 1) });
    const error = await readLimitedBody(request, 64 * 1024).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(pulled.count).toBe(0);
  });

  it("stops a chunked body without Content-Length as soon as it passes the cap, and cancels the rest", async () => {
    const { request, pulled } = largeRequest();
    await expect(readLimitedBody(request, 10 * 1024)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
    // 11 chunks pass 10 KB; a stream may pull one chunk ahead, never more.
    expect(pulled.count).toBeLessThanOrEqual(12);
    expect(pulled.cancelled).toBe(true);
  });

  it("returns a body under the cap intact, a character split across chunks included", async () => {
    const text = JSON.stringify({ name: "Zoë 佐藤", answers: { feeling: "calm 🌿 and steady" } });
    const bytes = new TextEncoder().encode(text);
    // Cut inside the 4-byte emoji and inside a 3-byte character.
    const emoji = bytes.indexOf(0xf0);
    const kanji = bytes.indexOf(0xe4);
    const cuts = [0, kanji + 1, emoji + 2, emoji + 3, bytes.length];
    const chunks = cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
    const { request } = chunkedRequest(chunks);
    expect(await readLimitedBody(request, bytes.length)).toBe(text);
  });

  it("reads a body exactly at the cap, and an empty one as empty text", async () => {
    const { request } = chunkedRequest([new Uint8Array(100).fill(0x62)], { "content-length": "100" });
    expect(await readLimitedBody(request, 100)).toBe("b".repeat(100));
    expect(await readLimitedBody(new Request("http://localhost/api/example", { method: "POST" }), 100)).toBe("");
  });
});
