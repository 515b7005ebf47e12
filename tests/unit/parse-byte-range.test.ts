import { describe, expect, it } from "vitest";
import { parseByteRange } from "@/lib/downloads/parse-byte-range";

const size = 1000;
const partial = (start: number, end: number) => ({ kind: "partial", start, end });
const whole = { kind: "whole" };
const unsatisfiable = { kind: "unsatisfiable" };

describe("parseByteRange", () => {
  it("reads a-b, a- and -n as inclusive ranges", () => {
    expect(parseByteRange("bytes=0-99", size)).toEqual(partial(0, 99));
    expect(parseByteRange("bytes=100-", size)).toEqual(partial(100, 999));
    expect(parseByteRange("bytes=-100", size)).toEqual(partial(900, 999));
    expect(parseByteRange("bytes=999-999", size)).toEqual(partial(999, 999));
    expect(parseByteRange("bytes=0-0", size)).toEqual(partial(0, 0));
    expect(parseByteRange("bytes=0-", size)).toEqual(partial(0, 999));
  });

  it("takes the unit in any case and ignores surrounding whitespace", () => {
    expect(parseByteRange("Bytes=10-19", size)).toEqual(partial(10, 19));
    expect(parseByteRange("  bytes=10-19 ", size)).toEqual(partial(10, 19));
  });

  it("clamps an end beyond the file, and a suffix longer than the file is all of it", () => {
    expect(parseByteRange("bytes=900-5000", size)).toEqual(partial(900, 999));
    expect(parseByteRange("bytes=0-99999999999999999999", size)).toEqual(partial(0, 999));
    expect(parseByteRange("bytes=-1000", size)).toEqual(partial(0, 999));
    expect(parseByteRange("bytes=-5000", size)).toEqual(partial(0, 999));
  });

  it("is unsatisfiable from the end of the file on, and for an empty suffix", () => {
    expect(parseByteRange("bytes=1000-", size)).toEqual(unsatisfiable);
    expect(parseByteRange("bytes=1000-1000", size)).toEqual(unsatisfiable);
    expect(parseByteRange("bytes=5000-6000", size)).toEqual(unsatisfiable);
    expect(parseByteRange("bytes=99999999999999999999-", size)).toEqual(unsatisfiable);
    expect(parseByteRange("bytes=-0", size)).toEqual(unsatisfiable);
  });

  it("ignores a missing, malformed, backwards, multi-range or non-byte header (the whole file)", () => {
    for (const header of [
      null,
      undefined,
      "",
      "bytes=",
      "bytes=-",
      "bytes=abc",
      "bytes=5-4",
      "bytes=1-2-3",
      "bytes=+1-2",
      "bytes=1.5-2",
      "bytes=0x10-",
      "bytes=-1-",
      "bytes 0-1",
      "bytes = 0-1",
      "items=0-1",
      "bytes=0-1,5-6",
      "bytes=0-1, 5-6",
      "bytes=0-1,",
      "bytes=0-1,-5",
    ]) {
      expect(parseByteRange(header, size), String(header)).toEqual(whole);
    }
  });

  it("handles a zero-length file: no byte can be named, a suffix means the (empty) whole", () => {
    expect(parseByteRange("bytes=0-", 0)).toEqual(unsatisfiable);
    expect(parseByteRange("bytes=0-0", 0)).toEqual(unsatisfiable);
    expect(parseByteRange("bytes=-10", 0)).toEqual(whole);
    expect(parseByteRange("bytes=-0", 0)).toEqual(unsatisfiable);
    expect(parseByteRange(null, 0)).toEqual(whole);
  });

  it("handles a one-byte file", () => {
    expect(parseByteRange("bytes=0-", 1)).toEqual(partial(0, 0));
    expect(parseByteRange("bytes=-1", 1)).toEqual(partial(0, 0));
    expect(parseByteRange("bytes=1-", 1)).toEqual(unsatisfiable);
  });
});
