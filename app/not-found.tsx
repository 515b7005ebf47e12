import Link from "next/link";

export default function NotFound() {
  return (
    <div className="narrow stack">
      <h1>We couldn&apos;t find that page</h1>
      <p>The link may be old, or the page may have moved. Nothing is wrong on your side.</p>
      <ul>
        <li>
          <Link href="/">Go to the home page</Link>
        </li>
        <li>
          <Link href="/book">See available times</Link>
        </li>
        <li>
          <Link href="/account">Your account</Link>
        </li>
      </ul>
    </div>
  );
}
