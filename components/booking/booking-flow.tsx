"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { IntakeQuestion } from "@/lib/catalogue/intake-questions";
import { AlternativeTimes } from "./alternative-times";
import { BookingConfirmation } from "./booking-confirmation";
import { createBooking, type CreatedBooking, type Failure, type Slot } from "./booking-api";
import { checkDetails, fieldId, fieldOrder, type Details } from "./details-checks";
import { DetailsForm } from "./details-form";
import { priceLabel, sessionTimesLabel, waitLabel } from "./labels";
import { SlotPicker } from "./slot-picker";
import { useVisitorTimeZone } from "./use-visitor-time-zone";
import styles from "./booking.module.css";

type Props = {
  sessionType: {
    slug: string;
    title: string;
    horizonDays: number;
    intakeQuestions: IntakeQuestion[];
    /** 0 for a free session: it is confirmed at once. Otherwise paid on the next page, before it is confirmed. */
    priceCents: number;
    currency: string;
  };
  /** How long a paid session's time is held while the client pays. */
  holdMinutes: number;
  coach: { name: string; timeZone: string; cancellationCutoffHours: number };
  /** The server's clock when the page was rendered (ISO). */
  now: string;
  /** A free session type to suggest when this one cannot be booked online yet. */
  freeAlternative: { slug: string; title: string } | null;
};

type Step = "time" | "details" | "done";
type FocusTarget = "time" | "details" | "done" | "problem" | "conflict" | "notice" | { field: string };

const FREE_STEPS: [Step, string][] = [
  ["time", "Choose a time"],
  ["details", "Your details"],
  ["done", "Confirmed"],
];

// A paid session leaves this page for the payment page after the details; "Payment" is the last step here.
const PAID_STEPS: [Step, string][] = [
  ["time", "Choose a time"],
  ["details", "Your details"],
  ["done", "Payment"],
];

/**
 * The booking page's one client island: choose a time → your details → confirmed. Each step's
 * heading receives focus when it appears; requests report through a polite live region.
 */
export function BookingFlow({ sessionType, holdMinutes, coach, now, freeAlternative }: Props) {
  const paid = sessionType.priceCents > 0;
  const price = priceLabel(sessionType.priceCents, sessionType.currency);
  const STEPS = paid ? PAID_STEPS : FREE_STEPS;
  const zone = useVisitorTimeZone();
  const [step, setStep] = useState<Step>("time");
  const [chosen, setChosen] = useState<Slot | null>(null);
  const [details, setDetails] = useState<Details>({ name: "", email: "", answers: {} });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Failure | null>(null);
  const [conflict, setConflict] = useState<{ message: string; alternatives: Slot[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [booked, setBooked] = useState<{ booking: CreatedBooking; timeZone: string; email: string; changeable: boolean } | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);

  const focusNext = useRef<FocusTarget | null>(null);
  const timeHeading = useRef<HTMLHeadingElement>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  // Focus follows each change of step or answer, after React has drawn it.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (typeof target === "object") {
      document.getElementById(fieldId(target.field))?.focus();
      return;
    }
    const refs = { time: timeHeading, details: detailsHeading, done: doneHeading, problem: problemRef, conflict: conflictRef, notice: noticeRef };
    refs[target].current?.focus();
  });

  useEffect(() => {
    if (step === "done") document.title = `Session confirmed · ${sessionType.title}`;
  }, [step, sessionType.title]);

  function go(next: Step) {
    setStep(next);
    focusNext.current = next;
  }

  function choose(slot: Slot) {
    setChosen(slot);
    setConflict(null);
    setProblem(null);
    setNotice(null);
    go("details");
  }

  function chooseAlternative(slot: Slot) {
    setChosen(slot);
    setConflict(null);
    setNotice(
      paid
        ? "Your new time is chosen. Your details are still here; continue to payment when you're ready."
        : "Your new time is chosen. Your details are still here; confirm the booking when you're ready.",
    );
    focusNext.current = "notice";
  }

  async function submit() {
    if (!chosen || !zone.timeZone) return;
    const order = fieldOrder(sessionType.intakeQuestions);
    const found = checkDetails(details, sessionType.intakeQuestions, coach.name);
    setProblem(null);
    setConflict(null);
    setNotice(null);
    if (Object.keys(found).length) {
      setErrors(found);
      focusNext.current = { field: order.find((key) => found[key])! };
      return;
    }
    setErrors({});
    setSending(true);
    const answers = Object.fromEntries(
      Object.entries(details.answers)
        .map(([id, value]) => [id, value.trim()] as const)
        .filter(([, value]) => value !== ""),
    );
    const result = await createBooking({
      sessionType: sessionType.slug,
      start: chosen.start,
      name: details.name.trim(),
      email: details.email.trim(),
      timeZone: zone.timeZone,
      ...(Object.keys(answers).length ? { answers } : {}),
    });
    setSending(false);

    if (result.ok) {
      if (result.checkoutUrl) {
        setRedirecting(true);
        window.location.assign(result.checkoutUrl);
        return;
      }
      const changeable = Date.parse(result.booking.start) - coach.cancellationCutoffHours * 3_600_000 > Date.now();
      setBooked({ booking: result.booking, timeZone: zone.timeZone, email: details.email.trim(), changeable });
      go("done");
      return;
    }

    const { problem: apiProblem } = result;
    if (result.status === 409 || apiProblem.code === "slot_unavailable") {
      setConflict({ message: apiProblem.message, alternatives: apiProblem.alternatives ?? [] });
      setReloadToken((value) => value + 1);
      focusNext.current = "conflict";
      return;
    }
    const fields = apiProblem.fields ?? {};
    const firstField = order.find((key) => fields[key]);
    if (result.status === 400 && firstField) {
      setErrors(fields);
      const others = Object.keys(fields).filter((key) => !order.includes(key));
      if (others.length) setProblem(result);
      focusNext.current = { field: firstField };
      return;
    }
    setProblem(result);
    focusNext.current = "problem";
  }

  if (!zone.timeZone) {
    return (
      <section className={`card ${styles.step}`} aria-labelledby="booking-time-heading">
        <h2 id="booking-time-heading">Choose a day and time</h2>
        <p role="status">Getting the calendar ready…</p>
        <noscript>
          <p className="notice">Choosing a time needs JavaScript, which seems to be switched off in this browser.</p>
        </noscript>
      </section>
    );
  }

  const timeZone = zone.timeZone;
  const current = STEPS.findIndex(([key]) => key === step);

  return (
    <div className="stack">
      <ol className={styles.steps} aria-label="Booking steps">
        {STEPS.map(([key, label], index) => (
          <li key={key} aria-current={key === step ? "step" : undefined}>
            {index + 1}. {label}
            {index < current ? <span className="visually-hidden"> (done)</span> : null}
          </li>
        ))}
      </ol>

      <section hidden={step !== "time"} className={`card ${styles.step} stack`} aria-labelledby="booking-time-heading">
        <h2 id="booking-time-heading" ref={timeHeading} tabIndex={-1}>
          Choose a day and time
        </h2>
        <SlotPicker
          sessionTypeSlug={sessionType.slug}
          horizonDays={sessionType.horizonDays}
          now={now}
          timeZone={timeZone}
          timeZoneChosen={zone.chosen}
          onTimeZoneChange={zone.setTimeZone}
          chosen={chosen}
          onChoose={choose}
          reloadToken={reloadToken}
        />
      </section>

      {step === "details" && chosen ? (
        <section className={`card ${styles.step} stack`} aria-labelledby="booking-details-heading">
          <h2 id="booking-details-heading" ref={detailsHeading} tabIndex={-1}>
            Your details
          </h2>
          <div className={styles.summary}>
            <p>
              <strong>{sessionType.title}</strong>
              <br />
              {sessionTimesLabel(chosen, timeZone)}
              {paid ? (
                <>
                  <br />
                  Price: {price}
                </>
              ) : null}
            </p>
            <p>
              <button type="button" className="button button-secondary" onClick={() => !sending && go("time")} aria-disabled={sending ? true : undefined}>
                Back to times
              </button>
            </p>
          </div>
          {notice ? (
            <p ref={noticeRef} tabIndex={-1} className={`notice ${styles.focusTarget}`}>
              {notice}
            </p>
          ) : null}

          {conflict ? (
            <div ref={conflictRef} tabIndex={-1} className={`notice notice-warn stack ${styles.focusTarget}`} aria-labelledby="conflict-heading">
              <h3 id="conflict-heading" className="notice-heading">
                That time is no longer free
              </h3>
              <p>{conflict.message} Nothing was booked, and your details are still here.</p>
              {conflict.alternatives.length ? (
                <>
                  <p>These nearby times are free. Choosing one keeps your details:</p>
                  <AlternativeTimes slots={conflict.alternatives} timeZone={timeZone} onChoose={chooseAlternative} />
                </>
              ) : null}
              <p>
                <button type="button" className="button button-secondary" onClick={() => go("time")}>
                  See all free times
                </button>
              </p>
            </div>
          ) : null}

          <DetailsForm
            questions={sessionType.intakeQuestions}
            details={details}
            onChange={setDetails}
            errors={errors}
            sending={sending || redirecting}
            onSubmit={submit}
            submitLabel={paid ? "Continue to payment" : "Confirm booking"}
            sendingLabel={paid ? "Holding your time…" : undefined}
            beforeSubmit={
              paid ? (
                <p className="notice">
                  Next comes the payment page, where you pay {price}. We hold this time for you for {holdMinutes} minutes while
                  you pay; your session is confirmed as soon as the payment goes through. If you change your mind there, nothing
                  is charged and the time is released.
                </p>
              ) : null
            }
          />

          <div role="status" aria-live="polite">
            {sending ? <p>{paid ? "Holding your time. This usually takes a few seconds…" : "Booking your session. This usually takes a few seconds…"}</p> : null}
            {redirecting ? <p>Taking you to the secure payment page…</p> : null}
            {Object.keys(errors).length && !problem ? <p className="visually-hidden">Some details need another look.</p> : null}
          </div>
          {problem ? (
            <div ref={problemRef} tabIndex={-1} className={`notice notice-warn stack ${styles.focusTarget}`}>
              <ProblemMessage problem={problem} freeAlternative={freeAlternative} onBackToTimes={() => go("time")} />
            </div>
          ) : null}
        </section>
      ) : null}

      {step === "done" && booked ? (
        <section className={`card ${styles.step}`} aria-labelledby="booking-done-heading">
          <BookingConfirmation
            headingRef={doneHeading}
            sessionTitle={sessionType.title}
            booking={booked.booking}
            timeZone={booked.timeZone}
            email={booked.email}
            changeable={booked.changeable}
            coach={coach}
          />
        </section>
      ) : null}
    </div>
  );
}

function ProblemMessage({
  problem,
  freeAlternative,
  onBackToTimes,
}: {
  problem: Failure;
  freeAlternative: { slug: string; title: string } | null;
  onBackToTimes: () => void;
}) {
  const { status, problem: details, retryAfterSeconds } = problem;
  if (details.code === "payments_not_available" || status === 501) {
    return (
      <>
        <p>{details.message}</p>
        {freeAlternative ? (
          <p>
            In the meantime, you&apos;re welcome to book the <Link href={`/book/${freeAlternative.slug}`}>{freeAlternative.title}</Link>{" "}
            instead. It&apos;s free, and a good way to start.
          </p>
        ) : null}
      </>
    );
  }
  if (status === 429) {
    return (
      <>
        <p>{details.message}</p>
        <p>
          Nothing was booked. Your choice and your details are still here: please try again in {waitLabel(retryAfterSeconds ?? 60)}.
        </p>
      </>
    );
  }
  if (status === 404) {
    return (
      <>
        <p>{details.message}</p>
        <p>
          Nothing was booked. <Link href="/book">See the sessions you can book</Link>.
        </p>
      </>
    );
  }
  if (status === 400 || status === 422) {
    return (
      <>
        <p>{details.message}</p>
        <p>Nothing was booked. Your details are still here. If it happens again, choosing the time afresh usually helps.</p>
        <p>
          <button type="button" className="button button-secondary" onClick={onBackToTimes}>
            Choose the time again
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <p>{details.message}</p>
      <p>Nothing was booked. Your choice and your details are still here, so you can try again with the same button.</p>
    </>
  );
}
