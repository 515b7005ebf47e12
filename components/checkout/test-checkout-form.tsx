"use client";

import { useActionState, useEffect, useRef } from "react";
// From action-state, not lib/http/action: that would pull next/server and zod into the browser.
import { idle, type ActionState } from "@/lib/http/action-state";

type State = ActionState<undefined>;
type Action = (previous: State, formData: FormData) => Promise<State>;

/**
 * "Pay (test)" and "Cancel and go back" on the test-mode checkout page. Both are server actions that
 * redirect when done; an answer that isn't a redirect (the checkout closed meanwhile) is shown here
 * and receives focus.
 */
export function TestCheckoutForm({
  checkoutId,
  amount,
  holdsTime,
  payAction,
  cancelAction,
}: {
  checkoutId: string;
  amount: string;
  /** A booking holds its time while the client pays; a shop order holds nothing. */
  holdsTime: boolean;
  payAction: Action;
  cancelAction: Action;
}) {
  const [payState, paySubmit, paying] = useActionState<State, FormData>(payAction, idle);
  const [cancelState, cancelSubmit, cancelling] = useActionState<State, FormData>(cancelAction, idle);
  const answer = useRef<HTMLDivElement>(null);
  const problem = payState.status === "error" ? payState : cancelState.status === "error" ? cancelState : null;
  useEffect(() => {
    if (problem) answer.current?.focus();
  }, [problem]);
  const busy = paying || cancelling;

  return (
    <div className="stack">
      <div className="actions">
        <form action={paySubmit}>
          <input type="hidden" name="checkoutId" value={checkoutId} />
          <button type="submit" className="button" aria-disabled={busy ? true : undefined} onClick={(event) => busy && event.preventDefault()}>
            {paying ? "Paying…" : `Pay ${amount} (test)`}
          </button>
        </form>
        <form action={cancelSubmit}>
          <input type="hidden" name="checkoutId" value={checkoutId} />
          <button type="submit" className="button button-secondary" aria-disabled={busy ? true : undefined} onClick={(event) => busy && event.preventDefault()}>
            {cancelling ? "Cancelling…" : "Cancel and go back"}
          </button>
        </form>
      </div>
      <div role="status" aria-live="polite">
        {paying ? <p>Recording the test payment…</p> : cancelling ? <p>{holdsTime ? "Releasing the time…" : "Closing this checkout…"}</p> : null}
      </div>
      {problem ? (
        <div ref={answer} tabIndex={-1} className="notice notice-warn">
          <p>{problem.message}</p>
        </div>
      ) : null}
    </div>
  );
}
