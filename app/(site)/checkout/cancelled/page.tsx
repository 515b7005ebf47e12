import type { Metadata } from "next";
import Link from "next/link";
import { cancelCheckout } from "@/lib/payments/cancel-checkout";
import { bookingPageFor, cancelLinkCheckoutId, checkoutAfter, type CheckoutReturnProps, PAID } from "../find-checkout";

// Where the buyer lands after choosing not to pay (Stripe's cancel_url, or "Cancel and go back" in
// test mode), by a signed link to the order (checkoutReturnUrls). Arriving here releases the held
// time at once (cancelCheckout: idempotent, and if the payment went through after all it is applied
// instead); a link whose signature doesn't match is the calm 404 and changes nothing.

export const metadata: Metadata = { title: "Payment cancelled" };

export default async function CheckoutCancelledPage({ searchParams }: CheckoutReturnProps) {
  const checkoutId = await cancelLinkCheckoutId(searchParams);
  const summary = await checkoutAfter(checkoutId, cancelCheckout);
  const bookAgain = await bookingPageFor(checkoutId);

  if (PAID.has(summary.status)) {
    return (
      <>
        <h1>Your payment had already gone through</h1>
        <p>
          The payment was completed before the checkout could be stopped, so nothing was cancelled.{" "}
          <Link href={`/checkout/complete?session_id=${encodeURIComponent(checkoutId)}`}>{summary.booking ? "See your booking" : "See your order"}</Link>.
        </p>
      </>
    );
  }

  if (!summary.booking) {
    // A shop order: the cart was kept, so going back to it is one click.
    return (
      <>
        <h1>No payment was taken</h1>
        <div className="notice" role="status">
          <p>Nothing was charged. Your cart is just as you left it.</p>
        </div>
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
      <div className="notice" role="status">
        <p>No payment was taken and the time has been released.</p>
      </div>
      <p>
        That&apos;s completely fine. If you&apos;d like to book after all, you can choose the same time again (if it&apos;s still free)
        or another one.
      </p>
      <p>
        <Link className="button" href={bookAgain}>
          Back to the booking page
        </Link>
      </p>
    </>
  );
}
