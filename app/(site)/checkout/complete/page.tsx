import type { Metadata } from "next";
import Link from "next/link";
import { bothZonesLabel, firstName } from "@/components/booking/labels";
import { REFUND_TIMING } from "@/components/booking/payment-labels";
import { OrderLines } from "@/components/checkout/order-lines";
import { RefreshWhileConfirming } from "@/components/checkout/refresh-while-confirming";
import { CartCountSync } from "@/components/shop/cart-count-sync";
import { formatMoney } from "@/lib/payments/format-money";
import type { CheckoutSummary } from "@/lib/payments/get-checkout-summary";
import { syncCheckout } from "@/lib/payments/sync-checkout";
import { emptyCartAfterPayment } from "../../cart/empty-after-payment";
import { bookingPageFor, checkoutAfter, checkoutIdFrom, type CheckoutReturnProps, PAID } from "../find-checkout";

// Where the buyer lands after paying (Stripe's success_url, or the test-mode page). It asks the
// provider itself (syncCheckout: the same idempotent confirmation as the webhook), so a slow webhook
// never leaves anyone waiting; until the payment is confirmed it says so and refreshes.

export const metadata: Metadata = { title: "Your payment" };

export default async function CheckoutCompletePage({ searchParams }: CheckoutReturnProps) {
  // Payments not configured any more, or the provider unreachable: it shows what the database knows.
  const checkoutId = checkoutIdFrom((await searchParams).session_id);
  const summary = await checkoutAfter(checkoutId, syncCheckout);
  // A paid shop order: its products leave this browser's cart (idempotent; an unpaid order changes nothing).
  const cartCount = PAID.has(summary.status) && !summary.booking ? await emptyCartAfterPayment(checkoutId) : null;

  return (
    // One live region around the whole answer: when a refresh turns "confirming" into "booked", it is read out.
    <div aria-live="polite" className="stack">
      {cartCount === null ? null : <CartCountSync count={cartCount} />}
      <Answer summary={summary} bookAgain={await bookingPageFor(checkoutId)} />
    </div>
  );
}

function Answer({ summary, bookAgain }: { summary: CheckoutSummary; bookAgain: string }) {
  const amount = formatMoney(summary.totalCents, summary.currency);
  const test = summary.provider === "TEST";
  const { booking } = summary;

  if (summary.latePaymentRefunded) {
    return (
      <>
        <h1>We&apos;ve refunded your payment</h1>
        <p>
          While your payment was going through, the time you chose was booked by someone else. We&apos;re sorry; that&apos;s
          nothing you did. Your payment of <strong>{amount}</strong> has been refunded in full, so you aren&apos;t charged for a
          session you don&apos;t have.
        </p>
        <p>
          {test ? "This was a test payment, so no money moved." : REFUND_TIMING} An email to{" "}
          <strong style={{ overflowWrap: "anywhere" }}>{summary.email}</strong> lists the nearest free times, or you can choose one
          now.
        </p>
        <p>
          <Link className="button" href={bookAgain}>
            Choose another time
          </Link>
        </p>
      </>
    );
  }

  if (summary.status === "PENDING") {
    return (
      <>
        <h1>Confirming your payment…</h1>
        <p>
          Thank you. We&apos;re waiting for the payment provider to confirm your payment of {amount}. It usually takes a few
          seconds{booking ? ", and your time stays held for you meanwhile" : ""}.
        </p>
        <RefreshWhileConfirming email={summary.email} />
      </>
    );
  }

  if (PAID.has(summary.status) && booking && booking.status === "CONFIRMED") {
    const coach = firstName(booking.coachName);
    return (
      <>
        <h1>You&apos;re booked</h1>
        <p>
          Your session ({booking.sessionTitle}) is confirmed for{" "}
          <strong>{bothZonesLabel(booking.startsAt.toISOString(), booking.clientTimeZone, booking.coachTimeZone, coach)}</strong>.
        </p>
        <section className="card stack" aria-labelledby="next-heading">
          <h2 id="next-heading">What happens next</h2>
          <ul>
            <li>
              A confirmation with links to reschedule or cancel is on its way to <strong>{summary.email}</strong>, with a calendar
              invite attached.
            </li>
            <li>
              A receipt for {amount} follows in a separate email.
              {test ? " This was a test payment: no money moved." : ""}
            </li>
            <li>A reminder email comes shortly before the session. There&apos;s nothing you need to prepare.</li>
          </ul>
        </section>
        <section className="card stack" aria-labelledby="paid-heading">
          <h2 id="paid-heading">Your payment</h2>
          <OrderLines summary={summary} />
        </section>
      </>
    );
  }

  if (PAID.has(summary.status)) {
    return (
      <>
        <h1>Your payment went through</h1>
        <p>
          Thank you: {amount} {test ? "(a test payment: no money moved)" : ""} was received. An email to{" "}
          <strong>{summary.email}</strong> has the details.
        </p>
        {booking ? null : (
          <p>
            Anything to download or a course is in <Link href="/account/library">your library</Link> now. The email has a link
            that signs you straight in with that address.
          </p>
        )}
        {booking ? (
          <p>
            This booking has changed since it was paid for; your email has the latest news, and{" "}
            <Link href="/account">your account</Link> shows it as it is now.
          </p>
        ) : null}
      </>
    );
  }

  // CANCELLED or EXPIRED, and nothing was paid.
  if (!booking) {
    return (
      <>
        <h1>No payment was taken</h1>
        <p>This checkout closed before a payment came through, so nothing was charged. Your cart is just as you left it.</p>
        <p>
          <Link className="button" href="/cart">
            Back to your cart
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>No payment was taken</h1>
      <p>This checkout closed before a payment came through, so nothing was charged and the time it held has been released.</p>
      <p>
        <Link className="button" href={bookAgain}>
          Choose a time again
        </Link>
      </p>
    </>
  );
}
