import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db } from "@/lib/db/client";
import { seedDatabase } from "@/lib/db/seed";
import { readAttachments } from "@/lib/email/attachments";
import { parseIcs } from "./ics";

// The seeded practice: Maya Ellison (coach@example.com) in Europe/London, open on Tuesdays
// 10:00-16:00 and Wednesdays 09:00-12:00 and 14:00-18:30; the free 20-minute intro call (10 minutes
// after, 12 hours' notice, 30 days ahead) and the paid strategy session.

/** Monday 2 March 2026, 09:00 in London (GMT): the clock most booking tests run at. */
export const MONDAY_9AM = new Date("2026-03-02T09:00:00Z");

const userSelect = { id: true, email: true, name: true, role: true } as const;

export async function seedPractice(db: Db): Promise<{ coach: CurrentUser }> {
  await seedDatabase(db, { coachEmail: "coach@example.com" });
  const coach = await db.user.findUniqueOrThrow({ where: { email: "coach@example.com" }, select: userSelect });
  return { coach };
}

/** A user to act as (another coach, a client). */
export function createUser(db: Db, data: { email: string; role: "COACH" | "CLIENT"; name?: string }): Promise<CurrentUser> {
  return db.user.create({ data, select: userSelect });
}

/** The calendar file of an outbox message, parsed (and its framing checked). */
export async function outboxIcs(db: Db, messageId: string) {
  const message = await db.emailMessage.findUniqueOrThrow({ where: { id: messageId }, select: { attachments: true } });
  const [attachment] = readAttachments(message.attachments);
  return { attachment, ...parseIcs(Buffer.from(attachment.content, "base64").toString("utf8")) };
}

export const tokenOf = (manageUrl: string) => manageUrl.split("/manage/")[1];
