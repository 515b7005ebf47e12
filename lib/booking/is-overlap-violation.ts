import { Prisma } from "../db/generated/client";

/**
 * Whether a write was refused by the exclusion constraint `bookings_no_overlap`: through the driver
 * adapter that arrives as P2039 with SQLSTATE 23P01 (exclusion_violation) in the adapter's cause.
 */
export function isOverlapViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const cause = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } | undefined)
    ?.driverAdapterError?.cause;
  return cause?.originalCode === "23P01" && (cause.originalMessage?.includes("bookings_no_overlap") ?? false);
}
