"use client";

import { useActionState, useState } from "react";
import type { SessionTypeFormState } from "@/app/admin/session-types/actions";
import { FieldError } from "@/components/ui/field-error";
import { idle } from "@/lib/http/action-state";
import { IntakeQuestionsEditor, type EditableQuestion } from "./intake-questions-editor";
import formStyles from "@/components/admin/admin-form.module.css";
import { CurrencyField } from "@/components/admin/currency-field";
import { SaveButton } from "@/components/admin/save-button";
import { SavedStatus } from "@/components/admin/saved-status";
import { describedBy, TextField } from "@/components/admin/text-field";

export type SessionTypeValues = {
  id?: string;
  title: string;
  slug: string;
  description: string;
  durationMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  noticeHours: string;
  noticeMinutes: string;
  horizonDays: string;
  slotIntervalMinutes: string;
  maxPerDay: string;
  price: string;
  currency: string;
  active: boolean;
  intakeQuestions: EditableQuestion[];
};

type Props = {
  action: (previous: SessionTypeFormState, formData: FormData) => Promise<SessionTypeFormState>;
  initial: SessionTypeValues;
  submitLabel: string;
};

// Domain errors name the stored fields; these are the form fields that show them.
const aliases: Record<string, string> = { priceCents: "price", minimumNoticeMinutes: "noticeHours" };

/** Create and edit share this form. Every value is kept as typed when a save fails. */
export function SessionTypeForm({ action, initial, submitLabel }: Props) {
  const [state, submit, pending] = useActionState<SessionTypeFormState, FormData>(action, idle);
  const [values, setValues] = useState(initial);
  const raw = state.status === "error" ? (state.fields ?? {}) : {};
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(raw)) fields[aliases[key] ?? key] ??= message;
  const set = (name: keyof SessionTypeValues) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  const text = (name: keyof SessionTypeValues, label: string, options: { hint?: string; inputMode?: "numeric" | "decimal"; suffix?: string; required?: boolean } = {}) => (
    <TextField id={`session-type-${name}`} name={name} label={label} value={String(values[name] ?? "")} onChange={set(name)} error={fields[name]} {...options} />
  );

  return (
    <form action={submit} className="stack" noValidate>
      {values.id ? <input type="hidden" name="id" value={values.id} /> : null}
      <SavedStatus state={state} fieldsMarked={Object.keys(raw).length > 0} />

      <section className={`card stack ${formStyles.section}`} aria-labelledby="about-heading">
        <h2 id="about-heading">About the session</h2>
        {text("title", "Title", { required: true })}
        {text("slug", "Web address", { hint: `Lowercase letters, digits and hyphens. The booking page is /book/${values.slug || "…"}.`, required: true })}
        <div className="field">
          <label htmlFor="session-type-description">Description</label>
          <textarea
            id="session-type-description"
            name="description"
            rows={5}
            value={values.description}
            onChange={set("description")}
            aria-invalid={fields.description ? true : undefined}
            aria-describedby={describedBy("session-type-description", false, fields.description)}
          />
          <FieldError id="session-type-description-error" message={fields.description} />
        </div>
        <div className="check">
          <input id="session-type-active" name="active" type="checkbox" checked={values.active} onChange={(event) => setValues({ ...values, active: event.target.checked })} />
          <label htmlFor="session-type-active">Offer this session on the booking pages</label>
        </div>
        <p className="field-hint">Untick to stop new bookings. Booked sessions stay as they are; nothing is deleted.</p>
      </section>

      <section className={`card stack ${formStyles.section}`} aria-labelledby="timing-heading">
        <h2 id="timing-heading">Timing</h2>
        <div className={formStyles.grid}>
          {text("durationMinutes", "Length", { inputMode: "numeric", suffix: "minutes", required: true })}
          {text("bufferBeforeMinutes", "Break before", { inputMode: "numeric", suffix: "minutes", hint: "Kept free before each session." })}
          {text("bufferAfterMinutes", "Break after", { inputMode: "numeric", suffix: "minutes", hint: "Kept free after each session." })}
          {text("slotIntervalMinutes", "Start times every", { inputMode: "numeric", suffix: "minutes", hint: "Empty: every session length." })}
        </div>
        <fieldset className="field-group">
          <legend className={formStyles.legend}>Minimum notice</legend>
          <p className="field-hint">How long before a session it can still be booked.</p>
          <div className={formStyles.grid}>
            {text("noticeHours", "Hours", { inputMode: "numeric" })}
            {text("noticeMinutes", "Minutes", { inputMode: "numeric" })}
          </div>
        </fieldset>
        <div className={formStyles.grid}>
          {text("horizonDays", "Bookable up to", { inputMode: "numeric", suffix: "days ahead", required: true })}
          {text("maxPerDay", "At most per day", { inputMode: "numeric", hint: "Empty: no limit." })}
        </div>
      </section>

      <section className={`card stack ${formStyles.section}`} aria-labelledby="price-heading">
        <h2 id="price-heading">Payment</h2>
        <div className={formStyles.grid}>
          {text("price", "Price", { inputMode: "decimal", hint: "0 makes the session free, for example 95 or 95.50." })}
          <CurrencyField id="session-type-currency" value={values.currency} onChange={set("currency")} error={fields.currency} />
        </div>
      </section>

      <section className={`card stack ${formStyles.section}`} aria-labelledby="questions-heading">
        <h2 id="questions-heading">Questions when booking</h2>
        <p className="muted">Asked after the client picks a time. Keep them few and gentle.</p>
        {/* Remounted when a save gives new questions their ids, so the next save keeps them. */}
        <IntakeQuestionsEditor key={JSON.stringify(initial.intakeQuestions)} initial={initial.intakeQuestions} fields={fields} />
      </section>

      <SaveButton pending={pending} label={submitLabel} />
    </form>
  );
}
