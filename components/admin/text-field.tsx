import type { ChangeEventHandler } from "react";
import { FieldError } from "@/components/ui/field-error";

/** What a field's control points at: its hint and its error, when shown (`${id}-hint`, `${id}-error`). */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A one-line input of an admin edit form, with its label, optional hint and error. */
export function TextField({
  id,
  name,
  label,
  suffix,
  hint,
  error,
  value,
  onChange,
  inputMode,
  required,
  maxLength,
}: {
  id: string;
  name: string;
  label: string;
  /** The unit after the label: "minutes". */
  suffix?: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: ChangeEventHandler<HTMLInputElement>;
  inputMode?: "numeric" | "decimal";
  required?: boolean;
  maxLength?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {suffix ? <span className="muted"> ({suffix})</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        value={value}
        onChange={onChange}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), error)}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** A field's hint and error under its control, with the ids describedBy points at. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}
