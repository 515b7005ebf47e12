import { describe, expect, it } from "vitest";
import { parseMoneyAmount } from "@/lib/admin/parse-money-amount";
import { formatBytes } from "@/lib/admin/products/format-bytes";
import { amountInput, newProductValues } from "@/lib/admin/products/product-values";

describe("product form values", () => {
  it("shows a price in major units that parses back to the same minor units", () => {
    for (const [cents, currency, text] of [
      [1800, "GBP", "18.00"],
      [1850, "EUR", "18.50"],
      [5, "USD", "0.05"],
      [14900, "GBP", "149.00"],
    ] as const) {
      expect(amountInput(cents, currency)).toBe(text);
      expect(parseMoneyAmount(amountInput(cents, currency), currency)).toBe(cents);
    }
  });

  it("starts a new product as a hidden download in the coach's currency", () => {
    expect(newProductValues("EUR")).toMatchObject({ kind: "DOWNLOAD", currency: "EUR", active: false, price: "" });
  });

  it("writes file sizes for people", () => {
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(200_000)).toBe("195 KB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20.0 MB");
  });
});
