import type { CurrentUser } from "../auth/current-user";
import type { DbOrTx } from "../db/client";
import { AuthRequiredError } from "../errors";
import { getClientTimeZone } from "../time/client-time-zone";

export type LibraryFile = { id: string; title: string; fileName: string; contentType: string; sizeBytes: number };

export type LibraryItem = {
  entitlementId: string;
  kind: "DOWNLOAD" | "COURSE";
  productTitle: string;
  productSlug: string;
  summary: string;
  purchasedAt: Date;
  status: "ACTIVE" | "REVOKED";
  revokedAt: Date | null;
  revokeReason: string | null;
  /**
   * Access was closed by a full refund that then failed (Stripe couldn't return the money): the
   * order no longer counts as refunded in full, so the library mustn't say "refunded".
   */
  refundIncomplete: boolean;
  /** Listed only while the purchase is active. */
  files: LibraryFile[];
};

export type Library = {
  items: LibraryItem[];
  /** The zone the reader's purchase and refund dates are shown in (getClientTimeZone). */
  timeZone: string;
};

/**
 * The signed-in user's library: every entitlement for their email, newest first, with the files
 * of each active download (the product's current files, so files the coach adds later appear too).
 */
export async function listLibrary(options: { db: DbOrTx; user: CurrentUser | null }): Promise<Library> {
  const { db, user } = options;
  if (!user) throw new AuthRequiredError();
  const [rows, timeZone] = await Promise.all([listEntitlements(db, user.email), getClientTimeZone({ db, user })]);
  return { items: rows.map(toItem), timeZone };
}

function listEntitlements(db: DbOrTx, email: string) {
  return db.entitlement.findMany({
    where: { email: email.toLowerCase(), product: { kind: { in: ["DOWNLOAD", "COURSE"] } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      revokedAt: true,
      revokeReason: true,
      createdAt: true,
      orderItem: { select: { order: { select: { paidAt: true, totalCents: true, refundedCents: true } } } },
      product: {
        select: {
          kind: true,
          title: true,
          slug: true,
          summary: true,
          files: {
            orderBy: [{ position: "asc" }, { id: "asc" }],
            select: { id: true, title: true, file: { select: { fileName: true, contentType: true, sizeBytes: true } } },
          },
        },
      },
    },
  });
}

function toItem(row: Awaited<ReturnType<typeof listEntitlements>>[number]): LibraryItem {
  return {
    entitlementId: row.id,
    kind: row.product.kind as "DOWNLOAD" | "COURSE",
    productTitle: row.product.title,
    productSlug: row.product.slug,
    summary: row.product.summary,
    purchasedAt: row.orderItem.order.paidAt ?? row.createdAt,
    status: row.status,
    revokedAt: row.revokedAt,
    revokeReason: row.revokeReason,
    refundIncomplete: row.status === "REVOKED" && row.orderItem.order.refundedCents < row.orderItem.order.totalCents,
    files:
      row.status === "ACTIVE"
        ? row.product.files.map((file) => ({ id: file.id, title: file.title, ...file.file }))
        : [],
  };
}
