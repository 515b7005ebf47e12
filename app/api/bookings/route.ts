import { NextResponse } from "next/server";
import { z } from "zod";
import { createBooking } from "@/lib/booking/create-booking";
import { limitBookingAttempts } from "@/lib/booking/limit-booking-attempts";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { supportedInstant } from "@/lib/time/supported-range";

// Shapes, plus outer size limits that keep bodies small; createBooking checks the name, address,
// zone and answers itself (the booking page's action calls it too) with the precise messages.
const TOO_LONG = "This is longer than we can accept.";
const body = z.object({
  sessionType: z.string({ error: "Please say which session type (its slug)." }).min(1, "Please say which session type (its slug).").max(200, TOO_LONG),
  start: supportedInstant("Please choose one of the times offered (an ISO-8601 time such as 2026-03-03T14:00:00Z)."),
  name: z.string({ error: "Please tell us your name, or what you'd like to be called." }).max(1_000, TOO_LONG),
  email: z.string({ error: "Please enter your email address." }).max(1_000, TOO_LONG),
  timeZone: z.string({ error: "Please choose your time zone from the list." }).max(100, TOO_LONG),
  answers: z
    .record(z.string().max(100, TOO_LONG), z.string({ error: "Please answer in words." }).max(10_000, TOO_LONG))
    .refine((answers) => Object.keys(answers).length <= 50, TOO_LONG)
    .optional(),
});

/** POST → 201 { booking, checkoutUrl? }; 400 fields; 404 unknown type; 409 slot_unavailable with alternatives; 429; 501 paid without payments configured; 503 checkout_unavailable. */
export const POST = route({ body, auth: "optional" }, async ({ body, ip, user }) => {
  const db = getDb();
  await limitBookingAttempts({ db, ip, email: body.email });
  const created = await createBooking({
    db,
    sessionTypeSlug: body.sessionType,
    start: new Date(body.start),
    name: body.name,
    email: body.email,
    timeZone: body.timeZone,
    answers: body.answers,
    actor: user,
  });
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
