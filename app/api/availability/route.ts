import { NextResponse } from "next/server";
import { z } from "zod";
import { getAvailability } from "@/lib/booking/get-availability";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// Shapes only; the dates, the range and the zone are checked by getAvailability (same messages
// for the booking pages, which call it directly).
const query = z.object({
  sessionType: z.string({ error: "Please say which session type (its slug)." }).min(1, "Please say which session type (its slug)."),
  from: z.string({ error: "Please give the first date as YYYY-MM-DD." }),
  to: z.string({ error: "Please give the last date as YYYY-MM-DD." }),
  timeZone: z.string({ error: "Please give an IANA time zone, such as Europe/London." }),
});

/** GET ?sessionType=&from=YYYY-MM-DD&to=YYYY-MM-DD&timeZone=IANA → 200 the free slots; 400 with fields; 404 unknown type. */
export const GET = route({ query }, async ({ query }) => {
  const availability = await getAvailability({
    db: getDb(),
    sessionTypeSlug: query.sessionType,
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
  });
  return NextResponse.json(availability, { headers: { "Cache-Control": "no-store" } });
});
