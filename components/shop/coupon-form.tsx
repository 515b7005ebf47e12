"use client";

import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { PendingSubmitButton } from "@/components/ui/pending-submit-button";
import { idle, type ActionState } from "@/lib/http/action-state";

type State = ActionState<{ code: string }>;
type Action = (previous: State, formData: FormData) => Promise<State>;

/** The discount code field. The server checks the code against the cart and answers next to the field. */
export function CouponForm({ action }: { action: Action }) {
  const [state, submit, pending] = useActionState<State, FormData>(action, idle);
  const error = state.status === "error" ? (state.fields?.code ?? state.message) : undefined;
  return (
    <form action={submit} className="stack" noValidate>
      <div className="field">
        <label htmlFor="coupon-code">Discount code</label>
        <input
          id="coupon-code"
          name="code"
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "coupon-code-error" : undefined}
          defaultValue={state.status === "error" ? undefined : ""}
        />
        <FieldError id="coupon-code-error" message={error} />
      </div>
      <p>
        <PendingSubmitButton pending={pending} className="button button-secondary" label="Apply code" pendingLabel="Checking…" />
      </p>
      <div role="status" aria-live="polite" className="visually-hidden">
        {state.status === "success" ? `Code ${state.result.code} applied.` : ""}
      </div>
    </form>
  );
}
