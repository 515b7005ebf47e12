import type { DbOrTx } from "../db/client";

export type SessionTypeSummary = {
  slug: string;
  title: string;
  description: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
};

/** The session types visitors can book, in the coach's order. */
export async function listSessionTypes({ db }: { db: DbOrTx }): Promise<SessionTypeSummary[]> {
  return db.sessionType.findMany({
    where: { active: true },
    orderBy: [{ position: "asc" }, { title: "asc" }],
    select: { slug: true, title: true, description: true, durationMinutes: true, priceCents: true, currency: true },
  });
}
