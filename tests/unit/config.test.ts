import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

describe("parseConfig", () => {
  it("runs the embedded demo with no variables at all", () => {
    const config = parseConfig({});
    expect(config.embedded).toBe(true);
    expect(config.PORT).toBe(3000);
    expect(config.APP_URL).toBe("http://localhost:3000");
  });

  it("uses a PostgreSQL server when DATABASE_URL is set", () => {
    expect(parseConfig({ DATABASE_URL: "postgresql://app@db.internal:5432/coaching" }).embedded).toBe(false);
  });

  it.each([
    ["DATABASE_URL", "mysql://root@localhost/app"],
    ["DATABASE_URL", "not a url"],
    ["PORT", "eighty"],
    ["APP_URL", "ftp://example.com"],
    ["SMTP_URL", "http://mail.example.com"],
    ["COACH_EMAIL", "coach-at-example.com"],
    ["AUTH_SECRET", "too-short"],
  ])("names %s and shows an example when it is %j", (variable, value) => {
    const attempt = () => parseConfig({ [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^Configuration error: ${variable} .+ Example: ${variable}=`));
  });

  it("requires AUTH_SECRET in production", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
    expect(parseConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) }).NODE_ENV).toBe("production");
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", SMTP_URL: "" }).embedded).toBe(true);
  });
});

describe("APP_URL", () => {
  it("follows PORT when unset, and loses a trailing slash when set", () => {
    expect(parseConfig({ PORT: "3300" }).APP_URL).toBe("http://localhost:3300");
    expect(parseConfig({ APP_URL: "https://coaching.example.com/" }).APP_URL).toBe("https://coaching.example.com");
  });
});
