import { describe, expect, it } from "vitest";
import { holdExpired } from "@/lib/admin/hold-expired";

describe("holdExpired", () => {
  const now = new Date("2026-03-02T10:00:00Z");

  it("is true for a HELD booking once its hold has run out, the exact moment included", () => {
    expect(holdExpired({ status: "HELD", holdExpiresAt: new Date("2026-03-02T09:59:00Z") }, now)).toBe(true);
    expect(holdExpired({ status: "HELD", holdExpiresAt: now }, now)).toBe(true);
  });

  it("is false while the hold still runs, without a hold time, or for any other status", () => {
    expect(holdExpired({ status: "HELD", holdExpiresAt: new Date("2026-03-02T10:01:00Z") }, now)).toBe(false);
    expect(holdExpired({ status: "HELD", holdExpiresAt: null }, now)).toBe(false);
    expect(holdExpired({ status: "CONFIRMED", holdExpiresAt: new Date("2026-03-02T09:00:00Z") }, now)).toBe(false);
  });
});
