"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { formatMonth } from "@/lib/time/format";
import type { CalendarDate } from "@/lib/time/zone";
import { dayLabel } from "./labels";
import { addMonths, buildMonthGrid, clampDate, dateForKey, firstDayOf, lastDayOf, monthOf, type Month } from "./month-grid";
import styles from "./booking.module.css";

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

type Props = {
  month: Month;
  /** The first and last months the arrows may show. */
  firstMonth: Month;
  lastMonth: Month;
  today: CalendarDate;
  /** Number of free times per date; undefined while they are being looked up. */
  slotCounts: Map<CalendarDate, number> | undefined;
  selectedDate: CalendarDate | null;
  onSelectDate: (date: CalendarDate) => void;
  onMonthChange: (month: Month) => void;
};

/**
 * A month as a table of day buttons. One day is in the tab order (the chosen day, else today, else
 * the first day with times); arrow keys, Home/End and Page Up/Down move between days and months.
 * Days without times stay focusable (aria-disabled), so the keyboard can pass over them, and say so.
 */
export function MonthCalendar({ month, firstMonth, lastMonth, today, slotCounts, selectedDate, onSelectDate, onMonthChange }: Props) {
  const [focusChoice, setFocusChoice] = useState<CalendarDate | null>(null);
  const focusAfterRender = useRef(false);
  const table = useRef<HTMLTableElement>(null);
  const weeks = buildMonthGrid(month);
  const inMonth = (date: CalendarDate | null): date is CalendarDate => date !== null && monthOf(date) === month;
  const firstAvailable = weeks.flat().find((date) => date && (slotCounts?.get(date) ?? 0) > 0) ?? null;
  const tabStop = [focusChoice, selectedDate, today, firstAvailable].find(inMonth) ?? firstDayOf(month);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    table.current?.querySelector<HTMLButtonElement>(`button[data-date="${tabStop}"]`)?.focus();
  });

  function handleKeyDown(event: KeyboardEvent<HTMLButtonElement>, date: CalendarDate) {
    const target = dateForKey(date, event.key);
    if (!target) return;
    event.preventDefault();
    const next = clampDate(target, firstDayOf(firstMonth), lastDayOf(lastMonth));
    setFocusChoice(next);
    if (monthOf(next) !== month) onMonthChange(monthOf(next));
    focusAfterRender.current = true;
  }

  const previous = addMonths(month, -1);
  const following = addMonths(month, 1);
  const captionId = `calendar-caption-${month}`;

  return (
    <div className={styles.calendar}>
      <div className={styles.monthBar}>
        <button
          type="button"
          className={`button button-secondary ${styles.monthButton}`}
          // aria-disabled, not disabled: a button that disappears from the tab order would drop focus.
          aria-disabled={month <= firstMonth ? true : undefined}
          onClick={() => month > firstMonth && onMonthChange(previous)}
        >
          <span aria-hidden="true">← {formatMonth(previous).slice(0, 3)}</span>
          <span className="visually-hidden">Previous month, {formatMonth(previous)}</span>
        </button>
        <h3 id={captionId} className={styles.monthName}>
          {formatMonth(month)}
        </h3>
        <button
          type="button"
          className={`button button-secondary ${styles.monthButton}`}
          aria-disabled={month >= lastMonth ? true : undefined}
          onClick={() => month < lastMonth && onMonthChange(following)}
        >
          <span className="visually-hidden">Next month, {formatMonth(following)}</span>
          <span aria-hidden="true">{formatMonth(following).slice(0, 3)} →</span>
        </button>
      </div>
      <table ref={table} className={styles.grid} aria-labelledby={captionId} aria-busy={slotCounts ? undefined : true}>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col">
                <abbr title={long}>{short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find(Boolean)}>
              {week.map((date, index) => {
                if (!date) return <td key={`empty-${index}`} />;
                const count = slotCounts?.get(date) ?? 0;
                const available = count > 0;
                const isToday = date === today;
                const selected = date === selectedDate;
                const label = dayLabel(date, slotCounts ? count : undefined, { today: isToday });
                return (
                  <td key={date}>
                    <button
                      type="button"
                      data-date={date}
                      className={[styles.day, available ? styles.dayAvailable : "", selected ? styles.daySelected : "", isToday ? styles.dayToday : ""].join(" ")}
                      tabIndex={date === tabStop ? 0 : -1}
                      aria-label={label}
                      aria-disabled={available ? undefined : true}
                      aria-pressed={available ? selected : undefined}
                      aria-current={isToday ? "date" : undefined}
                      onClick={() => {
                        setFocusChoice(date);
                        if (available) onSelectDate(date);
                      }}
                      onKeyDown={(event) => handleKeyDown(event, date)}
                    >
                      {Number(date.slice(8, 10))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
