import { describe, expect, it } from "vitest";
import { checkDatabase } from "@/lib/db/check-database";
import { createDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded-server";

describe("database health", () => {
  it("reports down while the database is unreachable and recovers when it returns", async () => {
    const first = await startEmbeddedDatabase({ dataDir: "memory://" });
    const db = createDb(first.url, { max: 2 });
    try {
      expect(await checkDatabase(db)).toBe("ok");

      await first.close();
      expect(await checkDatabase(db)).toBe("down");

      const second = await startEmbeddedDatabase({ dataDir: "memory://", port: first.port });
      try {
        expect(await checkDatabase(db)).toBe("ok");
      } finally {
        await second.close();
      }
    } finally {
      await db.$disconnect();
    }
  });
});
