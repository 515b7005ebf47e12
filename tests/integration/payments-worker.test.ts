import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import { closeJobSender } from "@/lib/jobs/boss";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { payTestCheckout } from "@/lib/payments/pay-test-checkout";
import { refundBookingByCoach } from "@/lib/payments/refund-booking-by-coach";
import { createTestProvider } from "@/lib/payments/test-provider";
import { seedPractice } from "../helpers/booking";
import { bookPaid, londonAt, openEveryDay, orderOfBooking, paymentState } from "../helpers/paid-booking";
import { startSmtpSink } from "../helpers/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The real pg-boss worker (what `npm start` runs) with the payment queues, in test mode: the hold
// sweep at start-up, a refund job sent after commit, and the emails that go with them.

let database: TestDatabase;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Worker | undefined;
let coach: CurrentUser;
const previousDatabaseUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  [database, sink] = await Promise.all([createTestDatabase(), startSmtpSink({})]);
  // The web side's job sender reads DATABASE_URL like the app does.
  process.env.DATABASE_URL = database.url;
  ({ coach } = await seedPractice(database.db));
  await openEveryDay(database.db, coach.id);
});

afterAll(async () => {
  await worker?.stop();
  await closeJobSender();
  await getDb().$disconnect();
  await sink?.close();
  await database?.drop();
  process.env.DATABASE_URL = previousDatabaseUrl;
});

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the worker's payment jobs", () => {
  it("releases lapsed holds when it starts, sends a refund right after it is recorded, and mails the receipts", async () => {
    const provider = createTestProvider({ db: database.db });
    const lapsed = await bookPaid({ db: database.db, provider, start: londonAt(3, 10), email: "lapsed@example.com", now: new Date(Date.now() - 45 * 60_000) });
    const paid = await bookPaid({ db: database.db, provider, start: londonAt(4, 10), email: "paid@example.com" });

    worker = await startWorker({ databaseUrl: database.url, smtpUrl: sink.url });
    await waitFor(async () => ((await paymentState(database.db, lapsed.booking.id)).order.status === "EXPIRED" ? true : undefined), "the hold sweep");
    expect((await paymentState(database.db, lapsed.booking.id)).booking.status).toBe("EXPIRED");

    await payTestCheckout({ db: database.db, checkoutId: (await orderOfBooking(database.db, paid.booking.id)).checkoutId });
    const { refundId } = await refundBookingByCoach({ db: database.db, actor: coach, bookingId: paid.booking.id, amountCents: 1500 });
    await waitFor(
      async () => ((await database.db.refund.findUniqueOrThrow({ where: { id: refundId }, select: { status: true } })).status === "SUCCEEDED" ? true : undefined),
      "the refund job",
    );
    await waitFor(() => (sink.messages.some((message) => message.subject === "Your refund of £15.00") ? true : undefined), "the refund email");
    const subjects = sink.messages.filter((message) => message.to.includes("paid@example.com")).map((message) => message.subject);
    expect(subjects).toEqual(expect.arrayContaining(["Receipt for your test payment of £95.00", "Your refund of £15.00"]));
    expect(subjects.some((subject) => subject.startsWith("Your session is confirmed"))).toBe(true);
    // The lapsed booking's confirmations were never sent.
    expect(sink.messages.some((message) => message.to.includes("lapsed@example.com"))).toBe(false);
  });
});
