"use client";

import { useActionState } from "react";
import type { CancelBookingState, OutcomeState } from "@/app/admin/bookings/actions";
import { ResultNotice } from "@/components/admin/result-notice";
import { CancelReasonField } from "@/components/ui/cancel-reason-field";
import { idle } from "@/lib/http/action-state";

type CancelAction = (previous: CancelBookingState, formData: FormData) => Promise<CancelBookingState>;
type OutcomeAction = (previous: OutcomeState, formData: FormData) => Promise<OutcomeState>;

/** Cancel with an optional message that goes to the client in the cancellation email. */
export function CancelBookingForm({ action, bookingId, clientName, open }: { action: CancelAction; bookingId: string; clientName: string; open: boolean }) {
  const [state, submit, pending] = useActionState<CancelBookingState, FormData>(action, idle);
  const fieldError = state.status === "error" ? state.fields?.reason : undefined;
  const answer = <ResultNotice state={state} success={() => "Cancelled. Emails to the client and to you are on their way."} />;
  if (!open) return answer;
  return (
    <form action={submit} className="stack" noValidate>
      <input type="hidden" name="bookingId" value={bookingId} />
      <CancelReasonField
        label={`Message to ${clientName} (optional)`}
        hint="Included in the email that tells them the session is cancelled."
        error={fieldError}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Cancelling…" : "Cancel this booking and tell the client"}
        </button>
      </div>
      {answer}
    </form>
  );
}

/** "Completed" and "No-show": how a session that has started went. */
export function OutcomeButtons({ action, bookingId, open }: { action: OutcomeAction; bookingId: string; open: boolean }) {
  const [state, submit, pending] = useActionState<OutcomeState, FormData>(action, idle);
  const answer = <ResultNotice state={state} success={() => "Saved."} />;
  if (!open) return answer;
  return (
    <form action={submit} className="stack">
      <input type="hidden" name="bookingId" value={bookingId} />
      <div className="actions">
        <button type="submit" name="outcome" value="COMPLETED" className="button" disabled={pending}>
          Mark as completed
        </button>
        <button type="submit" name="outcome" value="NO_SHOW" className="button button-secondary" disabled={pending}>
          Mark as a no-show
        </button>
      </div>
      {answer}
    </form>
  );
}
