import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderLines } from "@/components/checkout/order-lines";
import { TestCheckoutForm } from "@/components/checkout/test-checkout-form";
import { formatMoney } from "@/lib/payments/format-money";
import { formatDateTime } from "@/lib/time/format";
import { bookingPageFor, findCheckout } from "../../find-checkout";
import { cancelTestCheckoutAction, payTestCheckoutAction } from "./actions";

// The product's own checkout page in test mode (no Stripe key): the same order summary a buyer would
// see before paying, plainly labelled, with "Pay (test)" and "Cancel and go back". Reading it changes
// nothing; both buttons are server actions.

export const metadata: Metadata = { title: "Test payment" };

type Props = { params: Promise<{ checkoutId: string }> };

export default async function TestCheckoutPage({ params }: Props) {
  // Checkout ids are letters, digits and underscores: nothing to decode.
  const { checkoutId } = await params;
  const summary = await findCheckout(checkoutId);
  if (summary.provider !== "TEST") notFound();
  const amount = formatMoney(summary.totalCents, summary.currency);
  const zone = summary.booking?.clientTimeZone ?? "UTC";
  const open = summary.status === "PENDING" && (!summary.expiresAt || summary.expiresAt > new Date());
  const paid = summary.status === "PAID" || summary.status === "PARTIALLY_REFUNDED" || summary.status === "REFUNDED";
  // A shop order has no booking: no time is held, and turning back leads to the cart.
  const shop = summary.booking === null;

  return (
    <>
      <h1>Test payment</h1>
      <p className="notice notice-warn">
        <strong>Test payment: no money moves.</strong> This site is running in test mode, so no card is asked for and nothing is
        charged. Paying here {shop ? "completes the order" : "confirms the booking"} exactly as a real payment would.
      </p>

      <section className="card stack" aria-labelledby="order-heading">
        <h2 id="order-heading">Your order</h2>
        <OrderLines summary={summary} />
        <p className="muted">
          Receipt and confirmation go to <strong>{summary.email}</strong>.
        </p>
      </section>

      {open ? (
        <section className="card stack" aria-labelledby="pay-heading">
          <h2 id="pay-heading">Payment</h2>
          {summary.expiresAt && !shop ? (
            <p>Your time is held until {formatDateTime(summary.expiresAt, zone)}.</p>
          ) : null}
          <TestCheckoutForm checkoutId={checkoutId} amount={amount} holdsTime={!shop} payAction={payTestCheckoutAction} cancelAction={cancelTestCheckoutAction} />
        </section>
      ) : paid ? (
        <section className="notice stack" aria-labelledby="closed-heading">
          <h2 id="closed-heading" className="notice-heading">
            This order is already paid
          </h2>
          <p>
            <Link href={summary.successUrl.replace(/^https?:\/\/[^/]+/, "")}>{shop ? "See your order" : "See your booking confirmation"}</Link>
          </p>
        </section>
      ) : (
        <section className="notice stack" aria-labelledby="closed-heading">
          <h2 id="closed-heading" className="notice-heading">
            This checkout has closed
          </h2>
          <p>{shop ? "Nothing was charged. Your cart is just as you left it." : "Nothing was charged, and the time it held has been released."}</p>
          <p>
            <Link className="button" href={shop ? "/cart" : await bookingPageFor(checkoutId)}>
              {shop ? "Back to your cart" : "Choose a time again"}
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
