"use client";

import { useActionState, useEffect, useRef } from "react";
import { FieldError } from "@/components/ui/field-error";
import { PendingSubmitButton } from "@/components/ui/pending-submit-button";
import { idle, type ActionState } from "@/lib/http/action-state";

type State = ActionState<undefined>;
type Action = (previous: State, formData: FormData) => Promise<State>;

/** The buyer's email and "Continue to payment". On success the server redirects to the payment page. */
export function CheckoutForm({ action, email, total, signedIn }: { action: Action; email: string; total: string; signedIn: boolean }) {
  const [state, submit, pending] = useActionState<State, FormData>(action, idle);
  const answer = useRef<HTMLDivElement>(null);
  const fieldError = state.status === "error" ? state.fields?.email : undefined;
  const problem = state.status === "error" && !fieldError ? state.message : undefined;
  useEffect(() => {
    if (problem) answer.current?.focus();
  }, [problem]);

  return (
    <form action={submit} className="stack" noValidate>
      <div className="field">
        <label htmlFor="checkout-email">Email address</label>
        <input
          id="checkout-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={email}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`checkout-email-hint${fieldError ? " checkout-email-error" : ""}`}
        />
        <span id="checkout-email-hint" className="field-hint">
          {signedIn
            ? "Your receipt goes here, and your purchases appear in the library of the account with this address."
            : "Your receipt goes here, with a link to your library where your purchases stay. No account or password needed."}
        </span>
        <FieldError id="checkout-email-error" message={fieldError} />
      </div>
      {problem ? (
        <div ref={answer} tabIndex={-1} className="notice notice-warn" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      <p>
        <PendingSubmitButton pending={pending} className="button" label={`Continue to payment (${total})`} pendingLabel="Opening the payment page…" />
      </p>
    </form>
  );
}
