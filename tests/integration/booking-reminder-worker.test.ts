import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeJobSender, QUEUES, sendJobs } from "@/lib/jobs/boss";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { seedPractice } from "../helpers/booking";
import { startSmtpSink } from "../helpers/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The real worker (pg-boss queues, handlers, SMTP) on real time: a reminder job is delivered, and
// the sweep finds a reminder whose job never existed.

let database: TestDatabase;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Worker | undefined;
const previousDatabaseUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  [database, sink] = await Promise.all([createTestDatabase(), startSmtpSink({})]);
  process.env.DATABASE_URL = database.url;
  await seedPractice(database.db);
  worker = await startWorker({ databaseUrl: database.url, smtpUrl: sink.url });
});

afterAll(async () => {
  await worker?.stop();
  await closeJobSender();
  await sink?.close();
  await database?.drop();
  process.env.DATABASE_URL = previousDatabaseUrl;
});

async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A confirmed intro call starting `minutes` from now, written directly (the rules don't matter here). */
async function confirmedBooking(email: string, minutes: number, madeMinutesAgo: number) {
  const type = await database.db.sessionType.findUniqueOrThrow({ where: { slug: "intro-call" }, select: { id: true, coachId: true } });
  const startsAt = new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
  const madeAt = new Date(Date.now() - madeMinutesAgo * 60_000);
  return database.db.booking.create({
    data: {
      coachId: type.coachId,
      sessionTypeId: type.id,
      clientName: "Ash",
      clientEmail: email,
      clientTimeZone: "Europe/Berlin",
      status: "CONFIRMED",
      startsAt,
      endsAt,
      blockedFrom: startsAt,
      blockedUntil: endsAt,
      manageTokenHash: `hash-${email}`,
      priceCents: 0,
      currency: "GBP",
      createdAt: madeAt,
      updatedAt: madeAt,
    },
    select: { id: true, startsAt: true },
  });
}

describe("reminders in the worker", () => {
  it("a booking.reminder job writes the reminder to the outbox and it is delivered", async () => {
    const booking = await confirmedBooking("ash@example.com", 50, 120);
    await sendJobs([
      {
        name: QUEUES.bookingReminder,
        data: { bookingId: booking.id, offsetMinutes: 60, startsAt: booking.startsAt.toISOString() },
        singletonKey: `${booking.id}:60:${booking.startsAt.toISOString()}`,
      },
    ]);
    const message = await waitFor(() => sink.messages.find((each) => each.to.includes("ash@example.com")), "the reminder email");
    expect(message.subject).toMatch(/^Reminder: your session on /);
    expect(message.text).toContain("(Europe/Berlin)");
    expect(await database.db.bookingReminder.count({ where: { bookingId: booking.id } })).toBe(1);
  });

  it("the reminder sweep sends a reminder whose job was lost", async () => {
    // The day-before reminder fell due 2 minutes ago, long after the booking was made, and no job
    // was ever queued for it.
    const booking = await confirmedBooking("blake@example.com", 24 * 60 - 2, 600);
    await sendJobs([{ name: QUEUES.bookingReminderSweep, data: {} }]);
    await waitFor(() => sink.messages.find((each) => each.to.includes("blake@example.com")), "the swept reminder");
    expect(await database.db.bookingReminder.findMany({ where: { bookingId: booking.id }, select: { offsetMinutes: true } })).toEqual([{ offsetMinutes: 1440 }]);
    // Sweeping again sends nothing more.
    await sendJobs([{ name: QUEUES.bookingReminderSweep, data: {} }]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(sink.messages.filter((each) => each.to.includes("blake@example.com"))).toHaveLength(1);
  });
});
