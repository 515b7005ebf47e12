import { z } from "zod";
import { formatInterval, formatMinute, MAX_INTERVALS_PER_DAY, MINUTES_PER_DAY, parseClock } from "./intervals";

// The zod schemas for a day's intervals (server side: domain functions and server actions).

export const minuteInterval = z
  .object({
    startMinute: z.number().int("Use whole minutes.").min(0, "Start at 00:00 or later.").max(MINUTES_PER_DAY - 1, "Start before midnight."),
    endMinute: z.number().int("Use whole minutes.").min(1, "End after 00:00.").max(MINUTES_PER_DAY, "End at midnight (24:00) at the latest."),
  })
  .strict();

/**
 * A day's intervals: each ends after it starts and none overlap (touching is fine: 09:00-12:00 and
 * 12:00-15:00 is one stretch to the slot engine). Errors name the interval: "intervals.1.endMinute".
 */
export const dayIntervals = z
  .array(minuteInterval)
  .max(MAX_INTERVALS_PER_DAY, `At most ${MAX_INTERVALS_PER_DAY} stretches of time a day.`)
  .superRefine((intervals, context) => {
    intervals.forEach((interval, index) => {
      if (interval.endMinute <= interval.startMinute) {
        context.addIssue({ code: "custom", path: [index, "endMinute"], message: `The end (${formatMinute(interval.endMinute)}) must be later than the start (${formatMinute(interval.startMinute)}).` });
      }
    });
    const order = intervals.map((interval, index) => ({ ...interval, index })).filter((i) => i.endMinute > i.startMinute);
    order.sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute);
    for (let i = 1; i < order.length; i++) {
      const previous = order[i - 1];
      const current = order[i];
      if (current.startMinute < previous.endMinute) {
        const later = Math.max(previous.index, current.index);
        const other = later === current.index ? previous : current;
        context.addIssue({ code: "custom", path: [later, "startMinute"], message: `This overlaps ${formatInterval(other)}. Change one of them, or make them one longer stretch.` });
      }
    }
  });

/**
 * A form row of two clock fields ("09:00", "12:30") as minutes. Midnight as an end time may be
 * written 24:00 or 00:00 (a time input cannot show 24:00).
 */
export const clockRow = z
  .object({ start: z.string().optional(), end: z.string().optional() })
  .transform((row, context) => {
    const startMinute = parseClock(row.start ?? "");
    let endMinute = parseClock(row.end ?? "");
    if (startMinute === undefined) {
      context.addIssue({ code: "custom", path: ["startMinute"], message: row.start ? "Enter the start as a time, for example 09:00." : "Enter a start time." });
    }
    if (endMinute === 0) endMinute = MINUTES_PER_DAY;
    if (endMinute === undefined) {
      context.addIssue({ code: "custom", path: ["endMinute"], message: row.end ? "Enter the end as a time, for example 17:00." : "Enter an end time." });
    }
    return { startMinute: startMinute ?? 0, endMinute: endMinute ?? 0 };
  });
