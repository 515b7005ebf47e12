import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/http/client-ip";

const ip = (headers: Record<string, string>) => clientIp(new Headers(headers));

describe("the address rate limits count", () => {
  it("is the right-most X-Forwarded-For entry: the one the nearest proxy saw, not what the client sent", () => {
    expect(ip({ "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
    expect(ip({ "x-forwarded-for": "1.2.3.4, 198.51.100.23" })).toBe("198.51.100.23");
    expect(ip({ "x-forwarded-for": "1.2.3.4,  2001:db8::1 " })).toBe("2001:db8::1");
  });

  it("falls back to X-Real-IP, and anything that is not an address is one shared 'unknown'", () => {
    expect(ip({ "x-real-ip": "192.0.2.5" })).toBe("192.0.2.5");
    expect(ip({})).toBe("unknown");
    expect(ip({ "x-forwarded-for": "1.2.3.4, not-an-ip" })).toBe("unknown");
    expect(ip({ "x-forwarded-for": "9".repeat(5000) })).toBe("unknown");
  });
});
