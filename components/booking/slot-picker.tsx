"use client";

import { useEffect, useId, useState } from "react";
import { formatCalendarDate, formatMonth, formatTimeRange } from "@/lib/time/format";
import { addDays, calendarDateInZone, type CalendarDate } from "@/lib/time/zone";
import { fetchAvailability, type AvailabilityResult, type Slot } from "./booking-api";
import { slotLabel } from "./labels";
import { MonthCalendar } from "./month-calendar";
import { addMonths, firstDayOf, lastDayOf, monthOf, type Month } from "./month-grid";
import { TimeZonePicker } from "./time-zone-picker";
import styles from "./booking.module.css";

const DAY_MS = 86_400_000;

type Props = {
  sessionTypeSlug: string;
  horizonDays: number;
  /** The server's clock when the page was rendered (ISO). */
  now: string;
  timeZone: string;
  timeZoneChosen: boolean;
  onTimeZoneChange: (zone: string) => void;
  /** The time picked so far, if any: its day opens first and its button says so. */
  chosen: Slot | null;
  onChoose: (slot: Slot) => void;
  /** Bump to look the times up again (after a time turned out to be taken). */
  reloadToken?: number;
  /** Words for the chosen time's button, e.g. "your current time". */
  chosenNote?: string;
};

/**
 * Step 1 of booking, and the new-time step of rescheduling: the visitor's zone, a month of days,
 * then the chosen day's times. Free times come from GET /api/availability, one month at a time.
 */
export function SlotPicker({
  sessionTypeSlug,
  horizonDays,
  now,
  timeZone,
  timeZoneChosen,
  onTimeZoneChange,
  chosen,
  onChoose,
  reloadToken = 0,
  chosenNote = "your choice",
}: Props) {
  const nowMs = Date.parse(now);
  const today = calendarDateInZone(nowMs, timeZone);
  const lastBookableDay = calendarDateInZone(nowMs + horizonDays * DAY_MS, timeZone);
  const firstMonth = monthOf(today);
  const lastMonth = monthOf(addDays(lastBookableDay, 1));
  const chosenDate = chosen ? calendarDateInZone(Date.parse(chosen.start), timeZone) : null;

  const [monthChoice, setMonthChoice] = useState<Month | null>(null);
  const [dateChoice, setDateChoice] = useState<CalendarDate | null>(null);
  const [results, setResults] = useState<Record<string, AvailabilityResult>>({});
  const [attempt, setAttempt] = useState(0);
  const timesHeadingId = useId();

  const wanted = monthChoice ?? (chosenDate ? monthOf(chosenDate) : firstMonth);
  const month = wanted < firstMonth ? firstMonth : wanted > lastMonth ? lastMonth : wanted;
  const from = firstDayOf(month) < today ? today : firstDayOf(month);
  const to = lastDayOf(month);
  const key = `${reloadToken}.${attempt}|${timeZone}|${from}|${to}`;
  const result: AvailabilityResult | undefined = from > to ? { ok: true, days: [] } : results[key];

  useEffect(() => {
    if (from > to || results[key]) return;
    const controller = new AbortController();
    fetchAvailability({ sessionType: sessionTypeSlug, from, to, timeZone }, controller.signal)
      .then((answer) => setResults((previous) => ({ ...previous, [key]: answer })))
      .catch(() => {
        // Aborted: the visitor moved on to another month or zone.
      });
    return () => controller.abort();
  }, [key, from, to, timeZone, sessionTypeSlug, results]);

  const slotsByDate = new Map<CalendarDate, Slot[]>();
  if (result?.ok) for (const day of result.days) slotsByDate.set(day.date, day.slots);
  const slotCounts = result?.ok ? new Map([...slotsByDate].map(([date, slots]) => [date, slots.length])) : undefined;
  const selectedDate = dateChoice ?? chosenDate;
  const showDay = selectedDate !== null && monthOf(selectedDate) === month && result?.ok === true;
  const daySlots = showDay ? (slotsByDate.get(selectedDate) ?? []) : [];
  const monthName = formatMonth(month);

  let status: string;
  if (!result) status = `Looking up free times in ${monthName}…`;
  else if (!result.ok) status = "";
  else if (slotsByDate.size === 0) status = `There are no free times in ${monthName}.`;
  else status = `${monthName}: ${slotsByDate.size} ${slotsByDate.size === 1 ? "day has" : "days have"} free times. Choose a day to see them.`;

  return (
    <div className="stack">
      <TimeZonePicker timeZone={timeZone} chosen={timeZoneChosen} onChange={onTimeZoneChange} />

      <MonthCalendar
        month={month}
        firstMonth={firstMonth}
        lastMonth={lastMonth}
        today={today}
        slotCounts={slotCounts}
        selectedDate={selectedDate}
        onSelectDate={setDateChoice}
        onMonthChange={setMonthChoice}
      />

      <div role="status" aria-live="polite" className={styles.status}>
        {result && !result.ok ? (
          <div className="notice notice-warn">
            <p>We couldn&apos;t load the free times just now. {result.problem.message}</p>
          </div>
        ) : status ? (
          <p>{status}</p>
        ) : null}
      </div>
      {result && !result.ok ? (
        <p>
          <button type="button" className="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </p>
      ) : null}
      {result?.ok && slotsByDate.size === 0 ? (
        month < lastMonth ? (
          <p>
            <button type="button" className="button button-secondary" onClick={() => setMonthChoice(addMonths(month, 1))}>
              Show {formatMonth(addMonths(month, 1))}
            </button>
          </p>
        ) : (
          <p>Times open up to {horizonDays} days ahead, so later dates aren&apos;t open for booking yet.</p>
        )
      ) : null}

      {showDay ? (
        <section aria-labelledby={timesHeadingId} className="stack">
          <h3 id={timesHeadingId}>Times on {formatCalendarDate(selectedDate)}</h3>
          {daySlots.length ? (
            <ul className={styles.times}>
              {daySlots.map((slot) => {
                const isChosen = chosen?.start === slot.start;
                return (
                  <li key={slot.start}>
                    <button
                      type="button"
                      className={`button ${isChosen ? "" : "button-secondary"} ${styles.time}`}
                      aria-label={`${slotLabel(slot, timeZone)}${isChosen ? `, ${chosenNote}` : ""}`}
                      onClick={() => onChoose(slot)}
                    >
                      {formatTimeRange(new Date(slot.start), new Date(slot.end), timeZone)}
                      {isChosen ? <span className={styles.timeNote}>({chosenNote})</span> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>There are no free times left on this day. Please choose another day.</p>
          )}
        </section>
      ) : result?.ok && slotsByDate.size > 0 ? (
        <p className="muted">Choose a day in the calendar to see its times.</p>
      ) : null}
    </div>
  );
}
