"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { WeeklyHoursState } from "@/app/admin/availability/actions";
import { FieldError } from "@/components/ui/field-error";
import { formatInterval, formatMinute, MINUTES_PER_DAY, weekdayName } from "@/lib/availability/intervals";
import { idle } from "@/lib/http/action-state";
import type { MinuteInterval } from "@/lib/scheduling/types";
import styles from "./availability-editor.module.css";

type Props = {
  weekday: number;
  intervals: MinuteInterval[];
  action: (previous: WeeklyHoursState, formData: FormData) => Promise<WeeklyHoursState>;
};

/** A time input's value for a minute of the day; the end of the day shows as 00:00. */
export function timeValue(minute: number): string {
  return formatMinute(minute >= MINUTES_PER_DAY ? 0 : minute);
}

type Row = { start: string; end: string };

/**
 * One weekday's weekly hours as a plain form: each stretch with labelled "from" and "until" time
 * inputs and its own Remove button, a spare row to add one, and Save. Every button sends the whole
 * day to the server (setWeeklyRules replaces the day at once). Works with a keyboard and a screen
 * reader, unlike the calendar above it; both call the same action.
 */
export function WeeklyHoursEditor({ weekday, intervals, action }: Props) {
  const [state, submit, pending] = useActionState<WeeklyHoursState, FormData>(action, idle);
  const name = weekdayName(weekday);
  const id = `weekday-${weekday}`;
  // Saved hours reset the rows; a failed save keeps what was typed (the rows are controlled).
  const signature = intervals.map(formatInterval).join(",");
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === "success" && state.result.removed) statusRef.current?.focus();
  }, [state]);
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const message =
    state.status === "success"
      ? state.result.count === 0
        ? `Saved: no weekly hours on ${name}s.`
        : `Saved: ${name}'s hours are ${intervals.map(formatInterval).join(", ")}.`
      : state.status === "error" && Object.keys(fields).length === 0
        ? state.message
        : state.status === "error"
          ? `${name}'s hours were not saved. ${state.message}`
          : null;

  return (
    <form action={submit} className={styles.day} aria-labelledby={`${id}-legend`} noValidate>
      <fieldset className="field-group">
        <legend id={`${id}-legend`} className={styles.legend}>
          {name}
        </legend>
        <input type="hidden" name="weekday" value={weekday} />
        <DayRows key={signature} weekday={weekday} intervals={intervals} fields={fields} pending={pending} />
        <p ref={statusRef} tabIndex={-1} role="status" className={state.status === "error" ? "field-error" : "muted"}>
          {message}
        </p>
      </fieldset>
    </form>
  );
}

function DayRows({ weekday, intervals, fields, pending }: { weekday: number; intervals: MinuteInterval[]; fields: Record<string, string>; pending: boolean }) {
  const name = weekdayName(weekday);
  const [rows, setRows] = useState<Row[]>(() => intervals.map((i) => ({ start: timeValue(i.startMinute), end: timeValue(i.endMinute) })));
  const [spare, setSpare] = useState<Row>({ start: "", end: "" });
  const id = `weekday-${weekday}`;

  const timeField = (rowKey: string, part: "start" | "end", label: string, value: string, onChange: (value: string) => void, hidden: string) => (
    <TimeField id={`${id}-${rowKey.replace(/\./g, "-")}-${part}`} name={`${rowKey}.${part}`} error={fields[`${rowKey}.${part}Minute`]} label={label} hidden={hidden} value={value} onChange={onChange} />
  );

  return (
    <>
      {rows.length === 0 ? <p className="muted">No weekly hours on {name}s.</p> : null}
      <ul className={styles.rows}>
        {rows.map((row, index) => {
          const label = `${name}, stretch ${index + 1}`;
          return (
            <li key={index} className={styles.row}>
              {timeField(`intervals.${index}`, "start", "From", row.start, (start) => setRows(rows.map((r, i) => (i === index ? { ...r, start } : r))), label)}
              {timeField(`intervals.${index}`, "end", "Until", row.end, (end) => setRows(rows.map((r, i) => (i === index ? { ...r, end } : r))), label)}
              <button type="submit" name="intent" value={`remove:${index}`} className="button button-secondary" disabled={pending}>
                Remove<span className="visually-hidden"> {row.start} to {row.end} on {name}s</span>
              </button>
            </li>
          );
        })}
        <li className={styles.row}>
          {timeField("add.0", "start", "Add from", spare.start, (start) => setSpare({ ...spare, start }), `new stretch on ${name}s`)}
          {timeField("add.0", "end", "Until", spare.end, (end) => setSpare({ ...spare, end }), `new stretch on ${name}s`)}
        </li>
      </ul>
      <p className="field-hint">Times are on your clock. To work until midnight, enter 00:00 as the end.</p>
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button" disabled={pending}>
          {pending ? "Saving…" : `Save ${name}`}
        </button>
      </div>
    </>
  );
}

type TimeFieldProps = { id: string; name: string; label: string; hidden?: string; value: string; error?: string; onChange: (value: string) => void; type?: "time" | "datetime-local" | "date" };

/** A labelled time (or date-time) input with its error underneath, tied together for screen readers. */
export function TimeField({ id, name, label, hidden, value, error, onChange, type = "time" }: TimeFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {hidden ? <span className="visually-hidden"> ({hidden})</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
