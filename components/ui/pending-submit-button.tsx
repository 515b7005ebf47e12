"use client";

/**
 * A submit button that ignores clicks while its form is being sent. aria-disabled rather than
 * disabled, so the button keeps focus and screen readers still find it.
 */
export function PendingSubmitButton({ pending, className, label, pendingLabel }: { pending: boolean; className: string; label: string; pendingLabel: string }) {
  return (
    <button type="submit" className={className} aria-disabled={pending ? true : undefined} onClick={(event) => pending && event.preventDefault()}>
      {pending ? pendingLabel : label}
    </button>
  );
}
