import { describe, expect, it } from "vitest";
import { renderIcs, type IcsEvent } from "@/lib/email/ics";
import { parseIcs } from "../helpers/ics";

const event: IcsEvent = {
  method: "REQUEST",
  uid: "booking-abc123@coaching.example.com",
  sequence: 2,
  start: new Date("2026-03-03T14:00:00Z"),
  end: new Date("2026-03-03T14:20:00.000Z"),
  stamp: new Date("2026-03-02T09:00:00.123Z"),
  organizer: { name: "Maya Ellison", email: "coach@example.com" },
  attendee: { name: 'Sam "Sunny" Rivera', email: "sam@example.com" },
  summary: "Free 20-minute intro call with Maya Ellison",
  description: "Intro call; bring questions, or nothing at all.\n\nTo reschedule or cancel: https://coaching.example.com/manage/abc",
  url: "https://coaching.example.com/manage/abc",
};

describe("renderIcs", () => {
  it("writes a REQUEST with UTC times, the stable UID, SEQUENCE, organizer and attendee", () => {
    const { props } = parseIcs(renderIcs(event));
    expect(props.METHOD.value).toBe("REQUEST");
    expect(props.VERSION.value).toBe("2.0");
    expect(props.UID.value).toBe("booking-abc123@coaching.example.com");
    expect(props.SEQUENCE.value).toBe("2");
    expect(props.DTSTART.value).toBe("20260303T140000Z");
    expect(props.DTEND.value).toBe("20260303T142000Z");
    expect(props.DTSTAMP.value).toBe("20260302T090000Z");
    expect(props.STATUS.value).toBe("CONFIRMED");
    expect(props.ORGANIZER).toEqual({ params: { CN: "Maya Ellison" }, value: "mailto:coach@example.com" });
    // A double quote cannot appear in a parameter value: it becomes a single quote.
    expect(props.ATTENDEE.params.CN).toBe("Sam 'Sunny' Rivera");
    expect(props.ATTENDEE.value).toBe("mailto:sam@example.com");
    expect(props.SUMMARY.value).toBe(event.summary);
    expect(props.DESCRIPTION.value).toBe(event.description);
    expect(props.URL.value).toBe(event.url);
  });

  it("escapes TEXT values (backslash, semicolon, comma, newline)", () => {
    const text = renderIcs({ ...event, summary: "a\\b;c,d\ne" });
    expect(text).toContain("SUMMARY:a\\\\b\\;c\\,d\\ne\r\n");
  });

  it("uses CRLF and folds lines at 75 octets without splitting a UTF-8 character", () => {
    const description = "Über Gefühle sprechen — 気持ちについて話す. ".repeat(12);
    const text = renderIcs({ ...event, description });
    const { physicalLines, props } = parseIcs(text);
    for (const line of physicalLines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(physicalLines.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(5);
    expect(text).not.toContain("\uFFFD");
    expect(props.DESCRIPTION.value).toBe(description);
  });

  it("writes a CANCEL with STATUS:CANCELLED", () => {
    const { props } = parseIcs(renderIcs({ ...event, method: "CANCEL", sequence: 3 }));
    expect(props.METHOD.value).toBe("CANCEL");
    expect(props.STATUS.value).toBe("CANCELLED");
    expect(props.SEQUENCE.value).toBe("3");
  });
});
