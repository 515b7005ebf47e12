import { describe, expect, it } from "vitest";
import { addMonths, buildMonthGrid, clampDate, dateForKey, firstDayOf, lastDayOf, monthOf, sameDayInMonth } from "@/components/booking/month-grid";

describe("month arithmetic", () => {
  it("finds the first and last days, leap years included", () => {
    expect(firstDayOf("2026-11")).toBe("2026-11-01");
    expect(lastDayOf("2026-11")).toBe("2026-11-30");
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
    expect(lastDayOf("2027-02")).toBe("2027-02-28");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
  });

  it("adds months across year ends in both directions", () => {
    expect(addMonths("2026-11", 1)).toBe("2026-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-03", -15)).toBe("2024-12");
    expect(monthOf("2026-03-29")).toBe("2026-03");
  });

  it("keeps the day of the month, or the month's last day when it is shorter", () => {
    expect(sameDayInMonth("2026-01-31", 1)).toBe("2026-02-28");
    expect(sameDayInMonth("2026-03-31", -1)).toBe("2026-02-28");
    expect(sameDayInMonth("2026-11-15", 1)).toBe("2026-12-15");
  });
});

describe("buildMonthGrid", () => {
  it("lays a month out in Monday-first weeks with empty cells outside it", () => {
    // 1 November 2026 is a Sunday; 30 November a Monday.
    const weeks = buildMonthGrid("2026-11");
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(weeks[1][0]).toBe("2026-11-02");
    expect(weeks[5]).toEqual(["2026-11-30", null, null, null, null, null, null]);
    for (const week of weeks) expect(week).toHaveLength(7);
  });

  it("lists every date of the month exactly once, in order", () => {
    for (const month of ["2026-02", "2027-02", "2028-02", "2026-03", "2026-10"]) {
      const dates = buildMonthGrid(month).flat().filter(Boolean);
      expect(dates[0]).toBe(firstDayOf(month));
      expect(dates[dates.length - 1]).toBe(lastDayOf(month));
      expect(new Set(dates).size).toBe(dates.length);
      expect([...dates].sort()).toEqual(dates);
    }
  });

  it("needs only four rows for a February that starts on a Monday", () => {
    expect(buildMonthGrid("2027-02")).toHaveLength(4);
    expect(buildMonthGrid("2027-02")[0][0]).toBe("2027-02-01");
  });
});

describe("dateForKey", () => {
  it("moves by a day, a week, to the week's ends and by a month", () => {
    expect(dateForKey("2026-11-30", "ArrowRight")).toBe("2026-12-01");
    expect(dateForKey("2026-12-01", "ArrowLeft")).toBe("2026-11-30");
    expect(dateForKey("2026-11-25", "ArrowDown")).toBe("2026-12-02");
    expect(dateForKey("2026-11-25", "ArrowUp")).toBe("2026-11-18");
    expect(dateForKey("2026-11-25", "Home")).toBe("2026-11-23");
    expect(dateForKey("2026-11-25", "End")).toBe("2026-11-29");
    expect(dateForKey("2026-11-30", "PageDown")).toBe("2026-12-30");
    expect(dateForKey("2026-12-31", "PageUp")).toBe("2026-11-30");
  });

  it("ignores other keys", () => {
    expect(dateForKey("2026-11-25", "Enter")).toBeNull();
    expect(dateForKey("2026-11-25", "a")).toBeNull();
  });
});

describe("clampDate", () => {
  it("keeps a date inside the range", () => {
    expect(clampDate("2026-10-31", "2026-11-01", "2026-12-31")).toBe("2026-11-01");
    expect(clampDate("2027-01-01", "2026-11-01", "2026-12-31")).toBe("2026-12-31");
    expect(clampDate("2026-11-15", "2026-11-01", "2026-12-31")).toBe("2026-11-15");
  });
});
