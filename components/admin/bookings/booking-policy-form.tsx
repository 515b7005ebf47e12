"use client";

import { useActionState } from "react";
import type { BookingPolicyState } from "@/app/admin/bookings/actions";
import { ResultNotice } from "@/components/admin/result-notice";
import { SaveButton } from "@/components/admin/save-button";
import { FieldError } from "@/components/ui/field-error";
import { idle } from "@/lib/http/action-state";

type PolicyAction = (previous: BookingPolicyState, formData: FormData) => Promise<BookingPolicyState>;

/** The refund a client gets when cancelling a paid session after the cutoff, as a percentage. */
export function BookingPolicyForm({ action, percent, cutoffHours }: { action: PolicyAction; percent: number; cutoffHours: number }) {
  const [state, submit, pending] = useActionState<BookingPolicyState, FormData>(action, idle);
  const error = state.status === "error" ? state.fields?.lateCancellationRefundPercent : undefined;
  return (
    <form action={submit} className="stack" noValidate>
      <div className="field">
        <label htmlFor="late-refund-percent">Refund after the cutoff (%)</label>
        <input
          id="late-refund-percent"
          name="lateCancellationRefundPercent"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          defaultValue={percent}
          aria-invalid={error ? true : undefined}
          aria-describedby={`late-refund-percent-hint${error ? " late-refund-percent-error" : ""}`}
        />
        <span id="late-refund-percent-hint" className="field-hint">
          Clients who cancel a paid session less than {cutoffHours} hours before it get this share of the price back. 0 means no
          refund; before the cutoff they always get a full refund. Clients see the amount before they confirm.
        </span>
        <FieldError id="late-refund-percent-error" message={error} />
      </div>
      <SaveButton pending={pending} label="Save policy" />
      <ResultNotice state={state} success={(result) => `Saved: ${result.lateCancellationRefundPercent}% back after the cutoff.`} />
    </form>
  );
}
