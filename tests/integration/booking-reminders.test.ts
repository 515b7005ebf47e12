import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Jobs are recorded instead of queued; the handler and the sweep are called as the worker calls them.
vi.mock("@/lib/jobs/boss", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/jobs/boss")>()),
  sendJobs: async () => {},
}));

import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { findDueReminders } from "@/lib/booking/find-due-reminders";
import { rescheduleBooking } from "@/lib/booking/reschedule-booking";
import { sendBookingReminder } from "@/lib/booking/send-booking-reminder";
import { MONDAY_9AM, seedPractice, tokenOf } from "../helpers/booking";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedPractice(database.db);
});

afterAll(async () => {
  await database?.drop();
});

const at = (iso: string) => new Date(iso);
const minutesBefore = (instant: Date, minutes: number) => new Date(instant.getTime() - minutes * 60_000);

async function book(start: string, email: string, now = MONDAY_9AM) {
  const { booking } = await createBooking({
    db: database.db,
    sessionTypeSlug: "intro-call",
    start: at(start),
    name: "Noor",
    email,
    timeZone: "Asia/Kolkata",
    now,
  });
  return { ...booking, email, startsAt: at(booking.start), token: tokenOf(booking.manageUrl) };
}

const remindersTo = (email: string) => database.db.emailMessage.findMany({ where: { template: "booking-reminder", toAddress: email } });

describe("sendBookingReminder", () => {
  it("sends once, in the client's zone, and never a second time for the same reminder", async () => {
    const booking = await book("2026-03-03T10:00:00Z", "noor@example.com");
    const reminder = { db: database.db, bookingId: booking.id, offsetMinutes: 60, startsAt: booking.startsAt, now: minutesBefore(booking.startsAt, 60) };

    const first = await sendBookingReminder(reminder);
    expect(first).toEqual({ status: "sent", messageId: expect.any(String) });
    const [message] = await remindersTo(booking.email);
    expect(message).toMatchObject({ toAddress: "noor@example.com", subject: "Reminder: your session on Tuesday 3 March 2026, 15:30", status: "PENDING" });
    expect(message.text).toContain("is on Tuesday 3 March 2026, 15:30 (Asia/Kolkata) — that's 10:00 for Maya Ellison (Europe/London).");
    // Inside the 24-hour cutoff: changes go through the coach.
    expect(message.text).toContain("If something has come up, just email Maya Ellison at coach@example.com.");

    expect(await sendBookingReminder({ ...reminder, now: minutesBefore(booking.startsAt, 55) })).toEqual({ status: "skipped", reason: "already sent" });
    // A burst of duplicates (a retried job and the sweep at once) still sends nothing more.
    const burst = await Promise.all(Array.from({ length: 5 }, () => sendBookingReminder(reminder)));
    expect(burst.every((outcome) => outcome.status === "skipped")).toBe(true);
    expect(await remindersTo(booking.email)).toHaveLength(1);
    expect(await database.db.bookingReminder.findMany({ where: { bookingId: booking.id }, select: { offsetMinutes: true, startsAt: true } })).toEqual([
      { offsetMinutes: 60, startsAt: booking.startsAt },
    ]);
  });

  it("the day-before reminder says the booking can still be changed, until when", async () => {
    const booking = await book("2026-03-04T09:00:00Z", "dev@example.com");
    const outcome = await sendBookingReminder({ db: database.db, bookingId: booking.id, offsetMinutes: 1440, startsAt: booking.startsAt, now: at("2026-03-03T08:59:00Z") });
    expect(outcome.status).toBe("sent");
    const [message] = await remindersTo(booking.email);
    expect(message.text).toContain("you can still reschedule or cancel until Tuesday 3 March 2026, 14:30 (Asia/Kolkata)");
  });

  it("sends nothing for a cancelled booking, or once the session has started", async () => {
    const booking = await book("2026-03-03T10:40:00Z", "cancelled@example.com");
    await cancelBooking({ db: database.db, token: booking.token, now: MONDAY_9AM });
    expect(
      await sendBookingReminder({ db: database.db, bookingId: booking.id, offsetMinutes: 60, startsAt: booking.startsAt, now: minutesBefore(booking.startsAt, 60) }),
    ).toEqual({ status: "skipped", reason: "the booking was cancelled or moved" });

    const started = await book("2026-03-03T11:20:00Z", "late@example.com");
    expect(await sendBookingReminder({ db: database.db, bookingId: started.id, offsetMinutes: 60, startsAt: started.startsAt, now: started.startsAt })).toEqual({
      status: "skipped",
      reason: "the session has started",
    });
    expect(await database.db.bookingReminder.count({ where: { bookingId: { in: [booking.id, started.id] } } })).toBe(0);
  });

  it("treats the old time's reminder of a moved booking as a no-op and sends the new one", async () => {
    const booking = await book("2026-03-03T12:00:00Z", "moved@example.com");
    const moved = await rescheduleBooking({ db: database.db, token: booking.token, newStart: at("2026-03-03T13:00:00Z"), now: MONDAY_9AM });
    const newStart = at(moved.start);
    expect(
      await sendBookingReminder({ db: database.db, bookingId: booking.id, offsetMinutes: 60, startsAt: booking.startsAt, now: minutesBefore(booking.startsAt, 60) }),
    ).toEqual({ status: "skipped", reason: "the booking was cancelled or moved" });
    expect(
      (await sendBookingReminder({ db: database.db, bookingId: booking.id, offsetMinutes: 60, startsAt: newStart, now: minutesBefore(newStart, 60) })).status,
    ).toBe("sent");
    const [message] = await remindersTo(booking.email);
    expect(message.text).toContain("Tuesday 3 March 2026, 18:30 (Asia/Kolkata)");
  });

  it("sends nothing at an offset the coach no longer uses", async () => {
    const booking = await book("2026-03-03T14:00:00Z", "offsets@example.com");
    await database.db.coachSettings.updateMany({ data: { reminderOffsetsMinutes: [1440] } });
    try {
      expect(
        await sendBookingReminder({ db: database.db, bookingId: booking.id, offsetMinutes: 60, startsAt: booking.startsAt, now: minutesBefore(booking.startsAt, 60) }),
      ).toEqual({ status: "skipped", reason: "no reminder at this offset any more" });
    } finally {
      await database.db.coachSettings.updateMany({ data: { reminderOffsetsMinutes: [1440, 60] } });
    }
  });
});

describe("findDueReminders (the sweep for lost jobs)", () => {
  it("finds a reminder that fell due within the last hour and was not sent, and only that", async () => {
    const booking = await book("2026-03-05T14:00:00Z", "lost@example.com");
    const due = { bookingId: booking.id, offsetMinutes: 60, startsAt: "2026-03-05T14:00:00.000Z" };
    const sweep = (now: Date) => findDueReminders({ db: database.db, now }).then((found) => found.filter((job) => job.bookingId === booking.id));

    expect(await sweep(at("2026-03-05T12:59:00Z"))).toEqual([]);
    expect(await sweep(at("2026-03-05T13:04:00Z"))).toEqual([due]);
    // More than an hour late is too late to be useful.
    expect(await sweep(at("2026-03-05T14:00:00Z"))).toEqual([]);
    // The day-before reminder, lost too, is found in its own hour.
    expect(await sweep(at("2026-03-04T14:30:00Z"))).toEqual([{ ...due, offsetMinutes: 1440 }]);

    const now = at("2026-03-05T13:04:00Z");
    expect((await sendBookingReminder({ db: database.db, ...due, startsAt: booking.startsAt, now })).status).toBe("sent");
    expect(await sweep(now)).toEqual([]);
    expect(await remindersTo(booking.email)).toHaveLength(1);
  });

  it("skips reminders that fell due before the booking was made or moved", async () => {
    // Booked 30 minutes after its day-before reminder would have gone out.
    await database.db.sessionType.update({ where: { slug: "intro-call" }, data: { minimumNoticeMinutes: 0 } });
    try {
      const booking = await book("2026-03-05T15:00:00Z", "lastminute@example.com", at("2026-03-04T15:30:00Z"));
      expect((await findDueReminders({ db: database.db, now: at("2026-03-04T15:35:00Z") })).filter((job) => job.bookingId === booking.id)).toEqual([]);
      expect((await findDueReminders({ db: database.db, now: at("2026-03-05T14:01:00Z") })).filter((job) => job.bookingId === booking.id)).toEqual([
        { bookingId: booking.id, offsetMinutes: 60, startsAt: "2026-03-05T15:00:00.000Z" },
      ]);
    } finally {
      await database.db.sessionType.update({ where: { slug: "intro-call" }, data: { minimumNoticeMinutes: 720 } });
    }
  });
});
