import type { MinuteInterval } from "@/lib/scheduling/types";

// What the server page hands the calendar island: plain JSON, instants as ISO strings.

export type CalendarDay = {
  date: string;
  weekday: number;
  source: "weekly" | "override";
  intervals: MinuteInterval[];
};

export type CalendarData = {
  timeZone: string;
  /** Monday of the week shown (the coach's calendar date). */
  weekStart: string;
  days: CalendarDay[];
  /** Every weekly rule, by ISO weekday (1 = Monday ... 7 = Sunday; index 0 unused). */
  weekly: MinuteInterval[][];
  timeOff: Array<{ id: string; startsAt: string; endsAt: string; note: string | null }>;
  bookings: Array<{ id: string; status: string; startsAt: string; endsAt: string; clientName: string; sessionTitle: string }>;
};
