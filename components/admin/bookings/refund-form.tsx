"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { RefundState } from "@/app/admin/bookings/actions";
import { FieldError } from "@/components/ui/field-error";
import { idle } from "@/lib/http/action-state";

type RefundAction = (previous: RefundState, formData: FormData) => Promise<RefundState>;

/**
 * The coach's refund: everything still refundable, or part of it, with an optional note that goes
 * to the client in the refund email. The server checks the amount against what is left.
 */
export function RefundForm({
  action,
  bookingId,
  currency,
  remaining,
  clientName,
}: {
  action: RefundAction;
  bookingId: string;
  currency: string;
  /** "£95.00": what can still be refunded. */
  remaining: string;
  clientName: string;
}) {
  const [kind, setKind] = useState<"full" | "partial">("full");
  const [state, submit, pending] = useActionState<RefundState, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    // React resets the form after a successful action (the radios go back to "everything"): the
    // state follows, so what is shown and what is sent stay the same.
    if (next.status === "success") setKind("full");
    return next;
  }, idle);
  const result = useRef<HTMLParagraphElement>(null);
  const id = useId();
  useEffect(() => {
    if (state.status !== "idle") result.current?.focus();
  }, [state]);
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const amountError = fields.amount ?? fields.amountCents;
  const reasonError = fields.reason;

  return (
    <form action={submit} className="stack" noValidate>
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="currency" value={currency} />
      <fieldset className="field-group">
        <legend>How much to refund</legend>
        <label className="check">
          <input type="radio" name="kind" value="full" checked={kind === "full"} onChange={() => setKind("full")} />
          Everything still paid: {remaining}
        </label>
        <label className="check">
          <input type="radio" name="kind" value="partial" checked={kind === "partial"} onChange={() => setKind("partial")} />
          Part of it
        </label>
      </fieldset>
      {/* The wrapper carries `hidden`: .field sets display, which would override it. */}
      <div hidden={kind !== "partial"}>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Amount to refund ({currency})</label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            aria-invalid={amountError ? true : undefined}
            aria-describedby={`${id}-amount-hint${amountError ? ` ${id}-amount-error` : ""}`}
          />
          <span id={`${id}-amount-hint`} className="field-hint">
            For example 20 or 20.50; up to {remaining}.
          </span>
          <FieldError id={`${id}-amount-error`} message={amountError} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Note to {clientName} (optional)</label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={2000}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
        />
        <span id={`${id}-reason-hint`} className="field-hint">
          Included in the email that tells them about the refund. The booking itself stays as it is.
        </span>
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Refunding…" : kind === "full" ? `Refund ${remaining}` : "Refund this amount"}
        </button>
      </div>
      <p
        ref={result}
        tabIndex={-1}
        role="status"
        className={state.status === "error" ? "notice notice-warn" : state.status === "success" ? "notice" : undefined}
      >
        {state.status === "error"
          ? state.message
          : state.status === "success"
            ? `Refund of ${state.result.amount} recorded and on its way to the client's card; they get an email about it.`
            : null}
      </p>
    </form>
  );
}
