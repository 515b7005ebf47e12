import { POST as webhookRoute } from "@/app/api/stripe/webhook/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db/client";
import type { PaymentProvider } from "@/lib/payments/provider";
import { createStripeProvider } from "@/lib/payments/stripe-provider";
import { seedPractice } from "./booking";
import { FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe, type FakeStripeEvent } from "./fake-stripe";
import { openEveryDay } from "./paid-booking";
import { createTestDatabase, type TestDatabase } from "./test-database";

// For the tests that send Stripe's events through the real webhook route: a database seeded with
// the practice (its calendar open every day), the fake Stripe API, the configuration pointing at
// both, and the Stripe provider talking to the fake.

export type StripeRouteTestbed = { database: TestDatabase; fake: FakeStripe; provider: PaymentProvider; coach: CurrentUser; close: () => Promise<void> };

export async function startStripeRouteTestbed(): Promise<StripeRouteTestbed> {
  const started: { database?: TestDatabase; fake?: FakeStripe } = {};
  try {
    const database = (started.database = await createTestDatabase());
    const fake = (started.fake = await startFakeStripe());
    // Before anything reads the configuration (seeding does), which is parsed once.
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      STRIPE_SECRET_KEY: "sk_test_fake",
      STRIPE_API_URL: fake.url,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    });
    const { coach } = await seedPractice(database.db);
    await openEveryDay(database.db, coach.id);
    const provider = createStripeProvider({ secretKey: "sk_test_fake", apiUrl: fake.url });
    return { database, fake, provider, coach, close: () => closeStripeRouteTestbed(started) };
  } catch (error) {
    await closeStripeRouteTestbed(started);
    throw error;
  }
}

/** Closes what a testbed holds; safe on one that did not finish starting. */
export async function closeStripeRouteTestbed(testbed: { database?: TestDatabase; fake?: FakeStripe } | undefined): Promise<void> {
  await getDb().$disconnect();
  await testbed?.fake?.close();
  await testbed?.database?.drop();
}

/** The event, signed by the fake (or with the signature given), delivered to the webhook route. */
export function deliverToRoute(fake: FakeStripe, event: FakeStripeEvent, signature?: string) {
  const signed = fake.signEvent(event);
  const request = new Request("http://localhost:3000/api/stripe/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signature ?? signed.signature },
    body: signed.payload,
  });
  return webhookRoute(request);
}
