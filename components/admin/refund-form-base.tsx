"use client";

import { type ReactNode, useActionState, useId, useState } from "react";
import { ResultNotice } from "@/components/admin/result-notice";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, idle } from "@/lib/http/action-state";

/**
 * The parts the coach's refund forms share (a booking's, an order's): everything still paid or part
 * of it, an optional note that goes out in the refund email, the button and the result read out.
 * What differs comes in as props; the server checks the amount against what is left.
 */
export function RefundFormBase<Result extends { amount: string }>({
  action,
  idName,
  idValue,
  currency,
  remaining,
  example,
  amountHint = "",
  trackAmount = false,
  beforeNote,
  noteTo,
  noteHint,
  success,
}: {
  action: (previous: ActionState<Result>, formData: FormData) => Promise<ActionState<Result>>;
  /** The hidden field that names what is refunded ("bookingId", "orderId") and its value. */
  idName: string;
  idValue: string;
  currency: string;
  /** "£95.00": what can still be refunded. */
  remaining: string;
  /** "20 or 20.50": the example in the amount's hint. */
  example: string;
  /** Said after the amount's hint. */
  amountHint?: string;
  /** The typed amount is kept in state (and handed to beforeNote), not left to the input. */
  trackAmount?: boolean;
  /** Shown between the amount and the note, from the choice as it stands. */
  beforeNote?: (choice: { id: string; kind: "full" | "partial"; amount: string }) => ReactNode;
  /** "the buyer": who the note goes to. */
  noteTo: string;
  noteHint: string;
  /** The result read out after a refund. */
  success: (result: Result) => string;
}) {
  const [kind, setKind] = useState<"full" | "partial">("full");
  const [amount, setAmount] = useState("");
  const [state, submit, pending] = useActionState<ActionState<Result>, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    // React resets the form after a successful action (the radios go back to "everything"): the
    // state follows, so what is shown and what is sent stay the same.
    if (next.status === "success") {
      setKind("full");
      setAmount("");
    }
    return next;
  }, idle);
  const id = useId();
  const fields = state.status === "error" ? (state.fields ?? {}) : {};
  const amountError = fields.amount ?? fields.amountCents;
  const reasonError = fields.reason;

  return (
    <form action={submit} className="stack" noValidate>
      <input type="hidden" name={idName} value={idValue} />
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
            {...(trackAmount ? { value: amount, onChange: (event: React.ChangeEvent<HTMLInputElement>) => setAmount(event.target.value) } : {})}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={`${id}-amount-hint${amountError ? ` ${id}-amount-error` : ""}`}
          />
          <span id={`${id}-amount-hint`} className="field-hint">
            For example {example}; up to {remaining}.{amountHint}
          </span>
          <FieldError id={`${id}-amount-error`} message={amountError} />
        </div>
      </div>
      {beforeNote?.({ id, kind, amount })}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Note to {noteTo} (optional)</label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={2000}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
        />
        <span id={`${id}-reason-hint`} className="field-hint">
          {noteHint}
        </span>
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Refunding…" : kind === "full" ? `Refund ${remaining}` : "Refund this amount"}
        </button>
      </div>
      <ResultNotice state={state} success={success} />
    </form>
  );
}
