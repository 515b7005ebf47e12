import type { ChangeEventHandler } from "react";
import { describedBy, FieldNotes } from "@/components/admin/text-field";
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
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
