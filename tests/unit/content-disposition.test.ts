import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "@/lib/http/content-disposition";

describe("attachmentDisposition", () => {
  it("keeps an ordinary name", () => {
    expect(attachmentDisposition("session.ics")).toBe(`attachment; filename="session.ics"; filename*=UTF-8''session.ics`);
  });

  it("gives the exact UTF-8 name and an ASCII fallback", () => {
    expect(attachmentDisposition("Reflexión (día 1).pdf")).toBe(
      `attachment; filename="Reflexi_n (d_a 1).pdf"; filename*=UTF-8''Reflexi%C3%B3n%20%28d%C3%ADa%201%29.pdf`,
    );
  });

  it("drops directories, quotes, control characters and leading dots", () => {
    expect(attachmentDisposition('../../etc/pass"wd\r\nSet-Cookie: x=1')).toBe(
      `attachment; filename="passwdSet-Cookie: x=1"; filename*=UTF-8''passwdSet-Cookie%3A%20x%3D1`,
    );
    expect(attachmentDisposition("C:\\Users\\me\\notes.txt")).toMatch(/^attachment; filename="notes.txt";/);
    expect(attachmentDisposition(".env")).toMatch(/^attachment; filename="env";/);
  });

  it("falls back to a neutral name when nothing is left", () => {
    expect(attachmentDisposition("../")).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
    expect(attachmentDisposition('"\n"')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});
