"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { idle, type ActionState } from "@/lib/http/action-state";

type State = ActionState<{ email: string }>;

type Props = {
  action: (previous: State, formData: FormData) => Promise<State>;
  /** Already checked on the server: a path on this site. */
  callbackUrl: string;
  /** Arrived from next-auth's "check your email" redirect. */
  alreadySent: boolean;
  linkMinutes: number;
};

export function SignInForm({ action, callbackUrl, alreadySent, linkMinutes }: Props) {
  const [state, submit, pending] = useActionState<State, FormData>(action, idle);
  // Controlled, so the address survives React's reset of the form after each submission.
  const [email, setEmail] = useState("");
  // "Use a different address" hides this confirmation until the next link is sent.
  const [dismissedResult, setDismissedResult] = useState<State>();
  const [showArrival, setShowArrival] = useState(alreadySent);
  const showSent = (state.status === "success" && state !== dismissedResult) || (showArrival && state.status === "idle");
  const sentTo = state.status === "success" ? state.result.email : null;

  // Each answer moves focus to what changed, so keyboard and screen-reader users land on it.
  const sentHeading = useRef<HTMLHeadingElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const problem = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === "success") sentHeading.current?.focus();
    else if (state.status === "error") (state.fields?.email ? emailInput : problem).current?.focus();
  }, [state]);

  if (showSent) {
    return (
      <section className="card stack" aria-labelledby="sent-heading">
        <h2 id="sent-heading" ref={sentHeading} tabIndex={-1}>
          Check your inbox
        </h2>
        <p>
          {sentTo ? (
            <>
              We&apos;ve sent a sign-in link to <strong>{sentTo}</strong>.
            </>
          ) : (
            <>We&apos;ve sent you a sign-in link.</>
          )}{" "}
          It works once, for the next {linkMinutes} minutes.
        </p>
        <p>
          Not there after a few minutes? Have a look in your spam or promotions folder, and check that the address is
          spelled right. You can always ask for a new link: it&apos;s no trouble.
        </p>
        <div className="actions">
          {sentTo ? (
            <form action={submit}>
              <input type="hidden" name="email" value={sentTo} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button type="submit" className="button" disabled={pending}>
                {pending ? "Sending…" : "Send another link"}
              </button>
            </form>
          ) : null}
          <button type="button" className="button button-secondary" onClick={() => {
              setDismissedResult(state);
              setShowArrival(false);
            }}>
            Use a different address
          </button>
        </div>
      </section>
    );
  }

  const fieldError = state.status === "error" ? state.fields?.email : undefined;
  const formProblem = state.status === "error" && !fieldError ? state.message : undefined;

  return (
    <form action={submit} className="stack" noValidate>
      <p>We&apos;ll email you a link that signs you in. There&apos;s no password to remember.</p>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="field">
        <label htmlFor="email">Email address</label>
        <input
          ref={emailInput}
          // Only after "Use a different address" (never on arrival), so focus isn't lost with that button.
          autoFocus={dismissedResult !== undefined || (alreadySent && !showArrival)}
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "email-hint email-error" : "email-hint"}
        />
        <span id="email-hint" className="field-hint">
          The link works once, for {linkMinutes} minutes.
        </span>
        <FieldError id="email-error" message={fieldError} />
      </div>
      <div role="status" aria-live="polite">
        {formProblem ? (
          <p ref={problem} tabIndex={-1} className="notice notice-warn">
            {formProblem}
          </p>
        ) : null}
      </div>
      <p>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Sending…" : "Email me a sign-in link"}
        </button>
      </p>
    </form>
  );
}
