import type { ChangeEventHandler } from "react";
import { describedBy } from "@/components/admin/text-field";
import { FieldError } from "@/components/ui/field-error";
import { CURRENCIES } from "@/lib/session-types/limits";

/** The currency picker next to a price, with an optional hint and its error. */
export function CurrencyField({
  id,
  value,
  onChange,
  hint,
  error,
}: {
  id: string;
  value: string;
  onChange: ChangeEventHandler<HTMLSelectElement>;
  hint?: string;
  error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>Currency</label>
      <select id={id} name="currency" value={value} onChange={onChange} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, Boolean(hint), error)}>
        {CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
