import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The job queue is replaced by a recorder: these tests check which jobs the booking code asks for.
const { sentJobs } = vi.hoisted(() => ({ sentJobs: [] as Array<{ name: string; data: Record<string, unknown>; startAfter?: Date }> }));
vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async (jobs: typeof sentJobs) => {
    sentJobs.push(...jobs);
  },
}));

import type { CurrentUser } from "@/lib/auth/current-user";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking, type CreateBookingOptions } from "@/lib/booking/create-booking";
import { findBookingByManageToken } from "@/lib/booking/find-booking-by-token";
import { getAvailability } from "@/lib/booking/get-availability";
import { RESCHEDULES_PER_HOUR } from "@/lib/booking/limit-reschedules";
import { listClientBookings } from "@/lib/booking/list-client-bookings";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import { AppError, AuthRequiredError, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RateLimitedError } from "@/lib/errors";
import { createTestProvider } from "@/lib/payments/test-provider";
import { MONDAY_9AM, outboxIcs, seedPractice, tokenOf } from "../helpers/booking";
import { failure } from "../helpers/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let coach: CurrentUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ coach } = await seedPractice(database.db));
});

afterAll(async () => {
  await database?.drop();
});

beforeEach(() => {
  sentJobs.length = 0;
});

const at = (iso: string) => new Date(iso);
const iso = (text: string) => new Date(text).toISOString();

function book(overrides: Partial<CreateBookingOptions> = {}) {
  return createBooking({
    db: database.db,
    sessionTypeSlug: "intro-call",
    start: at("2026-03-03T14:00:00Z"),
    name: "Sam Rivera",
    email: "Sam@Example.com",
    timeZone: "America/New_York",
    now: MONDAY_9AM,
    ...overrides,
  });
}

/** The AppError a promise rejects with, for checking code, status and details together. */
const alternativesOf = (error: AppError) => (error.details.alternatives as Array<{ start: string; end: string }>).map((slot) => slot.start);

describe("getAvailability", () => {
  it("lists free slots by the visitor's calendar date, as UTC instants, with the session type", async () => {
    const availability = await getAvailability({
      db: database.db,
      sessionTypeSlug: "intro-call",
      from: "2026-03-02",
      to: "2026-03-03",
      timeZone: "America/New_York",
      now: MONDAY_9AM,
    });
    expect(availability.timeZone).toBe("America/New_York");
    expect(availability.sessionType).toEqual({ slug: "intro-call", title: "Free 20-minute intro call", durationMinutes: 20, priceCents: 0, currency: "GBP" });
    // Monday's hours are within the 12 hours' notice; Tuesday 10:00-16:00 London is 05:00-11:00 in New York.
    expect(availability.days.map((day) => day.date)).toEqual(["2026-03-03"]);
    const [tuesday] = availability.days;
    expect(tuesday.slots).toHaveLength(18);
    expect(tuesday.slots[0]).toEqual({ start: "2026-03-03T10:00:00.000Z", end: "2026-03-03T10:20:00.000Z" });
    expect(tuesday.slots.at(-1)).toEqual({ start: "2026-03-03T15:40:00.000Z", end: "2026-03-03T16:00:00.000Z" });
  });

  it("follows the coach's clock across the US clock change (New York moves on 8 March, London stays)", async () => {
    const { days } = await getAvailability({
      db: database.db,
      sessionTypeSlug: "intro-call",
      from: "2026-03-10",
      to: "2026-03-10",
      timeZone: "America/New_York",
      now: MONDAY_9AM,
    });
    expect(days[0].slots[0].start).toBe("2026-03-10T10:00:00.000Z");
  });

  it("refuses a reversed or too long range and an unknown zone, naming the fields", async () => {
    const ask = (from: string, to: string, timeZone = "Europe/London") =>
      failure(getAvailability({ db: database.db, sessionTypeSlug: "intro-call", from, to, timeZone, now: MONDAY_9AM }));
    const reversed = await ask("2026-03-05", "2026-03-04");
    expect(reversed).toBeInstanceOf(InvalidInputError);
    expect(reversed.status).toBe(400);
    expect(reversed.details.fields).toEqual({ to: "The last date must be on or after the first date." });
    expect((await ask("2026-03-01", "2026-05-02")).details.fields).toEqual({ to: "Please ask for at most 62 days at a time." });
    // 62 days, counted inclusively, is fine.
    await expect(
      getAvailability({ db: database.db, sessionTypeSlug: "intro-call", from: "2026-03-01", to: "2026-05-01", timeZone: "UTC", now: MONDAY_9AM }),
    ).resolves.toMatchObject({ timeZone: "UTC" });
    expect((await ask("2026-02-30", "2026-03-01", "Mars/Olympus")).details.fields).toEqual({
      from: "Please give the first date as YYYY-MM-DD.",
      timeZone: "Please give an IANA time zone, such as Europe/London.",
    });
  });

  it("answers 404 for an unknown or paused session type", async () => {
    const ask = (slug: string) =>
      failure(getAvailability({ db: database.db, sessionTypeSlug: slug, from: "2026-03-03", to: "2026-03-03", timeZone: "UTC", now: MONDAY_9AM }));
    expect(await ask("no-such-type")).toBeInstanceOf(NotFoundError);
    await database.db.sessionType.update({ where: { slug: "strategy-session" }, data: { active: false } });
    try {
      const paused = await ask("strategy-session");
      expect(paused.status).toBe(404);
      expect(paused.code).toBe("session_type_not_found");
    } finally {
      await database.db.sessionType.update({ where: { slug: "strategy-session" }, data: { active: true } });
    }
  });
});

describe("createBooking", () => {
  it("confirms a free session at once, stores only the token's hash and writes both emails with a calendar file", async () => {
    const result = await book({ answers: { hopes: "  Getting started on things  " } });
    expect(result.checkoutUrl).toBeUndefined();
    expect(result.booking).toEqual({
      id: expect.any(String),
      status: "CONFIRMED",
      start: "2026-03-03T14:00:00.000Z",
      end: "2026-03-03T14:20:00.000Z",
      manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/manage\/[A-Za-z0-9_-]{43}$/),
    });
    const token = tokenOf(result.booking.manageUrl);
    const row = await database.db.booking.findUniqueOrThrow({ where: { id: result.booking.id } });
    expect(row).toMatchObject({
      status: "CONFIRMED",
      clientName: "Sam Rivera",
      clientEmail: "sam@example.com",
      clientTimeZone: "America/New_York",
      blockedFrom: at("2026-03-03T14:00:00Z"),
      blockedUntil: at("2026-03-03T14:30:00Z"),
      answers: { hopes: "Getting started on things" },
      priceCents: 0,
      sequence: 0,
      holdExpiresAt: null,
    });
    expect(row.manageTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    const emails = await database.db.emailMessage.findMany({ orderBy: { toAddress: "asc" } });
    expect(emails.map((email) => [email.toAddress, email.template, email.status])).toEqual([
      ["coach@example.com", "booking-confirmed-coach", "PENDING"],
      ["sam@example.com", "booking-confirmed-client", "PENDING"],
    ]);
    const [toCoach, toClient] = emails;
    expect(toClient.subject).toBe("Your session is confirmed for Tuesday 3 March 2026, 09:00");
    expect(toClient.text).toContain(
      "Your Free 20-minute intro call with Maya Ellison is confirmed for Tuesday 3 March 2026, 09:00 (America/New_York) — that's 14:00 for Maya Ellison (Europe/London).",
    );
    expect(toClient.text).toContain("We'll email you a reminder a day before and an hour before.");
    expect(toClient.text).toContain(
      "Rescheduling or cancelling is free until Monday 2 March 2026, 09:00 (America/New_York) (24 hours before), with the button below.",
    );
    expect(toClient.text).toContain(result.booking.manageUrl);
    expect(toCoach.subject).toBe("New booking: Sam Rivera, Tuesday 3 March 2026, 14:00");
    expect(toCoach.text).toContain(
      "Sam Rivera (sam@example.com) booked your Free 20-minute intro call for Tuesday 3 March 2026, 14:00 (Europe/London) — that's 09:00 for Sam Rivera (America/New_York).",
    );
    expect(toCoach.text).toContain("What would you like to talk about? (optional) — Getting started on things");
    expect(toCoach.text).not.toContain(token);

    for (const email of [toClient, toCoach]) {
      const { attachment, props } = await outboxIcs(database.db, email.id);
      expect(attachment).toMatchObject({ filename: "session.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST" });
      expect(props.METHOD.value).toBe("REQUEST");
      expect(props.UID.value).toBe(`booking-${result.booking.id}@localhost:3000`);
      expect(props.SEQUENCE.value).toBe("0");
      expect(props.DTSTART.value).toBe("20260303T140000Z");
      expect(props.DTEND.value).toBe("20260303T142000Z");
      expect(props.DTSTAMP.value).toBe("20260302T090000Z");
      expect(props.ORGANIZER).toEqual({ params: { CN: "Maya Ellison" }, value: "mailto:coach@example.com" });
      expect(props.ATTENDEE.value).toBe("mailto:sam@example.com");
      expect(props.ATTENDEE.params.CN).toBe("Sam Rivera");
    }
    const clientIcs = await outboxIcs(database.db, toClient.id);
    expect(clientIcs.props.DESCRIPTION.value).toContain(`To reschedule or cancel: ${result.booking.manageUrl}`);
    expect(clientIcs.props.SUMMARY.value).toBe("Free 20-minute intro call with Maya Ellison");

    const audit = await database.db.auditLog.findMany({ where: { entityId: result.booking.id } });
    expect(audit).toMatchObject([{ action: "booking.created", entityType: "Booking", actorId: null }]);

    // After commit: delivery for both messages, and one reminder job per offset at start − offset.
    expect(sentJobs.filter((job) => job.name === "email.deliver").map((job) => job.data.messageId).sort()).toEqual(emails.map((email) => email.id).sort());
    expect(sentJobs.filter((job) => job.name === "booking.reminder")).toEqual([
      expect.objectContaining({ data: { bookingId: result.booking.id, offsetMinutes: 1440, startsAt: "2026-03-03T14:00:00.000Z" }, startAfter: at("2026-03-02T14:00:00Z") }),
      expect.objectContaining({ data: { bookingId: result.booking.id, offsetMinutes: 60, startsAt: "2026-03-03T14:00:00.000Z" }, startAfter: at("2026-03-03T13:00:00Z") }),
    ]);
  });

  it("keeps a zone by its current name: a device reporting Asia/Calcutta reads Asia/Kolkata in its confirmation", async () => {
    const earlierMessages = (await database.db.emailMessage.findMany({ select: { id: true } })).map((message) => message.id);
    const result = await book({ start: at("2026-03-03T11:00:00Z"), email: "priya@example.com", timeZone: "Asia/Calcutta" });
    try {
      const row = await database.db.booking.findUniqueOrThrow({ where: { id: result.booking.id }, select: { clientTimeZone: true } });
      expect(row.clientTimeZone).toBe("Asia/Kolkata");
      const toClient = await database.db.emailMessage.findFirstOrThrow({ where: { toAddress: "priya@example.com" }, select: { text: true } });
      expect(toClient.text).toContain("Tuesday 3 March 2026, 16:30 (Asia/Kolkata)");
      expect(toClient.text).not.toContain("Calcutta");
    } finally {
      // The later tests expect this morning free and the outbox as they left it.
      await database.db.emailMessage.deleteMany({ where: { id: { notIn: earlierMessages } } });
      await database.db.auditLog.deleteMany({ where: { entityId: result.booking.id } });
      await database.db.booking.delete({ where: { id: result.booking.id } });
    }
  });

  it("refuses a taken or overlapping start with 409 slot_unavailable and the nearest free times", async () => {
    // 14:00-14:20 plus 10 minutes after is taken (previous test).
    for (const start of ["2026-03-03T14:00:00Z", "2026-03-03T14:20:00Z"]) {
      const error = await failure(book({ start: at(start), email: "other@example.com" }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.status).toBe(409);
      expect(error.code).toBe("slot_unavailable");
      expect(error.message).toBe("That time is no longer available. Here are the nearest free times.");
      expect(alternativesOf(error)).toEqual([
        iso("2026-03-03T14:40:00Z"),
        iso("2026-03-03T15:00:00Z"),
        iso("2026-03-03T15:20:00Z"),
        iso("2026-03-03T15:40:00Z"),
        iso("2026-03-04T09:00:00Z"),
      ]);
      expect((error.details.alternatives as Array<{ end: string }>)[0].end).toBe(iso("2026-03-03T15:00:00Z"));
    }
    expect(await database.db.booking.count()).toBe(1);
    expect(await database.db.emailMessage.count()).toBe(2);
  });

  it("refuses starts outside the rules: off the grid, too soon, closed, beyond the horizon", async () => {
    const refused = async (start: string, now = MONDAY_9AM) => (await failure(book({ start: at(start), now }))).code;
    expect(await refused("2026-03-03T10:05:00Z")).toBe("slot_unavailable");
    // 12 hours' notice: 18:00 on Monday is only 9 hours away.
    expect(await refused("2026-03-03T10:00:00Z", at("2026-03-03T01:00:00Z"))).toBe("slot_unavailable");
    expect(await refused("2026-03-03T17:00:00Z")).toBe("slot_unavailable");
    const beyond = await failure(book({ start: at("2026-04-07T10:00:00Z") }));
    // Nothing is free after a time beyond the 30-day horizon: the soonest free times are offered.
    expect(alternativesOf(beyond)[0]).toBe(iso("2026-03-03T10:00:00Z"));
  });

  it("expires a stale hold on the time in the same transaction, while a live hold still blocks", async () => {
    const { id: sessionTypeId } = await database.db.sessionType.findUniqueOrThrow({ where: { slug: "intro-call" } });
    const hold = (start: string, holdExpiresAt: Date, hash: string) =>
      database.db.booking.create({
        data: {
          coachId: coach.id,
          sessionTypeId,
          clientName: "Someone",
          clientEmail: "held@example.com",
          clientTimeZone: "Europe/London",
          status: "HELD",
          startsAt: at(start),
          endsAt: new Date(at(start).getTime() + 20 * 60_000),
          blockedFrom: at(start),
          blockedUntil: new Date(at(start).getTime() + 30 * 60_000),
          holdExpiresAt,
          manageTokenHash: hash,
          priceCents: 0,
          currency: "GBP",
        },
      });
    const stale = await hold("2026-03-03T11:00:00Z", new Date(MONDAY_9AM.getTime() - 60_000), "stale-hold");
    const live = await hold("2026-03-03T12:00:00Z", new Date(MONDAY_9AM.getTime() + 10 * 60_000), "live-hold");

    const booked = await book({ start: at("2026-03-03T11:00:00Z"), email: "kai@example.com" });
    expect(booked.booking.status).toBe("CONFIRMED");
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("EXPIRED");

    expect((await failure(book({ start: at("2026-03-03T12:00:00Z"), email: "kai@example.com" }))).code).toBe("slot_unavailable");
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: live.id } })).status).toBe("HELD");
  });

  it("turns a refusal by the exclusion constraint itself (a competitor that committed unseen) into the same 409", async () => {
    // A competitor slips in between the slot engine's check and the insert: a trigger inserts an
    // overlapping CONFIRMED booking just before ours, as a concurrent transaction could.
    await database.db.$executeRawUnsafe(`
      CREATE FUNCTION sneak_in() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.client_email = 'unlucky@example.com' THEN
          INSERT INTO bookings (id, coach_id, session_type_id, client_name, client_email, client_time_zone, status,
            starts_at, ends_at, blocked_from, blocked_until, manage_token_hash, price_cents, currency, updated_at)
          VALUES ('sneaky', NEW.coach_id, NEW.session_type_id, 'Quick', 'quick@example.com', 'UTC', 'CONFIRMED',
            NEW.starts_at, NEW.ends_at, NEW.blocked_from, NEW.blocked_until, 'sneaky-hash', 0, 'GBP', now());
        END IF;
        RETURN NEW;
      END $$`);
    await database.db.$executeRawUnsafe(`CREATE TRIGGER sneak_in BEFORE INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION sneak_in()`);
    try {
      const error = await failure(book({ start: at("2026-03-03T15:20:00Z"), email: "unlucky@example.com" }));
      expect(error.code).toBe("slot_unavailable");
      expect(alternativesOf(error)).toHaveLength(5);
    } finally {
      await database.db.$executeRawUnsafe(`DROP TRIGGER sneak_in ON bookings`);
      await database.db.$executeRawUnsafe(`DROP FUNCTION sneak_in()`);
    }
    // Both inserts were in the failed transaction: nothing of either remains.
    expect(await database.db.booking.count({ where: { clientEmail: { in: ["unlucky@example.com", "quick@example.com"] } } })).toBe(0);
  });

  it("holds a paid session type: HELD booking, PENDING order priced from the database, confirmations held back until payment", async () => {
    const provider = createTestProvider({ db: database.db });
    const start = at("2026-03-17T13:00:00Z");
    const created = await book({ sessionTypeSlug: "strategy-session", start, email: "paying@example.com", answers: { focus: "x", format: "Video call" }, provider });
    expect(created.booking.status).toBe("HELD");
    expect(created.checkoutUrl).toMatch(/\/checkout\/test\/test_cs_[0-9a-f]{32}$/);
    const booking = await database.db.booking.findUniqueOrThrow({
      where: { id: created.booking.id },
      select: { status: true, holdExpiresAt: true, orderItem: { select: { title: true, totalCents: true, order: { select: { id: true, status: true, totalCents: true, currency: true, checkoutId: true } } } } },
    });
    // BOOKING_HOLD_MINUTES defaults to 30.
    expect(booking.holdExpiresAt).toEqual(new Date(MONDAY_9AM.getTime() + 30 * 60_000));
    const order = booking.orderItem!.order;
    expect(order).toMatchObject({ status: "PENDING", totalCents: 9500, currency: "GBP" });
    expect(created.checkoutUrl).toContain(order.checkoutId!);
    expect(booking.orderItem!.title).toBe("One-on-one strategy session with Maya Ellison, Tuesday 17 March 2026, 09:00 (America/New_York)");
    const emails = await database.db.emailMessage.findMany({ where: { waitingFor: `order:${order.id}` }, select: { status: true, template: true } });
    expect(emails.map((email) => `${email.template}:${email.status}`).sort()).toEqual(["booking-confirmed-client:WAITING", "booking-confirmed-coach:WAITING"]);
    // Nothing is queued for delivery and no reminders are scheduled until the payment arrives.
    expect(sentJobs).toEqual([]);
    // The held time is taken for others meanwhile.
    expect((await failure(book({ sessionTypeSlug: "strategy-session", start, email: "other@example.com", answers: { focus: "x", format: "Video call" }, provider }))).code).toBe(
      "slot_unavailable",
    );
  });

  it("checks the details and the intake answers, and reports every field at once", async () => {
    const questions = [
      { id: "hopes", label: "What would you like to talk about? (optional)", type: "text", required: false },
      { id: "format", label: "How would you like to meet?", type: "choice", required: true, options: ["Video call", "Phone call"] },
    ];
    const original = await database.db.sessionType.findUniqueOrThrow({ where: { slug: "intro-call" }, select: { intakeQuestions: true } });
    await database.db.sessionType.update({ where: { slug: "intro-call" }, data: { intakeQuestions: questions } });
    try {
      const error = await failure(
        book({ name: "  ", email: "not-an-address", timeZone: "Nowhere/Special", answers: { format: "Carrier pigeon", hopes: "x".repeat(2_001) } }),
      );
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.details.fields).toEqual({
        name: "Please tell us your name, or what you'd like to be called.",
        email: "Please enter an email address like name@example.com.",
        timeZone: "Please choose your time zone from the list.",
        "answers.hopes": "Please keep this under 2,000 characters (it's 2,001 now).",
        "answers.format": "Please choose one of the options.",
      });
      expect((await failure(book({ name: "N".repeat(121) }))).details.fields).toEqual({
        name: "Please keep your name under 120 characters.",
        "answers.format": "Please choose one of the options.",
      });

      const booked = await book({ start: at("2026-03-03T10:00:00Z"), email: "ana@example.com", answers: { format: "Phone call" } });
      const row = await database.db.booking.findUniqueOrThrow({ where: { id: booked.booking.id }, select: { answers: true } });
      expect(row.answers).toEqual({ format: "Phone call" });
    } finally {
      await database.db.sessionType.update({ where: { slug: "intro-call" }, data: { intakeQuestions: original.intakeQuestions ?? [] } });
    }
  });
});

describe("the manage link", () => {
  it("shows the booking by token, and the same 404 for a malformed or unknown token", async () => {
    const { booking } = await book({ start: at("2026-03-04T10:00:00Z"), email: "lee@example.com", name: "Lee" });
    expect(await findBookingByManageToken({ db: database.db, token: tokenOf(booking.manageUrl), now: MONDAY_9AM })).toEqual({
      id: booking.id,
      status: "CONFIRMED",
      start: "2026-03-04T10:00:00.000Z",
      end: "2026-03-04T10:20:00.000Z",
      clientName: "Lee",
      clientEmail: "lee@example.com",
      clientTimeZone: "America/New_York",
      coachTimeZone: "Europe/London",
      coachName: "Maya Ellison",
      sessionType: { slug: "intro-call", title: "Free 20-minute intro call", durationMinutes: 20, priceCents: 0, currency: "GBP" },
      answers: {},
      canChange: true,
      changeDeadline: "2026-03-03T10:00:00.000Z",
      cancelledAt: null,
      // A free session: no order, nothing to refund, cancelling follows the change window.
      payment: null,
      canCancel: true,
      cancellationRefund: null,
      lateCancellationRefundPercent: 0,
    });
    const late = await findBookingByManageToken({ db: database.db, token: tokenOf(booking.manageUrl), now: at("2026-03-03T10:00:00Z") });
    expect(late.canChange).toBe(false);

    const malformed = await failure(findBookingByManageToken({ db: database.db, token: "../../etc/passwd" }));
    const unknown = await failure(findBookingByManageToken({ db: database.db, token: "A".repeat(43) }));
    expect(malformed).toBeInstanceOf(NotFoundError);
    expect([malformed.code, malformed.message]).toEqual([unknown.code, unknown.message]);
    expect(unknown.code).toBe("booking_not_found");
  });
});

describe("cancelBooking", () => {
  it("lets the client cancel within the window; both sides get a METHOD:CANCEL; a second submit changes nothing", async () => {
    const { booking } = await book({ start: at("2026-03-04T10:40:00Z"), email: "mo@example.com", name: "Mo" });
    const token = tokenOf(booking.manageUrl);
    const before = await database.db.emailMessage.count();

    await expect(cancelBooking({ db: database.db, token, reason: "Something came up at work.", now: MONDAY_9AM })).resolves.toEqual({
      id: booking.id,
      status: "CANCELLED",
    });
    const row = await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row).toMatchObject({ status: "CANCELLED", cancelledBy: "CLIENT", cancelledAt: MONDAY_9AM, cancelReason: "Something came up at work.", sequence: 1 });

    const emails = await database.db.emailMessage.findMany({ where: { template: { startsWith: "booking-cancelled" } }, orderBy: { toAddress: "asc" } });
    expect(emails.map((email) => [email.toAddress, email.template])).toEqual([
      ["coach@example.com", "booking-cancelled-coach"],
      ["mo@example.com", "booking-cancelled-client"],
    ]);
    expect(emails[0].text).toContain("Mo (mo@example.com) cancelled their Free 20-minute intro call on Wednesday 4 March 2026, 10:40 (Europe/London)");
    expect(emails[0].text).toContain("Their note: “Something came up at work.”");
    expect(emails[1].text).toContain("Your Free 20-minute intro call with Maya Ellison on Wednesday 4 March 2026, 05:40 (America/New_York)");
    expect(emails[1].text).toContain("http://localhost:3000/book/intro-call");
    for (const email of emails) {
      const { props, attachment } = await outboxIcs(database.db, email.id);
      expect(attachment.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
      expect(props.METHOD.value).toBe("CANCEL");
      expect(props.STATUS.value).toBe("CANCELLED");
      expect(props.UID.value).toBe(`booking-${booking.id}@localhost:3000`);
      expect(props.SEQUENCE.value).toBe("1");
    }
    expect(await database.db.auditLog.count({ where: { entityId: booking.id, action: "booking.cancelled" } })).toBe(1);

    // The time is free again, and a double submit is harmless.
    const { days } = await getAvailability({ db: database.db, sessionTypeSlug: "intro-call", from: "2026-03-04", to: "2026-03-04", timeZone: "UTC", now: MONDAY_9AM });
    expect(days[0].slots.map((slot) => slot.start)).toContain("2026-03-04T10:40:00.000Z");
    await expect(cancelBooking({ db: database.db, token, now: MONDAY_9AM })).resolves.toEqual({ id: booking.id, status: "CANCELLED" });
    expect(await database.db.emailMessage.count()).toBe(before + 2);
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).sequence).toBe(1);
  });

  it("refuses a client cancellation inside the cutoff, kindly, with the way to reach the coach", async () => {
    const { booking } = await book({ start: at("2026-03-04T11:00:00Z"), email: "jo@example.com" });
    const error = await failure(cancelBooking({ db: database.db, token: tokenOf(booking.manageUrl), now: at("2026-03-03T11:00:00Z") }));
    expect(error.status).toBe(422);
    expect(error.code).toBe("change_window_closed");
    expect(error.message).toContain("less than 24 hours away");
    expect(error.message).toContain("reply to your confirmation email or write to Maya Ellison at coach@example.com");
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
  });

  it("lets only the coach cancel by id, up to the end of the session, with her message to the client", async () => {
    const { booking } = await book({ start: at("2026-03-05T10:00:00Z"), email: "ren@example.com", name: "Ren" });
    const client: CurrentUser = { id: "someone", email: "ren@example.com", name: null, role: "CLIENT" };
    expect(await failure(cancelBooking({ db: database.db, bookingId: booking.id, actor: null }))).toBeInstanceOf(AuthRequiredError);
    expect(await failure(cancelBooking({ db: database.db, bookingId: booking.id, actor: client }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(cancelBooking({ db: database.db, bookingId: "no-such-booking", actor: coach }))).toBeInstanceOf(NotFoundError);

    const message = "I'm unwell today, I'm so sorry. Could we find another time next week?";
    // Inside the client's cutoff, but before the session ends: the coach may still cancel.
    const during = at("2026-03-05T10:10:00Z");
    await expect(cancelBooking({ db: database.db, bookingId: booking.id, actor: coach, reason: message, now: during })).resolves.toEqual({
      id: booking.id,
      status: "CANCELLED",
    });
    const row = await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row).toMatchObject({ cancelledBy: "COACH", cancelReason: message, sequence: 1 });
    const toClient = await database.db.emailMessage.findFirstOrThrow({ where: { toAddress: "ren@example.com", template: "booking-cancelled-client" } });
    expect(toClient.subject).toBe("Maya Ellison has cancelled your session");
    expect(toClient.text).toContain(`Maya Ellison's message: “${message}”`);
    const toCoach = await database.db.emailMessage.findFirstOrThrow({ where: { toAddress: "coach@example.com", template: "booking-cancelled-coach", text: { contains: "Ren" } } });
    expect(toCoach.text).toContain("We've emailed them with your message.");
    expect((await outboxIcs(database.db, toClient.id)).props.METHOD.value).toBe("CANCEL");
    expect(await database.db.auditLog.findFirst({ where: { entityId: booking.id, action: "booking.cancelled" } })).toMatchObject({
      actorId: coach.id,
      data: { by: "COACH", reason: message },
    });

    const { booking: over } = await book({ start: at("2026-03-05T10:40:00Z"), email: "ren@example.com" });
    const ended = await failure(cancelBooking({ db: database.db, bookingId: over.id, actor: coach, now: at("2026-03-05T11:00:00Z") }));
    expect(ended.code).toBe("session_over");
  });
});

describe("rescheduleBooking", () => {
  it("moves the booking in one update: the old time frees up, the new one is taken, SEQUENCE + 1, same UID and link", async () => {
    const { booking } = await book({ start: at("2026-03-04T14:00:00Z"), email: "ira@example.com", name: "Ira" });
    const token = tokenOf(booking.manageUrl);
    sentJobs.length = 0;

    const moved = await rescheduleBooking({ db: database.db, token, newStart: at("2026-03-04T15:00:00Z"), now: MONDAY_9AM });
    expect(moved).toEqual({ id: booking.id, status: "CONFIRMED", start: "2026-03-04T15:00:00.000Z", end: "2026-03-04T15:20:00.000Z", manageUrl: booking.manageUrl });
    const row = await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row).toMatchObject({ startsAt: at("2026-03-04T15:00:00Z"), blockedUntil: at("2026-03-04T15:30:00Z"), sequence: 1 });

    const { days } = await getAvailability({ db: database.db, sessionTypeSlug: "intro-call", from: "2026-03-04", to: "2026-03-04", timeZone: "UTC", now: MONDAY_9AM });
    const starts = days[0].slots.map((slot) => slot.start);
    expect(starts).toContain("2026-03-04T14:00:00.000Z");
    expect(starts).not.toContain("2026-03-04T15:00:00.000Z");
    expect((await failure(book({ start: at("2026-03-04T15:00:00Z"), email: "x@example.com" }))).code).toBe("slot_unavailable");

    const emails = await database.db.emailMessage.findMany({ where: { template: { startsWith: "booking-rescheduled" } }, orderBy: { toAddress: "asc" } });
    expect(emails.map((email) => email.toAddress)).toEqual(["coach@example.com", "ira@example.com"]);
    expect(emails[1].subject).toBe("Your session has moved to Wednesday 4 March 2026, 10:00");
    expect(emails[1].text).toContain("The earlier time, Wednesday 4 March 2026, 09:00 (America/New_York), no longer applies.");
    expect(emails[0].text).toContain("Ira (ira@example.com) moved their Free 20-minute intro call from Wednesday 4 March 2026, 14:00 (Europe/London) to Wednesday 4 March 2026, 15:00 (Europe/London)");
    for (const email of emails) {
      const { props } = await outboxIcs(database.db, email.id);
      expect(props.METHOD.value).toBe("REQUEST");
      expect(props.UID.value).toBe(`booking-${booking.id}@localhost:3000`);
      expect(props.SEQUENCE.value).toBe("1");
      expect(props.DTSTART.value).toBe("20260304T150000Z");
    }
    expect(sentJobs.filter((job) => job.name === "booking.reminder").map((job) => job.data)).toEqual([
      { bookingId: booking.id, offsetMinutes: 1440, startsAt: "2026-03-04T15:00:00.000Z" },
      { bookingId: booking.id, offsetMinutes: 60, startsAt: "2026-03-04T15:00:00.000Z" },
    ]);

    // The same link still works; asking again for the time it already has changes nothing.
    expect((await findBookingByManageToken({ db: database.db, token, now: MONDAY_9AM })).start).toBe("2026-03-04T15:00:00.000Z");
    const emailCount = await database.db.emailMessage.count();
    await rescheduleBooking({ db: database.db, token, newStart: at("2026-03-04T15:00:00Z"), now: MONDAY_9AM });
    expect(await database.db.emailMessage.count()).toBe(emailCount);
    expect((await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).sequence).toBe(1);
  });

  it("may move onto time overlapping its own old time (the old range is released by the same statement)", async () => {
    const { booking } = await book({ start: at("2026-03-04T16:00:00Z"), email: "ode@example.com" });
    const moved = await rescheduleBooking({ db: database.db, token: tokenOf(booking.manageUrl), newStart: at("2026-03-04T16:20:00Z"), now: MONDAY_9AM });
    expect(moved.start).toBe("2026-03-04T16:20:00.000Z");
  });

  it("refuses a taken new time with 409 and alternatives, leaving the booking where it was", async () => {
    await book({ start: at("2026-03-04T17:00:00Z"), email: "quinn@example.com" });
    const { booking } = await book({ start: at("2026-03-04T17:40:00Z"), email: "pat@example.com" });
    const error = await failure(rescheduleBooking({ db: database.db, token: tokenOf(booking.manageUrl), newStart: at("2026-03-04T17:00:00Z"), now: MONDAY_9AM }));
    expect(error.code).toBe("slot_unavailable");
    // 17:20 overlaps Quinn's buffer; the booking's own time counts as free for it, so 17:40 is offered.
    expect(alternativesOf(error).slice(0, 2)).toEqual([iso("2026-03-04T17:40:00Z"), iso("2026-03-04T18:00:00Z")]);
    const row = await database.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row).toMatchObject({ startsAt: at("2026-03-04T17:40:00Z"), sequence: 0 });
  });

  it("refuses after the cutoff and for a cancelled booking", async () => {
    const { booking } = await book({ start: at("2026-03-10T10:00:00Z"), email: "uma@example.com" });
    const token = tokenOf(booking.manageUrl);
    expect((await failure(rescheduleBooking({ db: database.db, token, newStart: at("2026-03-10T11:00:00Z"), now: at("2026-03-09T10:00:00Z") }))).code).toBe(
      "change_window_closed",
    );
    await cancelBooking({ db: database.db, token, now: MONDAY_9AM });
    expect((await failure(rescheduleBooking({ db: database.db, token, newStart: at("2026-03-10T11:00:00Z"), now: MONDAY_9AM }))).code).toBe(
      "booking_not_active",
    );
  });

  it("leaves a paid booking still waiting for its payment where it is: no update, no emails; the UPDATE itself moves only a confirmed booking", async () => {
    const provider = createTestProvider({ db: database.db });
    const start = at("2026-03-24T13:00:00Z");
    const newStart = at("2026-03-24T11:00:00Z");
    const { booking } = await book({ sessionTypeSlug: "strategy-session", start, email: "unpaid@example.com", answers: { focus: "x", format: "Video call" }, provider });
    const token = tokenOf(booking.manageUrl);
    const row = () => database.db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { status: true, startsAt: true, sequence: true, updatedAt: true } });
    const before = { row: await row(), emails: await database.db.emailMessage.findMany({ select: { id: true, status: true } }) };
    expect(before.row).toMatchObject({ status: "HELD", startsAt: start, sequence: 0 });
    sentJobs.length = 0;

    const waiting = await failure(rescheduleBooking({ db: database.db, token, newStart, now: MONDAY_9AM }));
    expect(waiting.code).toBe("payment_in_progress");
    expect(waiting.status).toBe(422);
    expect(waiting.message).toContain("This booking is still waiting for its payment, so it can't be moved yet");
    expect(await row()).toEqual(before.row);
    expect(await database.db.emailMessage.findMany({ select: { id: true, status: true } })).toEqual(before.emails);
    expect(sentJobs).toEqual([]);

    // Past the order check (its payment landing in between), a booking still HELD is not moved either.
    const { orderId } = await database.db.orderItem.findUniqueOrThrow({ where: { bookingId: booking.id }, select: { orderId: true } });
    await database.db.order.update({ where: { id: orderId }, data: { status: "PAID", paidAt: MONDAY_9AM } });
    expect((await failure(rescheduleBooking({ db: database.db, token, newStart, now: MONDAY_9AM }))).code).toBe("booking_changed");
    expect(await row()).toEqual(before.row);
    expect(await database.db.emailMessage.findMany({ select: { id: true, status: true } })).toEqual(before.emails);
    expect(await database.db.auditLog.count({ where: { entityId: booking.id, action: "booking.rescheduled" } })).toBe(0);
  });

  it(`allows ${RESCHEDULES_PER_HOUR} moves of one booking per hour, then explains calmly when it can move again`, async () => {
    const { booking } = await book({ start: at("2026-03-18T09:00:00Z"), email: "restless@example.com" });
    const other = await book({ start: at("2026-03-18T11:00:00Z"), email: "settled@example.com" });
    const token = tokenOf(booking.manageUrl);
    // 09:48: twelve minutes are left of the clock hour that counts the moves.
    const now = at("2026-03-02T09:48:00Z");
    const times = [at("2026-03-18T10:00:00Z"), at("2026-03-18T09:00:00Z")];
    for (let i = 0; i < RESCHEDULES_PER_HOUR; i++) {
      await rescheduleBooking({ db: database.db, token, newStart: times[i % 2], now });
    }
    const row = () => database.db.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { startsAt: true, sequence: true } });
    expect(await row()).toEqual({ startsAt: times[0], sequence: RESCHEDULES_PER_HOUR });
    const emails = await database.db.emailMessage.count();

    const limited = await failure(rescheduleBooking({ db: database.db, token, newStart: times[1], now }));
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.status).toBe(429);
    expect((limited as RateLimitedError).retryAfterSeconds).toBe(12 * 60);
    expect(limited.message).toBe(
      "This booking has been moved several times in a short while, and each move sends you and Maya Ellison a new calendar invite, so moving it online is paused for a little while. Please try again in about 12 minutes.",
    );
    expect(await row()).toEqual({ startsAt: times[0], sequence: RESCHEDULES_PER_HOUR });
    expect(await database.db.emailMessage.count()).toBe(emails);

    // Asking for the time it already has is still a harmless no-op; other bookings are not limited.
    await expect(rescheduleBooking({ db: database.db, token, newStart: times[0], now })).resolves.toMatchObject({ start: times[0].toISOString() });
    await expect(rescheduleBooking({ db: database.db, token: tokenOf(other.booking.manageUrl), newStart: at("2026-03-18T11:20:00Z"), now })).resolves.toMatchObject({
      start: "2026-03-18T11:20:00.000Z",
    });
    // The next hour it can move again.
    const later = await rescheduleBooking({ db: database.db, token, newStart: times[1], now: at("2026-03-02T10:00:00Z") });
    expect(later.start).toBe(times[1].toISOString());
  });
});

describe("listClientBookings", () => {
  it("lists the signed-in person's bookings by email: upcoming soonest first, then past latest first; no expired holds", async () => {
    const email = "vic@example.com";
    const first = await book({ start: at("2026-03-03T15:00:00Z"), email });
    const second = await book({ start: at("2026-03-04T09:20:00Z"), email });
    const third = await book({ start: at("2026-03-11T10:00:00Z"), email });
    await cancelBooking({ db: database.db, token: tokenOf(third.booking.manageUrl), now: MONDAY_9AM });
    const actor: CurrentUser = { id: "u1", email: "Vic@Example.com", name: "Vic", role: "CLIENT" };
    const list = await listClientBookings({ db: database.db, actor, now: at("2026-03-04T00:00:00Z") });
    expect(list.map((booking) => [booking.id, booking.status])).toEqual([
      [second.booking.id, "CONFIRMED"],
      [third.booking.id, "CANCELLED"],
      [first.booking.id, "CONFIRMED"],
    ]);
    expect(list[0]).toEqual({
      id: second.booking.id,
      status: "CONFIRMED",
      start: "2026-03-04T09:20:00.000Z",
      end: "2026-03-04T09:40:00.000Z",
      sessionTitle: "Free 20-minute intro call",
      clientTimeZone: "America/New_York",
      payment: null,
    });
    expect(JSON.stringify(list)).not.toContain("manage");
    // The live hold from an earlier test shows while it lasts; expired holds never do.
    const holder = { ...actor, email: "held@example.com" };
    expect((await listClientBookings({ db: database.db, actor: holder, now: MONDAY_9AM })).map((booking) => booking.status)).toEqual(["HELD"]);
    expect(await listClientBookings({ db: database.db, actor: holder, now: at("2026-03-02T10:00:00Z") })).toEqual([]);
    expect(await failure(listClientBookings({ db: database.db, actor: null }))).toBeInstanceOf(AuthRequiredError);
  });
});
