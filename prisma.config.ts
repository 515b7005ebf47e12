import { defineConfig } from "prisma/config";

// No datasource here on purpose: generation must work where DATABASE_URL is unset (e.g. during a build),
// and migrations run through scripts/db.ts, not the Prisma CLI.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
