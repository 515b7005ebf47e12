"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
// Types only: importing values from lib/http/action would pull next/server and zod into the browser.
import type { ActionState } from "@/lib/http/action-state";
import { CancelReasonField } from "@/components/ui/cancel-reason-field";
import { AlternativeTimes } from "./alternative-times";
import type { Slot } from "./booking-api";
import { sessionTimesLabel } from "./labels";
import { SlotPicker } from "./slot-picker";
import { useVisitorTimeZone } from "./use-visitor-time-zone";
import styles from "./booking.module.css";

type RescheduleState = ActionState<{ outcome: "slot_unavailable"; message: string; alternatives: Slot[] }>;
type CancelState = ActionState<undefined>;

type Props = {
  token: string;
  sessionType: { slug: string; horizonDays: number } | null;
  current: Slot;
  coachName: string;
  /** "Tuesday 3 March 2026, 14:00 (Europe/London)": when online changes close. */
  changeDeadline: string;
  now: string;
  /** Before the cutoff: the time can be moved. */
  canReschedule: boolean;
  /** Cancelling is open (a paid session also after the cutoff, until it starts). */
  canCancel: boolean;
  /** The session was paid for (the cancel step then says what comes back). */
  paid: boolean;
  /** Exactly what cancelling now pays back, in a sentence; null for a free session. */
  refundNotice: string | null;
  /** The amount behind refundNotice, sent with the cancel so a changed amount is caught, not applied. */
  expectedRefundCents: number | null;
  rescheduleAction: (previous: RescheduleState, formData: FormData) => Promise<RescheduleState>;
  cancelAction: (previous: CancelState, formData: FormData) => Promise<CancelState>;
  /** "cancel" when the address asks for the cancel step (?step=cancel): how it opens without JavaScript. */
  initialMode?: "overview" | "cancel";
};

const idle = { status: "idle" } as const;

type Mode = "overview" | "pick" | "confirm-move" | "cancel";

const HEADING_IDS: Record<Mode, string> = {
  overview: "manage-change-heading",
  pick: "manage-pick-heading",
  "confirm-move": "manage-confirm-heading",
  cancel: "manage-cancel-heading",
};

/**
 * The manage page's island: reschedule (pick a time with the booking page's own picker, then
 * confirm) or cancel (confirm, with an optional message). Both are server actions that redirect
 * back to the manage page when done; focus goes to each new step's heading or to the answer.
 */
export function ManageBooking({
  token,
  sessionType,
  current,
  coachName,
  changeDeadline,
  now,
  canReschedule,
  canCancel,
  paid,
  refundNotice,
  expectedRefundCents,
  rescheduleAction,
  cancelAction,
  initialMode = "overview",
}: Props) {
  const zone = useVisitorTimeZone();
  const [mode, setMode] = useState<Mode>(initialMode);
  const [newSlot, setNewSlot] = useState<Slot | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const [moveState, moveSubmit, moving] = useActionState<RescheduleState, FormData>(rescheduleAction, idle);
  const [cancelState, cancelSubmit, cancelling] = useActionState<CancelState, FormData>(cancelAction, idle);
  // The answer that was shown before the visitor picked another time; hidden from then on.
  const [dismissed, setDismissed] = useState<RescheduleState>(idle);

  const focusNext = useRef<Mode | null>(null);
  const moveAnswer = useRef<HTMLDivElement>(null);
  const cancelAnswer = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    document.getElementById(HEADING_IDS[target])?.focus();
  });
  const router = useRouter();
  useEffect(() => {
    if (moveState.status !== "idle") moveAnswer.current?.focus();
  }, [moveState]);
  useEffect(() => {
    if (cancelState.status !== "idle") cancelAnswer.current?.focus();
  }, [cancelState]);
  // Past the cut-off since the page was opened: fetch the page again, which then explains what to do.
  useEffect(() => {
    const closed = [moveState, cancelState].some(
      (state) =>
        state.status === "error" &&
        (state.code === "change_window_closed" || state.code === "booking_not_active" || state.code === "refund_changed"),
    );
    if (closed) router.refresh();
  }, [moveState, cancelState, router]);

  function go(next: Mode) {
    setMode(next);
    focusNext.current = next;
  }

  function pick(slot: Slot) {
    setNewSlot(slot);
    setDismissed(moveState);
    go("confirm-move");
  }

  const timeZone = zone.timeZone;
  const moveAnswerShown = moveState !== dismissed && moveState.status !== "idle" ? moveState : null;

  if (mode === "overview") {
    return (
      <section className={`card ${styles.step} stack`} aria-labelledby="manage-change-heading">
        <h2 id="manage-change-heading" tabIndex={-1}>
          Change or cancel
        </h2>
        {canReschedule ? (
          <p>
            {paid ? (
              <>
                Need a different time? Rescheduling is free until <strong>{changeDeadline}</strong>, and cancelling before then
                refunds what you paid.
              </>
            ) : (
              <>
                Need a different time? Rescheduling and cancelling are free until <strong>{changeDeadline}</strong>.
              </>
            )}
          </p>
        ) : (
          <p>
            Rescheduling online closed at <strong>{changeDeadline}</strong>. You can still cancel here until the session starts;
            what comes back is shown before you confirm.
          </p>
        )}
        <div className="actions">
          {canReschedule && sessionType ? (
            <button type="button" className="button" onClick={() => go("pick")}>
              Choose a new time
            </button>
          ) : null}
          {canCancel ? (
            // A GET form, so that without JavaScript (or before the page has hydrated) the button
            // still opens the cancel step, as ?step=cancel; with it, the step opens in place.
            <form method="get">
              <input type="hidden" name="step" value="cancel" />
              <button
                type="submit"
                className="button button-secondary"
                onClick={(event) => {
                  event.preventDefault();
                  go("cancel");
                }}
              >
                Cancel this session
              </button>
            </form>
          ) : null}
        </div>
        {canReschedule && !sessionType ? (
          <p>
            This kind of session isn&apos;t open for new bookings at the moment, so a new time can&apos;t be picked here. To
            move it, reply to your confirmation email and {coachName} will find a time with you.
          </p>
        ) : null}
      </section>
    );
  }

  if (mode === "cancel") {
    const fieldError = cancelState.status === "error" ? cancelState.fields?.reason : undefined;
    return (
      <section className={`card ${styles.step} stack`} aria-labelledby="manage-cancel-heading">
        <h2 id="manage-cancel-heading" tabIndex={-1}>
          Cancel this session?
        </h2>
        <p>
          If you cancel, the time is freed for someone else and you and {coachName} both get an email saying so. You&apos;re
          welcome to book again whenever you like.
        </p>
        {refundNotice ? (
          <div className="notice stack">
            <h3 className="notice-heading">Your payment</h3>
            <p>{refundNotice}</p>
          </div>
        ) : null}
        <form action={cancelSubmit} className="stack">
          <input type="hidden" name="token" value={token} />
          {expectedRefundCents !== null ? <input type="hidden" name="expectedRefundCents" value={expectedRefundCents} /> : null}
          <CancelReasonField
            label={`A message for ${coachName} (optional)`}
            hint={`There's no need to explain. If you'd like to, ${coachName} will read it.`}
            error={fieldError}
          />
          <div className="actions">
            <button type="submit" className="button" aria-disabled={cancelling ? true : undefined}>
              {cancelling ? "Cancelling…" : "Yes, cancel my session"}
            </button>
            <button type="button" className="button button-secondary" onClick={() => !cancelling && go("overview")}>
              Keep my session
            </button>
          </div>
        </form>
        <div role="status" aria-live="polite">
          {cancelling ? <p>Cancelling your session…</p> : null}
        </div>
        {cancelState.status === "error" && !fieldError ? (
          <div ref={cancelAnswer} tabIndex={-1} className={`notice notice-warn ${styles.focusTarget}`}>
            <p>{cancelState.message}</p>
            <p>Your session is unchanged.</p>
          </div>
        ) : null}
      </section>
    );
  }

  if (!timeZone || !sessionType) {
    return (
      <section className={`card ${styles.step}`} aria-labelledby="manage-pick-heading">
        <h2 id="manage-pick-heading" tabIndex={-1}>
          Choose a new time
        </h2>
        <p role="status">Getting the calendar ready…</p>
      </section>
    );
  }

  return (
    <div className="stack">
      <section hidden={mode !== "pick"} className={`card ${styles.step} stack`} aria-labelledby="manage-pick-heading">
        <h2 id="manage-pick-heading" tabIndex={-1}>
          Choose a new time
        </h2>
        <p>
          Your current time stays booked until the new one is secured, so nothing is lost if you change your mind.
        </p>
        <SlotPicker
          sessionTypeSlug={sessionType.slug}
          horizonDays={sessionType.horizonDays}
          now={now}
          timeZone={timeZone}
          timeZoneChosen={zone.chosen}
          onTimeZoneChange={zone.setTimeZone}
          chosen={newSlot}
          chosenNote="your new choice"
          onChoose={pick}
          reloadToken={reloadToken}
        />
        <p>
          <button type="button" className="button button-secondary" onClick={() => go("overview")}>
            Keep my current time
          </button>
        </p>
      </section>

      {mode === "confirm-move" && newSlot ? (
        <section className={`card ${styles.step} stack`} aria-labelledby="manage-confirm-heading">
          <h2 id="manage-confirm-heading" tabIndex={-1}>
            Move your session?
          </h2>
          <dl className={styles.summary}>
            <dt>From</dt>
            <dd>{sessionTimesLabel(current, timeZone)}</dd>
            <dt>To</dt>
            <dd>
              <strong>{sessionTimesLabel(newSlot, timeZone)}</strong>
            </dd>
          </dl>
          <p>You and {coachName} will both get an email with the updated calendar invite.</p>
          <form action={moveSubmit} className="actions">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="start" value={newSlot.start} />
            <button type="submit" className="button" aria-disabled={moving ? true : undefined}>
              {moving ? "Moving your session…" : "Move my session"}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                if (moving) return;
                if (moveAnswerShown) setReloadToken((value) => value + 1);
                go("pick");
              }}
            >
              Choose a different time
            </button>
          </form>
          <div role="status" aria-live="polite">
            {moving ? <p>Moving your session. Your current time stays booked until this is done…</p> : null}
          </div>
          {moveAnswerShown ? (
            <div ref={moveAnswer} tabIndex={-1} className={`notice notice-warn stack ${styles.focusTarget}`}>
              {moveAnswerShown.status === "success" ? (
                <>
                  <p>{moveAnswerShown.result.message} Your session is still at its current time.</p>
                  {moveAnswerShown.result.alternatives.length ? (
                    <>
                      <p>These nearby times are free:</p>
                      <AlternativeTimes
                        slots={moveAnswerShown.result.alternatives}
                        timeZone={timeZone}
                        onChoose={(slot) => {
                          setReloadToken((value) => value + 1);
                          pick(slot);
                        }}
                      />
                    </>
                  ) : null}
                </>
              ) : moveAnswerShown.status === "error" ? (
                <>
                  <p>
                    {moveAnswerShown.message}
                    {moveAnswerShown.fields ? ` ${Object.values(moveAnswerShown.fields).join(" ")}` : ""}
                  </p>
                  <p>Your session is still at its current time.</p>
                </>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
