import type { Metadata } from "next";
import Link from "next/link";
import { CalendarLoader } from "@/components/admin/availability/calendar-loader";
import type { CalendarData } from "@/components/admin/availability/calendar-types";
import { DateOverrideForm, RemoveOverrideButton } from "@/components/admin/availability/date-override-form";
import { RemoveTimeOffButton, TimeOffForm } from "@/components/admin/availability/time-off-form";
import { WeeklyHoursEditor } from "@/components/admin/availability/weekly-hours-editor";
import styles from "@/components/admin/availability/availability-editor.module.css";
import { getAvailabilityEditorData } from "@/lib/availability/get-availability-editor-data";
import { formatInterval, WEEKDAYS } from "@/lib/availability/intervals";
import { requireCoach } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import type { MinuteInterval } from "@/lib/scheduling/types";
import { getCoachTimeZone } from "@/lib/time/coach-time-zone";
import { formatCalendarDate, formatDateTime } from "@/lib/time/format";
import { addDays, calendarDateInZone, isCalendarDate, isoWeekday } from "@/lib/time/zone";
import { addTimeOffAction, removeTimeOffAction, saveDateOverrideAction, saveWeeklyHoursAction } from "./actions";

export const metadata: Metadata = { title: "Availability" };

type Props = { searchParams: Promise<{ week?: string | string[] }> };

const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

export default async function AvailabilityPage({ searchParams }: Props) {
  const { week: weekParam } = await searchParams;
  const requested = Array.isArray(weekParam) ? weekParam[0] : weekParam;
  const coach = await requireCoach(requested ? `/admin/availability?week=${encodeURIComponent(requested)}` : "/admin/availability");
  const db = getDb();
  const today = calendarDateInZone(new Date(), await getCoachTimeZone(db, coach.id));
  const weekStart = mondayOf(requested && isCalendarDate(requested) && requested >= "2000-01-03" && requested <= "2100-12-25" ? requested : today);
  const data = await getAvailabilityEditorData({ db, actor: coach, from: weekStart, to: addDays(weekStart, 6) });
  const { timeZone } = data;

  const weekly: MinuteInterval[][] = [[], [], [], [], [], [], [], []];
  for (const rule of data.weeklyRules) weekly[rule.weekday].push({ startMinute: rule.startMinute, endMinute: rule.endMinute });
  const calendar: CalendarData = {
    timeZone,
    weekStart,
    days: data.days,
    weekly,
    timeOff: data.timeOff.map((t) => ({ id: t.id, startsAt: t.startsAt.toISOString(), endsAt: t.endsAt.toISOString(), note: t.note })),
    bookings: data.bookings.map((b) => ({
      id: b.id,
      status: b.status,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      clientName: b.clientName,
      sessionTitle: b.sessionTitle,
    })),
  };
  const thisWeek = mondayOf(today);
  const weekLink = (date: string) => (date === thisWeek ? "/admin/availability" : `/admin/availability?week=${date}`);

  return (
    <div className="stack">
      <h1>Availability</h1>
      <p>
        Your hours are on your own clock, in <strong>{timeZone}</strong>. Visitors see them in their own time zone. Every change shows on the booking
        pages at once.
      </p>

      <section className="stack" aria-labelledby="week-heading">
        <div className={styles.weekNav}>
          <h2 id="week-heading">Week of {formatCalendarDate(weekStart)}</h2>
          <nav aria-label="Weeks" className="actions">
            <Link href={weekLink(addDays(weekStart, -7))} rel="prev">
              ← Previous week
            </Link>
            {weekStart === thisWeek ? null : <Link href="/admin/availability">This week</Link>}
            <Link href={weekLink(addDays(weekStart, 7))} rel="next">
              Next week →
            </Link>
          </nav>
        </div>
        <p className="muted">
          Drag across empty time to add hours, for every week or just that date, or to add time off. Drag a block of hours to move it, drag its
          lower edge to change its length, or select it to remove it. “Days off this week” closes a whole date. The forms below do all of this
          without a mouse.
        </p>
        <ul className={styles.legendKey} aria-label="Colour key">
          <li>
            <span className={`${styles.swatch} ${styles.swatchWeekly}`} aria-hidden="true" /> Weekly hours
          </li>
          <li>
            <span className={`${styles.swatch} ${styles.swatchOverride}`} aria-hidden="true" /> Hours for one date only
          </li>
          <li>
            <span className={`${styles.swatch} ${styles.swatchTimeOff}`} aria-hidden="true" /> Time off
          </li>
          <li>
            <span className={`${styles.swatch} ${styles.swatchBooking}`} aria-hidden="true" /> Booked session
          </li>
          <li>
            <span className={`${styles.swatch} ${styles.swatchClosed}`} aria-hidden="true" /> Day off
          </li>
        </ul>
        <CalendarLoader data={calendar} />
      </section>

      <section className="stack" aria-labelledby="weekly-heading">
        <h2 id="weekly-heading">Weekly hours</h2>
        <p>The hours you are usually available, week after week. A date with its own hours or a day off (below) replaces them on that date.</p>
        <div className={styles.days}>
          {WEEKDAYS.map((weekday) => (
            <WeeklyHoursEditor key={weekday} weekday={weekday} intervals={weekly[weekday]} action={saveWeeklyHoursAction} />
          ))}
        </div>
      </section>

      <section className="stack" aria-labelledby="dates-heading">
        <h2 id="dates-heading">Days off and other hours on one date</h2>
        <div className="card">
          <DateOverrideForm action={saveDateOverrideAction} />
        </div>
        <h3 id="dates-list-heading">Dates coming up</h3>
        {data.upcoming.overrides.length === 0 ? (
          <p className="muted">No dates with their own hours. Every date uses your weekly hours.</p>
        ) : (
          <ul className={styles.list} aria-labelledby="dates-list-heading">
            {data.upcoming.overrides.map((override) => (
              <li key={override.date}>
                <span>
                  <strong>{formatCalendarDate(override.date)}</strong>:{" "}
                  {override.intervals.length === 0 ? "day off (closed all day)" : `available ${override.intervals.map(formatInterval).join(", ")}`}
                </span>
                <RemoveOverrideButton action={saveDateOverrideAction} date={override.date} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="time-off-heading">
        <h2 id="time-off-heading">Time off</h2>
        <p>Holidays and appointments: nobody can book any time inside them. Sessions already booked then stay booked.</p>
        <div className="card">
          <TimeOffForm action={addTimeOffAction} timeZone={timeZone} />
        </div>
        <h3 id="time-off-list-heading">Time off coming up</h3>
        {data.upcoming.timeOff.length === 0 ? (
          <p className="muted">No time off planned.</p>
        ) : (
          <ul className={styles.list} aria-labelledby="time-off-list-heading">
            {data.upcoming.timeOff.map((range) => {
              const label = `from ${formatDateTime(range.startsAt, timeZone)} to ${formatDateTime(range.endsAt, timeZone)}`;
              return (
                <li key={range.id}>
                  <span>
                    {range.note ? <strong>{range.note}: </strong> : null}
                    {label}
                  </span>
                  <RemoveTimeOffButton action={removeTimeOffAction} id={range.id} label={label} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
