"use client";

import { useActionState, useState } from "react";
import type { DateOverrideState } from "@/app/admin/availability/actions";
import { idle } from "@/lib/http/action-state";
import { formatCalendarDate } from "@/lib/time/format";
import styles from "./availability-editor.module.css";
import { RemoveForm } from "./remove-form";
import { TimeField } from "./weekly-hours-editor";

type Action = (previous: DateOverrideState, formData: FormData) => Promise<DateOverrideState>;
type Mode = "closed" | "hours" | "weekly";

const ROWS = 3;
const blankRows = () => Array.from({ length: ROWS }, () => ({ start: "", end: "" }));

/** Other hours, or a day off, on one date; or back to the weekly hours. */
export function DateOverrideForm({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState<DateOverrideState, FormData>(action, idle);
  const [date, setDate] = useState("");
  const [mode, setMode] = useState<Mode>("closed");
  const [rows, setRows] = useState(blankRows);
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const [lastSuccess, setLastSuccess] = useState(state);
  if (state !== lastSuccess && state.status === "success") {
    // A saved date clears the form for the next one (adjusting state while rendering, React's pattern).
    setLastSuccess(state);
    setDate("");
    setMode("closed");
    setRows(blankRows());
  }
  const saved =
    state.status === "success"
      ? state.result.mode === "closed"
        ? `Saved: ${formatCalendarDate(state.result.date)} is a day off.`
        : state.result.mode === "weekly"
          ? `Saved: ${formatCalendarDate(state.result.date)} uses your weekly hours.`
          : `Saved: ${formatCalendarDate(state.result.date)} has its own hours.`
      : null;

  return (
    <form action={submit} className="stack" noValidate>
      <TimeField id="override-date" name="date" type="date" label="Date" value={date} onChange={setDate} error={fields.date} />
      <fieldset className="field-group">
        <legend className={styles.legend}>On that date</legend>
        {(
          [
            ["closed", "Closed all day (a day off)"],
            ["hours", "Different hours (below)"],
            ["weekly", "The usual weekly hours (removes a change made before)"],
          ] as const
        ).map(([value, label]) => (
          <div key={value} className="check">
            <input type="radio" id={`override-mode-${value}`} name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
            <label htmlFor={`override-mode-${value}`}>{label}</label>
          </div>
        ))}
        {fields.mode ? <span className="field-error">{fields.mode}</span> : null}
      </fieldset>
      <fieldset className={`field-group ${styles.dimWhenDisabled}`} disabled={mode !== "hours"}>
        <legend className={styles.legend}>Hours on that date</legend>
        <p className="field-hint">Used with “Different hours”. Leave rows you don’t need empty. To work until midnight, enter 00:00 as the end.</p>
        <ul className={styles.rows}>
          {rows.map((row, index) => (
            <li key={index} className={styles.row}>
              <TimeField
                id={`override-${index}-start`}
                name={`intervals.${index}.start`}
                label="From"
                hidden={`stretch ${index + 1} on that date`}
                value={row.start}
                error={fields[`intervals.${index}.startMinute`]}
                onChange={(start) => setRows(rows.map((r, i) => (i === index ? { ...r, start } : r)))}
              />
              <TimeField
                id={`override-${index}-end`}
                name={`intervals.${index}.end`}
                label="Until"
                hidden={`stretch ${index + 1} on that date`}
                value={row.end}
                error={fields[`intervals.${index}.endMinute`]}
                onChange={(end) => setRows(rows.map((r, i) => (i === index ? { ...r, end } : r)))}
              />
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save this date"}
        </button>
      </div>
      <p role="status" className={state.status === "error" ? "field-error" : "muted"}>
        {state.status === "error" ? state.message : saved}
      </p>
    </form>
  );
}

/** "Remove" next to a date in the list: the weekly hours apply again on it. */
export function RemoveOverrideButton({ action, date }: { action: Action; date: string }) {
  return <RemoveForm action={action} hiddenFields={{ date, mode: "weekly" }} what={`the change on ${formatCalendarDate(date)}`} />;
}
