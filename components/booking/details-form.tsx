"use client";

import type { FormEvent, ReactNode, Ref } from "react";
import type { IntakeQuestion } from "@/lib/catalogue/intake-questions";
import { fieldId, type Details } from "./details-checks";
import { questionLabel } from "./labels";
import styles from "./booking.module.css";

type Props = {
  questions: IntakeQuestion[];
  details: Details;
  onChange: (details: Details) => void;
  /** Keyed "name", "email", "answers.<question id>" (the API's field names). */
  errors: Record<string, string>;
  sending: boolean;
  onSubmit: () => void;
  formRef?: Ref<HTMLFormElement>;
  submitLabel: string;
  /** What the button says while the request is on its way; "Booking your session…" by default. */
  sendingLabel?: string;
  /** Shown just above the button (a paid session says what happens next). */
  beforeSubmit?: ReactNode;
};

export function DetailsForm({ questions, details, onChange, errors, sending, onSubmit, formRef, submitLabel, sendingLabel, beforeSubmit }: Props) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!sending) onSubmit();
  }

  const setAnswer = (id: string, value: string) => onChange({ ...details, answers: { ...details.answers, [id]: value } });
  const describedBy = (key: string, hint?: boolean) =>
    [hint ? `${fieldId(key)}-hint` : "", errors[key] ? `${fieldId(key)}-error` : ""].filter(Boolean).join(" ") || undefined;
  const errorText = (key: string) =>
    errors[key] ? (
      <span id={`${fieldId(key)}-error`} className="field-error">
        {errors[key]}
      </span>
    ) : null;

  return (
    <form ref={formRef} className="stack" noValidate onSubmit={handleSubmit}>
      <div className="field">
        <label htmlFor={fieldId("name")}>Your name (required)</label>
        <input
          id={fieldId("name")}
          name="name"
          autoComplete="name"
          required
          maxLength={200}
          value={details.name}
          onChange={(event) => onChange({ ...details, name: event.target.value })}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name")}
        />
        {errorText("name")}
      </div>

      <div className="field">
        <label htmlFor={fieldId("email")}>Email address (required)</label>
        <input
          id={fieldId("email")}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          spellCheck={false}
          required
          maxLength={320}
          value={details.email}
          onChange={(event) => onChange({ ...details, email: event.target.value })}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email", true)}
        />
        <span id={`${fieldId("email")}-hint`} className="field-hint">
          Your confirmation and a calendar invite are sent here.
        </span>
        {errorText("email")}
      </div>

      {questions.map((question) => {
        const key = `answers.${question.id}`;
        const id = fieldId(key);
        const label = questionLabel(question.label, question.required);
        if (question.type === "text") {
          return (
            <div className="field" key={question.id}>
              <label htmlFor={id}>{label}</label>
              <textarea
                id={id}
                name={key}
                rows={4}
                maxLength={2000}
                required={question.required}
                value={details.answers[question.id] ?? ""}
                onChange={(event) => setAnswer(question.id, event.target.value)}
                aria-invalid={errors[key] ? true : undefined}
                aria-describedby={describedBy(key)}
              />
              {errorText(key)}
            </div>
          );
        }
        return (
          <fieldset className={styles.choices} key={question.id} aria-describedby={describedBy(key)}>
            <legend>{label}</legend>
            {errorText(key)}
            {question.options.map((option, index) => (
              <label className={styles.choice} key={option}>
                <input
                  type="radio"
                  id={index === 0 ? id : undefined}
                  name={key}
                  value={option}
                  required={question.required}
                  checked={details.answers[question.id] === option}
                  onChange={() => setAnswer(question.id, option)}
                />
                {option}
              </label>
            ))}
          </fieldset>
        );
      })}

      {beforeSubmit}
      <p>
        <button type="submit" className="button" aria-disabled={sending ? true : undefined}>
          {sending ? (sendingLabel ?? "Booking your session…") : submitLabel}
        </button>
      </p>
    </form>
  );
}
