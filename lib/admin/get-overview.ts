import { assertCoach } from "../auth/guards";
import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";

/** The figures on the coach's back-office front page. */
export async function getOverview(options: { db: DbOrTx; actor: CurrentUser | null }) {
  const { db, actor } = options;
  assertCoach(actor);
  const byStatus = await db.emailMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const count = (status: (typeof byStatus)[number]["status"]) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return { outbox: { waiting: count("PENDING") + count("SENDING"), failed: count("FAILED") } };
}
