import { config, type Config } from "../config";
import { getDb, type DbOrTx } from "../db/client";
import { NotAvailableYetError } from "../errors";
import type { PaymentProvider, ProviderName } from "./provider";
import { createStripeProvider } from "./stripe-provider";
import { createTestProvider } from "./test-provider";

export type GetPaymentProviderOptions = {
  /**
   * The provider an existing order was created with (Order.provider). Without it: the provider for a
   * new checkout, chosen by configuration. An old test-mode order stays in test mode after a Stripe
   * key is added, so its refunds never reach Stripe.
   */
  name?: ProviderName;
  /** For tests; defaults to the process configuration. */
  config?: Config;
  /** Where test mode reads its orders; defaults to the process-wide client. */
  db?: DbOrTx;
};

let cachedStripe: { key: string; provider: PaymentProvider } | undefined;

function stripeProvider(settings: Config): PaymentProvider | undefined {
  if (!settings.STRIPE_SECRET_KEY) return undefined;
  const key = `${settings.STRIPE_SECRET_KEY}|${settings.STRIPE_API_URL ?? ""}`;
  // One SDK client per process: it keeps its own connection pool.
  if (cachedStripe?.key !== key) {
    cachedStripe = { key, provider: createStripeProvider({ secretKey: settings.STRIPE_SECRET_KEY, apiUrl: settings.STRIPE_API_URL }) };
  }
  return cachedStripe.provider;
}

const notConfigured = () =>
  new NotAvailableYetError(
    "payments_not_configured",
    "Paying online isn't set up on this site yet, so paid sessions can't be booked here just now. Nothing has been reserved or charged.",
  );

/**
 * Stripe when STRIPE_SECRET_KEY is set; otherwise test mode (no money moves). In production, test mode
 * needs PAYMENTS_TEST_MODE=1, so a live site missing its key refuses paid checkout instead of
 * pretending to take payments.
 */
export function getPaymentProvider(options: GetPaymentProviderOptions = {}): PaymentProvider {
  const settings = options.config ?? config();
  const stripe = stripeProvider(settings);
  if (options.name === "STRIPE") {
    if (!stripe) throw notConfigured();
    return stripe;
  }
  const testProvider = () => createTestProvider({ db: options.db ?? getDb(), appUrl: settings.APP_URL });
  if (options.name === "TEST") return testProvider();
  if (stripe) return stripe;
  if (!testPaymentsAllowed(settings)) throw notConfigured();
  return testProvider();
}

/**
 * Whether a test-mode payment may count as paid now: never once a Stripe key is set (a test order
 * left open from before must not confirm a booking without money), and in production only with
 * PAYMENTS_TEST_MODE=1.
 */
export function testPaymentsAllowed(settings: Config): boolean {
  return !settings.STRIPE_SECRET_KEY && (settings.NODE_ENV !== "production" || settings.PAYMENTS_TEST_MODE === "1");
}
