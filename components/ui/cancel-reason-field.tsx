import { FieldError } from "./field-error";

/**
 * The optional message sent with a cancellation, for the client's and the coach's cancel forms.
 * The hint says who reads it, which differs between the two.
 */
export function CancelReasonField({ label, hint, error }: { label: string; hint: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor="cancel-reason">{label}</label>
      <textarea
        id="cancel-reason"
        name="reason"
        rows={4}
        maxLength={2000}
        aria-describedby={error ? "cancel-reason-hint cancel-reason-error" : "cancel-reason-hint"}
        aria-invalid={error ? true : undefined}
      />
      <span id="cancel-reason-hint" className="field-hint">
        {hint}
      </span>
      <FieldError id="cancel-reason-error" message={error} />
    </div>
  );
}
