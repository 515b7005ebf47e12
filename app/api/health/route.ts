import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/db/check-database";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => {
  const db = await checkDatabase();
  return NextResponse.json(
    { status: db === "ok" ? "ok" : "degraded", db },
    { status: db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
});
