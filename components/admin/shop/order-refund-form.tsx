"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { OrderRefundState } from "@/app/admin/orders/actions";
import { FieldError } from "@/components/ui/field-error";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";
import { idle } from "@/lib/http/action-state";

type RefundAction = (previous: OrderRefundState, formData: FormData) => Promise<OrderRefundState>;

/**
 * The coach's refund of an order: everything still paid, or part of it, an optional note for the
 * buyer, and, for a full refund of an order that gave downloads or a course, whether the buyer keeps
 * access (unticked: access is taken back). The server checks the amount against what is left.
 */
export function OrderRefundForm({
  action,
  orderId,
  currency,
  remainingCents,
  remaining,
  hasAccess,
}: {
  action: RefundAction;
  orderId: string;
  currency: string;
  remainingCents: number;
  /** "£18.00": what can still be refunded. */
  remaining: string;
  /** The order gave downloads or a course that are still active. */
  hasAccess: boolean;
}) {
  const [kind, setKind] = useState<"full" | "partial">("full");
  const [amount, setAmount] = useState("");
  const [state, submit, pending] = useActionState<OrderRefundState, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    // React resets the form after a successful action (the radios go back to "everything"): the
    // state follows, so what is shown and what is sent stay the same.
    if (next.status === "success") {
      setKind("full");
      setAmount("");
    }
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
  // Typing everything that is left as a "part" is a full refund too: the same choice applies.
  const full = kind === "full" || parseMoneyAmount(amount, currency) === remainingCents;
  const offerKeepAccess = hasAccess && full;

  return (
    <form action={submit} className="stack" noValidate>
      <input type="hidden" name="orderId" value={orderId} />
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
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={`${id}-amount-hint${amountError ? ` ${id}-amount-error` : ""}`}
          />
          <span id={`${id}-amount-hint`} className="field-hint">
            For example 5 or 5.50; up to {remaining}.{hasAccess ? " A partial refund leaves the buyer’s downloads and course access as they are." : ""}
          </span>
          <FieldError id={`${id}-amount-error`} message={amountError} />
        </div>
      </div>
      {offerKeepAccess ? (
        <div className="stack">
          <div className="check">
            <input id={`${id}-keep`} type="checkbox" name="keepAccess" aria-describedby={`${id}-keep-hint`} />
            <label htmlFor={`${id}-keep`}>Keep access to downloads</label>
          </div>
          <span id={`${id}-keep-hint`} className="field-hint">
            Unticked, a full refund takes back the downloads and course access this order gave; the buyer’s library says it was refunded. Tick it to let them keep everything.
          </span>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Note to the buyer (optional)</label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={2000}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
        />
        <span id={`${id}-reason-hint`} className="field-hint">
          Included in the email that tells them about the refund.
        </span>
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Refunding…" : kind === "full" ? `Refund ${remaining}` : "Refund this amount"}
        </button>
      </div>
      <p ref={result} tabIndex={-1} role="status" className={state.status === "error" ? "notice notice-warn" : state.status === "success" ? "notice" : undefined}>
        {state.status === "error"
          ? state.message
          : state.status === "success"
            ? `Refund of ${state.result.amount} recorded and on its way back to the buyer; they get an email about it.${
                state.result.revoked > 0 ? " Their downloads and course access from this order have been taken back." : state.result.fullyRefunded && hasAccess ? " They keep their downloads and course access." : ""
              }`
            : null}
      </p>
    </form>
  );
}
