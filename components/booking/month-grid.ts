// Pure calendar arithmetic for the month view: which dates a month shows, week by week, and where
// a key press moves the focus. Calendar dates are "YYYY-MM-DD" strings with no zone attached.

import { addDays, isoWeekday, type CalendarDate } from "@/lib/time/zone";

/** A month, "YYYY-MM". */
export type Month = string;

export function monthOf(date: CalendarDate): Month {
  return date.slice(0, 7);
}

export function firstDayOf(month: Month): CalendarDate {
  return `${month}-01`;
}

export function lastDayOf(month: Month): CalendarDate {
  return addDays(firstDayOf(addMonths(month, 1)), -1);
}

export function addMonths(month: Month, months: number): Month {
  const [year, monthNumber] = month.split("-").map(Number);
  const index = year * 12 + (monthNumber - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return `${String(newYear).padStart(4, "0")}-${String(newMonth).padStart(2, "0")}`;
}

/**
 * The weeks of a month, Monday first, seven cells each; cells before the 1st and after the last
 * day are null (so a screen reader hears only the month's own dates).
 */
export function buildMonthGrid(month: Month): (CalendarDate | null)[][] {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const weeks: (CalendarDate | null)[][] = [];
  let week: (CalendarDate | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    week.push(date);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** The same day of the month `months` away, or that month's last day when it is shorter (31 Jan → 28 Feb). */
export function sameDayInMonth(date: CalendarDate, months: number): CalendarDate {
  const target = addMonths(monthOf(date), months);
  const day = Math.min(Number(date.slice(8, 10)), Number(lastDayOf(target).slice(8, 10)));
  return `${target}-${String(day).padStart(2, "0")}`;
}

/**
 * Where the grid's focus goes for a key, following the date-picker pattern of the ARIA practices:
 * arrows move a day or a week, Home/End go to the start/end of the week, Page Up/Down a month.
 * Returns null for any other key.
 */
export function dateForKey(date: CalendarDate, key: string): CalendarDate | null {
  switch (key) {
    case "ArrowLeft":
      return addDays(date, -1);
    case "ArrowRight":
      return addDays(date, 1);
    case "ArrowUp":
      return addDays(date, -7);
    case "ArrowDown":
      return addDays(date, 7);
    case "Home":
      return addDays(date, 1 - isoWeekday(date));
    case "End":
      return addDays(date, 7 - isoWeekday(date));
    case "PageUp":
      return sameDayInMonth(date, -1);
    case "PageDown":
      return sameDayInMonth(date, 1);
    default:
      return null;
  }
}

/** `date` kept inside [min, max]. */
export function clampDate(date: CalendarDate, min: CalendarDate, max: CalendarDate): CalendarDate {
  if (date < min) return min;
  if (date > max) return max;
  return date;
}
