"use client";

import { useActionState, useState } from "react";
import type { RemoveTimeOffState, TimeOffState } from "@/app/admin/availability/actions";
import { FieldError } from "@/components/ui/field-error";
import { idle } from "@/lib/http/action-state";
import styles from "./availability-editor.module.css";
import { RemoveForm } from "./remove-form";
import { TimeField } from "./weekly-hours-editor";

type AddAction = (previous: TimeOffState, formData: FormData) => Promise<TimeOffState>;
type RemoveAction = (previous: RemoveTimeOffState, formData: FormData) => Promise<RemoveTimeOffState>;

/** Time off from a start to an end on the coach's clock, with an optional note for herself. */
export function TimeOffForm({ action, timeZone }: { action: AddAction; timeZone: string }) {
  const [state, submit, pending] = useActionState<TimeOffState, FormData>(action, idle);
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [note, setNote] = useState("");
  const [lastSuccess, setLastSuccess] = useState(state);
  if (state !== lastSuccess && state.status === "success") {
    setLastSuccess(state);
    setStart("");
    setEnd("");
    setNote("");
  }
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const overlapping = state.status === "success" ? state.result.overlappingBookings : 0;

  return (
    <form action={submit} className="stack" noValidate>
      <div className={styles.row}>
        <TimeField id="time-off-start" name="start" type="datetime-local" label="Starts" hidden={timeZone} value={start} onChange={setStart} error={fields.start} />
        <TimeField id="time-off-end" name="end" type="datetime-local" label="Ends" hidden={timeZone} value={end} onChange={setEnd} error={fields.end} />
      </div>
      <div className="field">
        <label htmlFor="time-off-note">Note for yourself (optional)</label>
        <input
          id="time-off-note"
          name="note"
          type="text"
          maxLength={200}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={fields.note ? true : undefined}
          aria-describedby={fields.note ? "time-off-note-error" : "time-off-note-hint"}
        />
        <span id="time-off-note-hint" className="field-hint">
          Only you see it, for example “Holiday”.
        </span>
        <FieldError id="time-off-note-error" message={fields.note} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Adding…" : "Add time off"}
        </button>
      </div>
      <div role="status">
        {state.status === "error" ? <p className="field-error">{state.message}</p> : null}
        {state.status === "success" ? (
          <p className={overlapping ? "notice notice-warn" : "muted"}>
            Time off added. Nobody can book that time now.
            {overlapping
              ? ` ${overlapping} ${overlapping === 1 ? "session is" : "sessions are"} already booked in it and ${overlapping === 1 ? "stays" : "stay"} booked: cancel from Bookings if you need to.`
              : ""}
          </p>
        ) : null}
      </div>
    </form>
  );
}

export function RemoveTimeOffButton({ action, id, label }: { action: RemoveAction; id: string; label: string }) {
  return <RemoveForm action={action} hiddenFields={{ id }} what={`time off ${label}`} />;
}
