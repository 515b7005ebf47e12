import { sessionTypeRuleFields } from "../booking/booking-data";
import { Prisma } from "../db/generated/client";
import { ConflictError } from "../errors";

/** What the admin reads of a session type (select, never include). */
export const sessionTypeFields = {
  id: true,
  slug: true,
  title: true,
  description: true,
  ...sessionTypeRuleFields,
  active: true,
  position: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.SessionTypeSelect;

/** A unique-key violation on the slug, as a field error the form shows next to the web address. */
export function slugConflict(error: unknown, slug: string): ConflictError | null {
  // The slug is the only unique key on session_types a write can break (ids are generated).
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  return new ConflictError("slug_taken", "That web address is already used by another session type.", {
    fields: { slug: `“${slug}” is already used by another session type. Choose a different web address.` },
  });
}
