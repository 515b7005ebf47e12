import pg from "pg";
import { InvalidInputError } from "../errors";
import { Prisma } from "./generated/client";

// SQLSTATEs (class 22, "data exception") by which PostgreSQL refuses a value it was sent: text
// too long for its column (22001), a number out of range (22003), a malformed or out-of-range
// date-time (22007, 22008: year 0 is one buffer before 0001-01-01), a NUL or other character
// UTF-8 text can't hold (22021, 22P05), text that isn't a value of its type (22P02). Such a value
// is input that slipped past validation: the request was at fault, so it is a 400, never a 500.
const INPUT_SQLSTATES = new Set(["22001", "22003", "22007", "22008", "22021", "22P02", "22P05"]);

/** The InvalidInputError for a query PostgreSQL refused because of a value in it; null for any other error. */
export function databaseInputError(error: unknown): InvalidInputError | null {
  const code = sqlState(error);
  if (code === undefined || !INPUT_SQLSTATES.has(code)) return null;
  return new InvalidInputError("Some of these details include a character, date or number we can't accept. Please check them and try again.");
}

function sqlState(error: unknown): string | undefined {
  // Through Prisma's driver adapter the SQLSTATE is in the adapter's cause (see isOverlapViolation).
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause?.originalCode;
  }
  // Straight from pg (queryRows on the root client): a DatabaseError carries it as `code`.
  if (error instanceof pg.DatabaseError) return error.code;
  return undefined;
}
