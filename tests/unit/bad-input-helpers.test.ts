import pg from "pg";
import { describe, expect, it } from "vitest";
import { databaseInputError } from "@/lib/db/database-input-error";
import { InvalidInputError } from "@/lib/errors";
import { ownValue } from "@/lib/http/own-value";
import { isSlug } from "@/lib/session-types/limits";
import { isSupportedDate, isSupportedInstant, supportedInstant } from "@/lib/time/supported-range";

describe("ownValue", () => {
  const table = { rate_limited: "Wait a little.", not_found: "Not there." };

  it("finds the table's own keys and nothing it inherits", () => {
    expect(ownValue(table, "not_found")).toBe("Not there.");
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty", "missing", undefined]) expect(ownValue(table, key)).toBeUndefined();
  });
});

describe("the supported years (2000 to 2100)", () => {
  it("takes real dates inside them only", () => {
    for (const date of ["2000-01-01", "2026-02-28", "2100-12-31"]) expect(isSupportedDate(date)).toBe(true);
    for (const date of ["1999-12-31", "2101-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "10000-01-01", "today"]) expect(isSupportedDate(date)).toBe(false);
  });

  it("takes instants inside them only, refusing NaN", () => {
    expect(isSupportedInstant(new Date("2000-01-01T00:00:00Z"))).toBe(true);
    expect(isSupportedInstant(Date.parse("2100-12-31T23:59:59.999Z"))).toBe(true);
    for (const instant of ["1999-12-31T23:59:59.999Z", "2101-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "nonsense"]) expect(isSupportedInstant(Date.parse(instant))).toBe(false);
  });

  it("gives one message for a malformed time and one out of range", () => {
    const schema = supportedInstant("Choose a time.");
    expect(schema.safeParse("2026-03-03T14:00:00+01:00").success).toBe(true);
    for (const value of ["2026-03-03", "9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z"]) {
      const parsed = schema.safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(["Choose a time."]);
    }
  });
});

describe("isSlug", () => {
  it("is a slug the forms could have saved", () => {
    expect(isSlug("intro-call")).toBe(true);
    for (const value of ["", "Intro-Call", "intro--call", "-intro", "intro\u0000", "a".repeat(81), "__proto__"]) expect(isSlug(value)).toBe(false);
  });
});

describe("databaseInputError", () => {
  const pgError = (code: string) => Object.assign(new pg.DatabaseError("refused", 0, "error"), { code });

  it("is an InvalidInputError for a value PostgreSQL refused, and null for anything else", () => {
    expect(databaseInputError(pgError("22021"))).toBeInstanceOf(InvalidInputError);
    expect(databaseInputError(pgError("22008"))?.status).toBe(400);
    // A lost connection or a constraint is not the request's fault.
    for (const error of [pgError("57P01"), pgError("23505"), new Error("22021"), null, "22021"]) expect(databaseInputError(error)).toBeNull();
  });
});
