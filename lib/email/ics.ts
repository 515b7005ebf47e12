// iCalendar (RFC 5545) invitations for booking emails: one VEVENT per file, CRLF line endings,
// lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped. Every time is
// UTC ("…Z"), so no VTIMEZONE is needed and the reader's calendar shows it in the reader's zone.

export type IcsPerson = { name: string; email: string };

export type IcsEvent = {
  /** REQUEST adds or updates the event; CANCEL removes it. */
  method: "REQUEST" | "CANCEL";
  /** Stable for the life of the booking, so every update replaces the same calendar entry. */
  uid: string;
  /** Grows with every change; calendars ignore an update whose SEQUENCE is not newer. */
  sequence: number;
  start: Date;
  end: Date;
  /** When this version of the event was written. */
  stamp: Date;
  organizer: IcsPerson;
  attendee: IcsPerson;
  summary: string;
  description: string;
  url?: string;
};

const PRODID = "-//Steady Ground Coaching//Bookings//EN";
const MAX_LINE_OCTETS = 75;

/** YYYYMMDDTHHMMSSZ */
function icsDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** TEXT value escaping: backslash, semicolon, comma, and line breaks as \n. */
function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/** A parameter value (e.g. CN) as a quoted string, which may hold anything but DQUOTE and controls. */
function quoteParam(value: string): string {
  return `"${value.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f]/g, " ")}"`;
}

/** Splits a content line into chunks of at most 75 octets; continuation lines start with a space. */
function foldIcsLine(line: string): string {
  const chunks: string[] = [];
  let chunk = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    // A continuation line's leading space counts toward its 75 octets.
    const limit = chunks.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      chunks.push(chunk);
      chunk = "";
      octets = 0;
    }
    chunk += character;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.join("\r\n ");
}

export function renderIcs(event: IcsEvent): string {
  const cancelled = event.method === "CANCEL";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsDateTime(event.stamp)}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `ORGANIZER;CN=${quoteParam(event.organizer.name)}:mailto:${event.organizer.email}`,
    `ATTENDEE;CN=${quoteParam(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${event.attendee.email}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join("\r\n") + "\r\n";
}
