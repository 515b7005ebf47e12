import Link from "next/link";

export default function ManageNotFound() {
  return (
    <div className="narrow stack">
      <h1>We couldn&apos;t find that booking link</h1>
      <p>
        The link may be incomplete (links sometimes break when they&apos;re copied), or it may come from an older email
        about a booking that has changed since. Nothing is wrong on your side.
      </p>
      <ul>
        <li>Open the link in your most recent email about this booking.</li>
        <li>
          <Link href="/account">Sign in to your account</Link> with the email address you booked with to see your sessions.
        </li>
        <li>
          <Link href="/book">Book a session</Link>
        </li>
      </ul>
    </div>
  );
}
