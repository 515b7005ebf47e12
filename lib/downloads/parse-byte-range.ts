export type ByteRange = { kind: "whole" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

// One range only: "bytes=a-b", "bytes=a-" or "bytes=-n"; the unit is case-insensitive (RFC 9110 §14.1).
const SINGLE_RANGE = /^bytes=(?:(\d+)-(\d*)|-(\d+))$/i;

/**
 * What a `Range` header asks of a `size`-byte file: a `partial` range (`end` inclusive, clamped to
 * the file) or `unsatisfiable` (a 416). No header, another unit, a malformed or backwards range and
 * several ranges are all `whole`: RFC 9110 lets a server ignore Range, and one plain 200 serves
 * every client that sends those better than a multipart body would.
 */
export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  const match = header ? SINGLE_RANGE.exec(header.trim()) : null;
  if (!match) return { kind: "whole" };
  const [, first, last, suffix] = match;
  if (suffix !== undefined) {
    const length = Number(suffix);
    if (length === 0) return { kind: "unsatisfiable" };
    // The last n bytes; more than the file has means all of it, and an empty file has no bytes to name.
    if (size === 0) return { kind: "whole" };
    return { kind: "partial", start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}
