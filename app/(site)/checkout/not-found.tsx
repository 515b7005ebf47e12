import Link from "next/link";

export default function CheckoutNotFound() {
  return (
    <>
      <h1>We couldn&apos;t find that payment page</h1>
      <p>
        The link may be incomplete (links sometimes break when they&apos;re copied), or it may be from an earlier visit.
        Nothing is wrong on your side, and nothing is charged by opening it.
      </p>
      <ul>
        <li>If you paid for a session, your confirmation email has everything you need.</li>
        <li>
          <Link href="/book">Choose a session and a time</Link>
        </li>
        <li>
          <Link href="/account">See your bookings</Link> by signing in with the email address you used.
        </li>
      </ul>
    </>
  );
}
