import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { CLAIM_MS, deliverEmail, MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/email/deliver-email";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { findDueEmails } from "@/lib/email/find-due-emails";
import { createMailTransport } from "@/lib/email/transport";
import { startSmtpSink } from "../helpers/smtp-sink";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let transport: ReturnType<typeof createMailTransport>;
let refusal: string | undefined;

const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";

beforeAll(async () => {
  [database, sink] = await Promise.all([createTestDatabase(), startSmtpSink({ rejectRecipient: () => refusal })]);
  transport = createMailTransport(sink.url);
});

afterAll(async () => {
  transport?.close();
  await sink?.close();
  await database?.drop();
});

beforeEach(async () => {
  refusal = undefined;
  sink.messages.length = 0;
  await database.db.emailMessage.deleteMany();
});

async function queue(to = "client@example.com") {
  const { id } = await enqueueEmail(database.db, {
    to,
    template: "booking-confirmed",
    subject: "Your session is confirmed",
    html: "<p>See you on <strong>Tuesday 3 March 2026, 14:00</strong>.</p>",
    text: "See you on Tuesday 3 March 2026, 14:00.",
    attachments: [{ filename: "session.ics", contentType: "text/calendar", content: Buffer.from(ics).toString("base64") }],
  });
  const { nextAttemptAt } = await database.db.emailMessage.findUniqueOrThrow({ where: { id }, select: { nextAttemptAt: true } });
  // Every test runs on the clock the row was written with, so "due" never depends on timing.
  return { id, dueAt: nextAttemptAt };
}

const row = (id: string) =>
  database.db.emailMessage.findUniqueOrThrow({
    where: { id },
    select: { status: true, attempts: true, lastError: true, nextAttemptAt: true, lockedUntil: true, sentAt: true },
  });

const later = (date: Date, ms: number) => new Date(date.getTime() + ms);

describe("deliverEmail", () => {
  it("sends a queued message once, with its HTML, text and attachment", async () => {
    const { id, dueAt } = await queue();

    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: dueAt })).toEqual({ status: "sent" });

    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message.to).toEqual(["client@example.com"]);
    expect(message.from).toBe(config().EMAIL_FROM.match(/<(.+)>/)?.[1] ?? config().EMAIL_FROM);
    expect(message.subject).toBe("Your session is confirmed");
    expect(message.html).toContain("<strong>Tuesday 3 March 2026, 14:00</strong>");
    expect(message.text.trim()).toBe("See you on Tuesday 3 March 2026, 14:00.");
    expect(message.attachments).toEqual([
      { filename: "session.ics", contentType: "text/calendar", content: Buffer.from(ics).toString("base64") },
    ]);
    expect(await row(id)).toEqual({ status: "SENT", attempts: 1, lastError: null, nextAttemptAt: dueAt, lockedUntil: null, sentAt: dueAt });

    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: later(dueAt, 60_000) })).toEqual({ status: "skipped" });
    expect(sink.messages).toHaveLength(1);
  });

  it("keeps no working sign-in link in the outbox once the message has gone; the recipient got it whole", async () => {
    const token = "ab12".repeat(16);
    const link = `http://localhost:3000/api/auth/callback/email?callbackUrl=%2Faccount&token=${token}&email=a%40example.com`;
    const { id } = await enqueueEmail(database.db, {
      to: "a@example.com",
      template: "sign-in",
      subject: "Your sign-in link",
      html: `<p><a href="${link.replace(/&/g, "&amp;")}">Sign in</a></p>`,
      text: `Sign in: ${link}`,
    });
    const { nextAttemptAt } = await database.db.emailMessage.findUniqueOrThrow({ where: { id }, select: { nextAttemptAt: true } });
    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: nextAttemptAt })).toEqual({ status: "sent" });
    expect(sink.messages[0].text).toContain(`token=${token}`);
    const stored = await database.db.emailMessage.findUniqueOrThrow({ where: { id }, select: { html: true, text: true } });
    expect(`${stored.html}${stored.text}`).not.toContain(token);
    expect(stored.text).toBe(`Sign in: ${link.replace(token, "removed-once-sent")}`);
    expect(stored.html).toContain("token=removed-once-sent&amp;email=a%40example.com");
  });

  it("records a refused attempt, waits, and sends on a later attempt", async () => {
    const { id, dueAt } = await queue();
    refusal = "Mailbox busy, try again later";

    const first = await deliverEmail({ db: database.db, messageId: id, transport, now: dueAt });
    expect(first).toMatchObject({ status: "retry", nextAttemptAt: later(dueAt, 30_000) });
    expect(sink.messages).toHaveLength(0);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null, sentAt: null, nextAttemptAt: later(dueAt, 30_000) });
    expect(failed.lastError).toContain("Mailbox busy, try again later");

    refusal = undefined;
    // Not due yet: nothing is claimed or sent, even though the server would now accept it.
    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: later(dueAt, 29_000) })).toEqual({ status: "skipped" });
    expect((await row(id)).attempts).toBe(1);

    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: later(dueAt, 30_000) })).toEqual({ status: "sent" });
    expect(sink.messages).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2, sentAt: later(dueAt, 30_000) });
  });

  it("backs off 30 s, 2 min, 10 min, 1 h, 6 h and gives up after the sixth attempt", async () => {
    const { id, dueAt } = await queue();
    refusal = "Relay unavailable";
    let now = dueAt;
    const waits: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const outcome = await deliverEmail({ db: database.db, messageId: id, transport, now });
      if (outcome.status !== "retry") throw new Error(`attempt ${attempt}: expected a retry, got ${outcome.status}`);
      waits.push(outcome.nextAttemptAt.getTime() - now.getTime());
      now = outcome.nextAttemptAt;
    }
    expect(waits).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
    expect(waits).toEqual(RETRY_DELAYS_MS);

    const last = await deliverEmail({ db: database.db, messageId: id, transport, now });
    expect(last).toMatchObject({ status: "failed" });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lockedUntil: null, sentAt: null });
    expect(failed.lastError).toContain("Relay unavailable");

    refusal = undefined;
    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: later(now, 86_400_000) })).toEqual({ status: "skipped" });
    expect(sink.messages).toHaveLength(0);
  });

  it("sends a message exactly once when several workers race for it", async () => {
    const { id, dueAt } = await queue();
    const transports = Array.from({ length: 5 }, () => createMailTransport(sink.url));
    try {
      const outcomes = await Promise.all(
        transports.map((each) => deliverEmail({ db: database.db, messageId: id, transport: each, now: dueAt })),
      );
      expect(outcomes.filter((outcome) => outcome.status === "sent")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.status === "skipped")).toHaveLength(4);
    } finally {
      for (const each of transports) each.close();
    }
    expect(sink.messages).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("leaves a message alone while another worker holds it, and takes over once that claim expires", async () => {
    const { id, dueAt } = await queue();
    await database.db.emailMessage.update({
      where: { id },
      data: { status: "SENDING", attempts: 1, lockedUntil: later(dueAt, CLAIM_MS) },
    });

    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: later(dueAt, CLAIM_MS - 1) })).toEqual({ status: "skipped" });
    expect(sink.messages).toHaveLength(0);

    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: later(dueAt, CLAIM_MS) })).toEqual({ status: "sent" });
    expect(sink.messages).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("stops retrying a message whose final attempt was interrupted", async () => {
    const { id, dueAt } = await queue();
    await database.db.emailMessage.update({ where: { id }, data: { status: "SENDING", attempts: MAX_ATTEMPTS, lockedUntil: dueAt } });

    expect(await deliverEmail({ db: database.db, messageId: id, transport, now: dueAt })).toMatchObject({ status: "failed" });
    expect(sink.messages).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS + 1, lockedUntil: null });
  });
});

describe("findDueEmails (the sweep)", () => {
  it("finds due and abandoned messages, and nothing that is sent, failed, waiting or being sent", async () => {
    const now = new Date("2030-01-01T12:00:00Z");
    const make = async (data: Parameters<typeof database.db.emailMessage.update>[0]["data"]) => {
      const { id } = await queue();
      await database.db.emailMessage.update({ where: { id }, data });
      return id;
    };
    const due = await make({ nextAttemptAt: later(now, -60_000) });
    const dueNow = await make({ nextAttemptAt: now });
    const abandoned = await make({ status: "SENDING", nextAttemptAt: later(now, -300_000), lockedUntil: later(now, -1) });
    await make({ nextAttemptAt: later(now, 1) });
    await make({ status: "SENDING", nextAttemptAt: later(now, -60_000), lockedUntil: later(now, 60_000) });
    await make({ status: "SENT", nextAttemptAt: later(now, -60_000), sentAt: later(now, -30_000) });
    await make({ status: "FAILED", nextAttemptAt: later(now, -60_000) });

    expect(await findDueEmails({ db: database.db, now })).toEqual([abandoned, due, dueNow]);
    expect(await findDueEmails({ db: database.db, now, limit: 2 })).toEqual([abandoned, due]);
  });
});
