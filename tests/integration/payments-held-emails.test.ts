import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverEmail } from "@/lib/email/deliver-email";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { findDueEmails } from "@/lib/email/find-due-emails";
import { discardWaitingEmails } from "@/lib/payments/discard-waiting-emails";
import { releaseWaitingEmails } from "@/lib/payments/release-waiting-emails";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Emails held back for a payment: written WAITING, never picked up by the sweep or a delivery job
// until released; discarded ones never go out at all.

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const transport = {
  sent: [] as string[],
  async sendMail(message: { subject?: string }) {
    transport.sent.push(String(message.subject));
    return {};
  },
};

const write = (subject: string, waitingFor?: string) =>
  enqueueEmail(database.db, { to: "client@example.com", template: "test", subject, html: `<p>${subject}</p>`, text: subject, waitingFor });

describe("held-back emails", () => {
  it("stay out of delivery while WAITING or DISCARDED, and go out once released", async () => {
    const plain = await write("Plain");
    const paidFor = await write("Waits for order A", "order:A");
    const abandoned = await write("Waits for order B", "order:B");
    const now = new Date(Date.now() + 1_000);
    expect(await database.db.emailMessage.findUniqueOrThrow({ where: { id: paidFor.id }, select: { status: true, waitingFor: true } })).toEqual({
      status: "WAITING",
      waitingFor: "order:A",
    });

    expect(await findDueEmails({ db: database.db, now })).toEqual([plain.id]);
    expect(await deliverEmail({ db: database.db, messageId: paidFor.id, transport: transport as never, now })).toEqual({ status: "skipped" });

    const later = new Date(now.getTime() + 1_000);
    const [released, again, discarded] = await database.db.$transaction(async (tx) => [
      await releaseWaitingEmails({ tx, waitingFor: "order:A", now: later }),
      await releaseWaitingEmails({ tx, waitingFor: "order:A", now: later }),
      await discardWaitingEmails({ tx, waitingFor: "order:B" }),
    ]);
    expect(released).toEqual([paidFor.id]);
    expect(again).toEqual([]);
    expect(discarded).toBe(1);

    expect((await findDueEmails({ db: database.db, now: later })).sort()).toEqual([plain.id, paidFor.id].sort());
    expect(await deliverEmail({ db: database.db, messageId: abandoned.id, transport: transport as never, now: later })).toEqual({ status: "skipped" });
    expect(await deliverEmail({ db: database.db, messageId: paidFor.id, transport: transport as never, now: later })).toEqual({ status: "sent" });
    expect(transport.sent).toEqual(["Waits for order A"]);
    // A payment that arrives after all (and confirms the booking) brings a discarded message back, once.
    expect(await database.db.$transaction((tx) => releaseWaitingEmails({ tx, waitingFor: "order:B", now: later }))).toEqual([abandoned.id]);
    expect(await database.db.$transaction((tx) => releaseWaitingEmails({ tx, waitingFor: "order:B", now: later }))).toEqual([]);
  });
});
