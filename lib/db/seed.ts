import type { FileStorage } from "../storage/file-storage";
import type { Db } from "./client";
import { seedSampleFiles } from "./seed-files";

// Demo data for a fresh database. Runs once: a database that already has a coach is left alone.

const COACH_ZONE = "Europe/London";
const CURRENCY = "GBP";

// ISO weekday (1 = Monday) → [start, end) in minutes after local midnight.
const WEEKLY_HOURS: Array<[number, number, number]> = [
  [1, 9 * 60, 12 * 60],
  [1, 13 * 60, 17 * 60],
  [2, 10 * 60, 16 * 60],
  [3, 9 * 60, 12 * 60],
  [3, 14 * 60, 18 * 60 + 30],
  [4, 10 * 60, 16 * 60],
  [5, 9 * 60 + 30, 13 * 60],
];

/** `storage`: where the sample PDFs go (lib/storage's STORAGE_DIR by default). */
export async function seedDatabase(db: Db, options: { coachEmail: string; storage?: FileStorage }): Promise<{ seeded: boolean }> {
  return db.$transaction(async (tx) => {
    const existingCoach = await tx.user.findFirst({ where: { role: "COACH" }, select: { id: true } });
    if (existingCoach) return { seeded: false };

    const coach = await tx.user.upsert({
      where: { email: options.coachEmail.toLowerCase() },
      update: { role: "COACH" },
      create: { email: options.coachEmail.toLowerCase(), name: "Maya Ellison", role: "COACH", timeZone: COACH_ZONE },
      select: { id: true },
    });

    await tx.coachSettings.create({
      data: { coachId: coach.id, businessName: "Steady Ground Coaching", timeZone: COACH_ZONE, currency: CURRENCY },
    });

    await tx.availabilityRule.createMany({
      data: WEEKLY_HOURS.map(([weekday, startMinute, endMinute]) => ({
        coachId: coach.id,
        weekday,
        startMinute,
        endMinute,
        timeZone: COACH_ZONE,
      })),
    });

    await tx.sessionType.createMany({
      data: [
        {
          coachId: coach.id,
          slug: "intro-call",
          title: "Free 20-minute intro call",
          description:
            "A relaxed first conversation. We talk about what brings you here, what you hope might change, and whether working together feels right. There is nothing to prepare and no obligation afterwards.",
          durationMinutes: 20,
          bufferAfterMinutes: 10,
          minimumNoticeMinutes: 12 * 60,
          horizonDays: 30,
          priceCents: 0,
          currency: CURRENCY,
          position: 1,
          intakeQuestions: [
            { id: "hopes", label: "What would you like to talk about? (optional)", type: "text", required: false },
          ],
        },
        {
          coachId: coach.id,
          slug: "strategy-session",
          title: "One-on-one strategy session",
          description:
            "Sixty focused minutes on one thing that keeps getting in your way: a stalled project, a conversation you dread, a routine that never sticks. You leave with a small, concrete plan written in your own words and a summary email the same day.",
          durationMinutes: 60,
          bufferBeforeMinutes: 10,
          bufferAfterMinutes: 15,
          minimumNoticeMinutes: 24 * 60,
          horizonDays: 60,
          maxPerDay: 4,
          priceCents: 9500,
          currency: CURRENCY,
          position: 2,
          intakeQuestions: [
            { id: "focus", label: "What would you like us to focus on?", type: "text", required: true },
            {
              id: "format",
              label: "How do you prefer to meet?",
              type: "choice",
              required: true,
              options: ["Video call", "Phone call"],
            },
          ],
        },
      ],
    });

    await tx.product.createMany({
      data: [
        {
          slug: "rejection-sensitivity-journal",
          kind: "DOWNLOAD",
          title: "The Rejection Sensitivity Journal",
          summary: "Ninety gentle prompts for the moments when a small sting feels enormous.",
          description:
            "A printable journal for noticing the wave, naming it and letting it pass without acting on it.\n\n- Daily two-minute check-ins\n- A \"facts and stories\" worksheet for untangling what happened from what it felt like\n- Reflection pages for the end of each week\n\nPrint it, or fill it in on a tablet.",
          priceCents: 1800,
          currency: CURRENCY,
          position: 1,
        },
        {
          slug: "alexithymia-interoception-toolkit",
          kind: "DOWNLOAD",
          title: "Alexithymia and Interoception Toolkit",
          summary: "Body maps, feeling wheels and short practices for noticing what you feel.",
          description:
            "For people who often know something is wrong before they know what it is.\n\n- A body map to mark where a feeling shows up\n- A feelings wheel with plain-language descriptions\n- Six short interoception practices (two to five minutes each)\n- A pocket card for hard days",
          priceCents: 2400,
          currency: CURRENCY,
          position: 2,
        },
        {
          slug: "five-day-friendship-series",
          kind: "SERIES",
          title: "Five days of easier friendships",
          summary: "A free email a day for five days, each with one small, doable experiment.",
          description:
            "One short email each morning for five days. Each brings one idea about friendship with ADHD and rejection sensitivity, and one small experiment to try if you feel like it. Unsubscribe with one click whenever you like.",
          priceCents: 0,
          currency: CURRENCY,
          position: 3,
        },
        {
          slug: "steady-ground-course",
          kind: "COURSE",
          title: "Steady Ground: a six-week course",
          summary: "Self-paced lessons on rejection sensitivity, emotional flooding and recovery.",
          description:
            "Six weekly modules you can take at your own pace, each with a short video, a reading and one practice.\n\n1. What rejection sensitivity is, and what it is not\n2. Noticing the early signs in your body\n3. The pause: time between feeling and action\n4. Repair after a hard moment\n5. Asking for what you need\n6. Building your own steady-ground plan",
          priceCents: 14900,
          currency: CURRENCY,
          position: 4,
        },
      ],
    });

    // The sample PDFs are generated and stored inside the transaction: hence the generous timeout.
    await seedSampleFiles({ tx, storage: options.storage });

    return { seeded: true };
  }, { timeout: 60_000 });
}
