"use client";

// The week view of the coach's availability: FullCalendar 7 (timeGrid + interaction), rendered only
// in the browser (see calendar-loader.tsx) and only on /admin/availability.
//
// Zones: the calendar runs in the coach's zone (timeZone option, Temporal-based in FullCalendar 7),
// so its grid is her wall clock. Availability is wall-clock by nature and goes in as zone-less
// strings ("2026-03-29T09:00:00"), exactly like the rules it shows; time off and bookings are
// instants (ISO with Z) that FullCalendar converts. What comes back from a drag is read from the
// wall-clock part of FullCalendar's strings, never from a browser-local Date, so the browser's own
// zone plays no part and a week with a daylight-saving change shows and saves exactly.

import FullCalendar from "@fullcalendar/react";
import type { DateSelectInfo, EventChangeInfo, EventClickInfo, EventInput } from "@fullcalendar/react";
import interactionPlugin from "@fullcalendar/react/interaction";
import classicThemePlugin from "@fullcalendar/react/themes/classic";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import {
  addTimeOffAction,
  removeTimeOffAction,
  saveDateOverrideAction,
  saveWeeklyHoursAction,
} from "@/app/admin/availability/actions";
import { formatInterval, formatMinute, mergeIntervals, MINUTES_PER_DAY, weekdayName } from "@/lib/availability/intervals";
import { idle, type ActionState } from "@/lib/http/action-state";
import type { MinuteInterval } from "@/lib/scheduling/types";
import { formatCalendarDate, formatDateTime } from "@/lib/time/format";
import { addDays } from "@/lib/time/zone";
import type { CalendarData, CalendarDay } from "./calendar-types";
import styles from "./availability-calendar.module.css";

type Span = { date: string; startMinute: number; endMinute: number };

type Choice = { label: string; run: () => Promise<string | null>; done: string; tone?: "danger" };

type Pending = {
  title: string;
  description: string;
  choices: Choice[];
  /** Undoes what FullCalendar already moved on screen, when the coach cancels. */
  revert?: () => void;
};

type AvailabilityProps = { kind: "weekly" | "override"; date: string; weekday: number; index: number };

/** The wall clock a FullCalendar date string shows: "2026-03-29T09:30:00+01:00" → 2026-03-29, 570. */
function wallClock(value: string): { date: string; minute: number } {
  return { date: value.slice(0, 10), minute: Number(value.slice(11, 13)) * 60 + Number(value.slice(14, 16)) };
}

/** A stretch on one of the coach's dates, or null when it spans more than one. */
function spanOf(startStr: string, endStr: string): Span | null {
  const start = wallClock(startStr);
  const end = wallClock(endStr);
  if (end.date === start.date) return end.minute > start.minute ? { date: start.date, startMinute: start.minute, endMinute: end.minute } : null;
  if (end.date === addDays(start.date, 1) && end.minute === 0) return { date: start.date, startMinute: start.minute, endMinute: MINUTES_PER_DAY };
  return null;
}

function wallString(date: string, minute: number): string {
  return minute >= MINUTES_PER_DAY ? `${addDays(date, 1)}T00:00:00` : `${date}T${formatMinute(minute)}:00`;
}

/** "Mon 23 Nov" for 2026-11-23. */
function shortDate(date: string): string {
  const [weekday, day, month] = formatCalendarDate(date).split(" ");
  return `${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)}`;
}

function describeIntervals(intervals: MinuteInterval[]): string {
  return intervals.length ? intervals.map(formatInterval).join(", ") : "no hours";
}

function problem(state: ActionState<unknown>): string | null {
  if (state.status !== "error") return null;
  const details = Object.values(state.fields ?? {});
  return details.length ? `${state.message} ${details.join(" ")}` : state.message;
}

async function saveWeekday(weekday: number, intervals: MinuteInterval[]): Promise<string | null> {
  const form = new FormData();
  form.set("weekday", String(weekday));
  intervals.forEach((interval, index) => {
    form.set(`intervals.${index}.start`, formatMinute(interval.startMinute));
    form.set(`intervals.${index}.end`, formatMinute(interval.endMinute));
  });
  return problem(await saveWeeklyHoursAction(idle, form));
}

async function saveDate(date: string, intervals: MinuteInterval[] | "closed" | "weekly"): Promise<string | null> {
  const form = new FormData();
  form.set("date", date);
  if (intervals === "closed" || intervals === "weekly") {
    form.set("mode", intervals);
  } else if (intervals.length === 0) {
    form.set("mode", "closed");
  } else {
    form.set("mode", "hours");
    intervals.forEach((interval, index) => {
      form.set(`intervals.${index}.start`, formatMinute(interval.startMinute));
      form.set(`intervals.${index}.end`, formatMinute(interval.endMinute));
    });
  }
  return problem(await saveDateOverrideAction(idle, form));
}

export default function AvailabilityCalendar({ data }: { data: CalendarData }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busy, startTransition] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const { timeZone } = data;
  const dayByDate = useMemo(() => new Map(data.days.map((day) => [day.date, day])), [data.days]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (pending && !element.open) element.showModal();
    if (!pending && element.open) element.close();
  }, [pending]);

  const events = useMemo<EventInput[]>(() => {
    const list: EventInput[] = [];
    for (const day of data.days) {
      if (day.source === "override" && day.intervals.length === 0) {
        list.push({
          id: `closed:${day.date}`,
          start: `${day.date}T00:00:00`,
          end: `${addDays(day.date, 1)}T00:00:00`,
          display: "background",
          className: styles.closed,
          title: "Day off",
        });
      }
      day.intervals.forEach((interval, index) => {
        const extendedProps: AvailabilityProps = { kind: day.source, date: day.date, weekday: day.weekday, index };
        list.push({
          id: `${day.source}:${day.date}:${index}`,
          start: wallString(day.date, interval.startMinute),
          end: wallString(day.date, interval.endMinute),
          title: day.source === "weekly" ? "Weekly hours" : "This date only",
          className: day.source === "weekly" ? styles.weekly : styles.override,
          contrastColor: day.source === "weekly" ? "#0f2f31" : "#2a1f4f",
          editable: true,
          extendedProps,
        });
      });
    }
    for (const range of data.timeOff) {
      list.push({
        id: `timeoff:${range.id}`,
        start: range.startsAt,
        end: range.endsAt,
        title: range.note ? `Time off: ${range.note}` : "Time off",
        className: styles.timeOff,
        contrastColor: "#5e1b12",
        editable: false,
        extendedProps: { kind: "timeoff", id: range.id, note: range.note },
      });
    }
    for (const booking of data.bookings) {
      list.push({
        id: `booking:${booking.id}`,
        start: booking.startsAt,
        end: booking.endsAt,
        title: `${booking.status === "HELD" ? "Awaiting payment: " : ""}${booking.clientName}, ${booking.sessionTitle}`,
        className: styles.booking,
        contrastColor: "#ffffff",
        editable: false,
        extendedProps: { kind: "booking", id: booking.id },
      });
    }
    return list;
  }, [data]);

  function finish(message: string | null, success: string, revert?: () => void) {
    if (message) {
      revert?.();
      setStatus({ tone: "error", text: message });
    } else {
      // The action's revalidatePath re-renders the page, and with it these events.
      setStatus({ tone: "ok", text: success });
    }
  }

  function choose(choice: Choice) {
    const current = pending;
    startTransition(async () => {
      const message = await choice.run();
      setPending(null);
      if (message) current?.revert?.();
      setStatus(message ? { tone: "error", text: message } : { tone: "ok", text: choice.done });
    });
  }

  function cancel() {
    pending?.revert?.();
    setPending(null);
  }

  const weeklyFor = (weekday: number) => data.weekly[weekday] ?? [];
  const dayFor = (date: string): CalendarDay | undefined => dayByDate.get(date);
  const dateText = (date: string) => formatCalendarDate(date);

  function handleSelect(info: DateSelectInfo) {
    info.view.calendar.unselect();
    const span = spanOf(info.startStr, info.endStr);
    if (!span) {
      setStatus({ tone: "error", text: "Add hours one day at a time: drag within a single day." });
      return;
    }
    const day = dayFor(span.date);
    const weekday = day?.weekday ?? 0;
    const range = `${formatMinute(span.startMinute)} to ${formatMinute(span.endMinute)}`;
    const choices: Choice[] = [
      {
        label: `Every ${weekdayName(weekday)}, ${range}`,
        run: () => saveWeekday(weekday, mergeIntervals([...weeklyFor(weekday), span])),
        done: `Saved. Your weekly ${weekdayName(weekday)} hours are now ${describeIntervals(mergeIntervals([...weeklyFor(weekday), span]))}.`,
      },
      {
        label: `Only on ${dateText(span.date)}, ${range}`,
        run: () => saveDate(span.date, mergeIntervals([...(day?.intervals ?? []), span])),
        done: `Saved. ${dateText(span.date)} now has ${describeIntervals(mergeIntervals([...(day?.intervals ?? []), span]))}.`,
      },
      {
        label: `Time off on ${dateText(span.date)}, ${range} (nobody can book it)`,
        done: `Saved. ${dateText(span.date)}, ${range} is time off.`,
        run: async () => {
          const form = new FormData();
          form.set("start", `${span.date}T${formatMinute(span.startMinute)}`);
          const end = span.endMinute >= MINUTES_PER_DAY ? `${addDays(span.date, 1)}T00:00` : `${span.date}T${formatMinute(span.endMinute)}`;
          form.set("end", end);
          return problem(await addTimeOffAction(idle, form));
        },
      },
    ];
    setPending({
      title: "Add this time",
      description:
        day?.source === "override"
          ? `${dateText(span.date)} already has its own hours (${describeIntervals(day.intervals)}), which replace the weekly ${weekdayName(weekday)} hours on that date. Times are in ${timeZone}.`
          : `${dateText(span.date)}, ${range} (${timeZone}). How should it count?`,
      choices,
    });
  }

  function handleChange(info: EventChangeInfo) {
    const props = info.oldEvent.extendedProps as AvailabilityProps;
    const span = spanOf(info.event.startStr, info.event.endStr);
    if (!span || span.date !== props.date || !(props.kind === "weekly" || props.kind === "override")) {
      info.revert();
      setStatus({ tone: "error", text: "Hours stay on their own day: drag within the day, or add them again on another day." });
      return;
    }
    const day = dayFor(props.date);
    if (!day) return info.revert();
    const changed = mergeIntervals(day.intervals.map((interval, index) => (index === props.index ? span : interval)));
    const was = formatInterval(day.intervals[props.index]);
    const now = formatInterval(span);
    if (props.kind === "override") {
      startTransition(async () => {
        finish(await saveDate(props.date, changed), `${dateText(props.date)} now has ${describeIntervals(changed)}.`, info.revert);
      });
      return;
    }
    setPending({
      title: "Change these hours",
      description: `From ${was} to ${now} (${timeZone}).`,
      choices: [
        {
          label: `Every ${weekdayName(props.weekday)}`,
          run: () => saveWeekday(props.weekday, changed),
          done: `Saved. Your weekly ${weekdayName(props.weekday)} hours are now ${describeIntervals(changed)}.`,
        },
        { label: `Only on ${dateText(props.date)}`, run: () => saveDate(props.date, changed), done: `Saved. ${dateText(props.date)} now has ${describeIntervals(changed)}.` },
      ],
      revert: info.revert,
    });
  }

  function handleClick(info: EventClickInfo) {
    info.jsEvent.preventDefault();
    const props = info.event.extendedProps as Record<string, unknown>;
    if (props.kind === "booking") {
      router.push(`/admin/bookings/${encodeURIComponent(String(props.id))}`);
      return;
    }
    if (props.kind === "timeoff") {
      const start = info.event.start ? formatDateTime(info.event.start, timeZone) : "";
      const end = info.event.end ? formatDateTime(info.event.end, timeZone) : "";
      setPending({
        title: "Time off",
        description: `${props.note ? `${props.note}: ` : ""}from ${start} to ${end}.`,
        choices: [
          {
            label: "Remove this time off",
            done: "Time off removed. That time can be booked again.",
            tone: "danger",
            run: async () => {
              const form = new FormData();
              form.set("id", String(props.id));
              return problem(await removeTimeOffAction(idle, form));
            },
          },
        ],
      });
      return;
    }
    const { kind, date, weekday, index } = props as AvailabilityProps;
    const day = dayFor(date);
    if (!day) return;
    const interval = day.intervals[index];
    const without = day.intervals.filter((_, i) => i !== index);
    const choices: Choice[] =
      kind === "weekly"
        ? [
            {
              label: `Remove ${formatInterval(interval)} from every ${weekdayName(weekday)}`,
              tone: "danger",
              run: () => saveWeekday(weekday, without),
              done: `Saved. Your weekly ${weekdayName(weekday)} hours are now ${describeIntervals(weeklyFor(weekday).filter((i) => formatInterval(i) !== formatInterval(interval)))}.`,
            },
            { label: `Remove it only on ${dateText(date)}`, tone: "danger", run: () => saveDate(date, without), done: `Saved. ${dateText(date)} now has ${describeIntervals(without)}.` },
          ]
        : [
            { label: `Remove ${formatInterval(interval)} on ${dateText(date)}`, tone: "danger", run: () => saveDate(date, without), done: `Saved. ${dateText(date)} now has ${describeIntervals(without)}.` },
            {
              label: `Use the usual ${weekdayName(weekday)} hours on ${dateText(date)} again`,
              run: () => saveDate(date, "weekly"),
              done: `Saved. ${dateText(date)} uses your weekly hours again.`,
            },
          ];
    setPending({
      title: "Available hours",
      description: `${formatInterval(interval)} on ${dateText(date)} (${timeZone}), ${kind === "weekly" ? `from your weekly ${weekdayName(weekday)} hours` : "set for this date only"}.`,
      choices,
    });
  }

  function toggleDayOff(day: CalendarDay) {
    const closed = day.source === "override" && day.intervals.length === 0;
    startTransition(async () => {
      finish(
        await saveDate(day.date, closed ? "weekly" : "closed"),
        closed ? `${dateText(day.date)} uses your weekly hours again.` : `${dateText(day.date)} is now a day off.`,
      );
    });
  }

  return (
    <div className={styles.wrap}>
      <div role="status" aria-live="polite" className={styles.status}>
        {busy ? <p className="muted">Saving…</p> : status ? <p className={status.tone === "error" ? "notice notice-warn" : "notice"}>{status.text}</p> : null}
      </div>
      {/* Outside FullCalendar's header, which hides its content from assistive tech. */}
      <div role="group" aria-labelledby="days-off-label" className={styles.daysOff}>
        <span id="days-off-label" className={styles.daysOffLabel}>
          Days off this week:
        </span>
        {data.days.map((day) => {
          const closed = day.source === "override" && day.intervals.length === 0;
          return (
            <button key={day.date} type="button" aria-pressed={closed} className={styles.dayButton} disabled={busy} onClick={() => toggleDayOff(day)}>
              {shortDate(day.date)}
              <span className="visually-hidden"> ({dateText(day.date)})</span>
              {closed ? <span aria-hidden="true"> · off</span> : null}
            </button>
          );
        })}
      </div>
      <div className={styles.calendar} data-testid="availability-calendar">
        <FullCalendar
          plugins={[classicThemePlugin, timeGridPlugin, interactionPlugin]}
          initialView="timeGridWeek"
          initialDate={data.weekStart}
          timeZone={timeZone}
          firstDay={1}
          locale="en-GB"
          headerToolbar={false}
          allDaySlot={false}
          height={640}
          scrollTime="07:30:00"
          slotDuration="00:30:00"
          snapDuration="00:15:00"
          slotHeaderFormat={{ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }}
          eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }}
          dayHeaderFormat={{ weekday: "short", day: "numeric", month: "short" }}
          nowIndicator
          selectable
          selectMirror
          slotEventOverlap={false}
          eventInteractive
          events={events}
          select={handleSelect}
          eventChange={handleChange}
          eventClick={handleClick}
          eventAllow={(span, moving) => {
            const props = moving?.extendedProps as AvailabilityProps | undefined;
            const target = spanOf(span.startStr, span.endStr);
            return Boolean(props && target && target.date === props.date);
          }}
          selectAllow={(span) => spanOf(span.startStr, span.endStr) !== null}
        />
      </div>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby="calendar-dialog-title" aria-describedby="calendar-dialog-description" onCancel={(event) => { event.preventDefault(); cancel(); }}>
        {pending ? (
          <div className="stack">
            <h2 id="calendar-dialog-title" className={styles.dialogTitle}>
              {pending.title}
            </h2>
            <p id="calendar-dialog-description">{pending.description}</p>
            <div className={styles.choices}>
              {pending.choices.map((choice) => (
                <button key={choice.label} type="button" className={choice.tone === "danger" ? `button ${styles.danger}` : "button"} disabled={busy} onClick={() => choose(choice)}>
                  {choice.label}
                </button>
              ))}
              <button type="button" className="button button-secondary" disabled={busy} onClick={cancel}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </dialog>
    </div>
  );
}
