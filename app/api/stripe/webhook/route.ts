import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import { parseStripeWebhook } from "@/lib/payments/parse-stripe-webhook";
import { processPaymentEvent } from "@/lib/payments/process-payment-event";

// Not through route(): the signature covers the exact bytes Stripe sent, so the body is read once as
// text and never parsed and re-serialised before it is verified.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Stripe's events are a few kilobytes; anything far larger isn't one of them.
const MAX_BODY_BYTES = 512 * 1024;

const noStore = { "Cache-Control": "no-store" };

/**
 * POST /api/stripe/webhook → 200 { received: true, outcome: "applied" | "duplicate" | "ignored" }.
 * 400 invalid_signature / invalid_payload, 413 payload_too_large (over 512 KB): nothing changes (Stripe
 * shows the failure in its dashboard).
 * 500 webhook_not_configured without STRIPE_WEBHOOK_SECRET, and 500 when the database fails: Stripe
 * retries for up to three days, and the event id makes the retry apply exactly once.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = config().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    // Fail closed: without the secret nobody can tell Stripe's events from anyone else's.
    console.error("[payments] Stripe webhook refused: STRIPE_WEBHOOK_SECRET is not set. Copy the endpoint's signing secret (whsec_…) from Stripe into the environment; Stripe keeps retrying meanwhile.");
    return NextResponse.json(
      { error: { code: "webhook_not_configured", message: "This site can't accept payment notifications yet: its webhook signing secret isn't set. Nothing was changed." } },
      { status: 500, headers: noStore },
    );
  }
  try {
    // Checked as it arrives: a chunked body without Content-Length stops at the cap too.
    const rawBody = await readLimitedBody(request, MAX_BODY_BYTES);

    const event = parseStripeWebhook({ rawBody, signature: request.headers.get("stripe-signature"), secret });
    const { outcome } = await processPaymentEvent({ db: getDb(), provider: getPaymentProvider({ name: "STRIPE" }), event });
    return NextResponse.json({ received: true, outcome }, { status: 200, headers: noStore });
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid_signature") {
      // One line is enough to spot a wrong secret (test vs live, or another endpoint's) without echoing the body.
      console.warn("[payments] Stripe webhook with a signature that doesn't match STRIPE_WEBHOOK_SECRET: answered 400.");
    }
    return errorResponse(error);
  }
}
