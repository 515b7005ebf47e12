import Link from "next/link";

export default function HomePage() {
  return (
    <div className="stack">
      <h1>Coaching for ADHD and rejection sensitivity</h1>
      <p>
        Calm, practical support for the moments when small things feel big. Book a free intro call, a one-on-one strategy
        session, or start with a journal or a course at your own pace.
      </p>
      <p>
        <Link className="button" href="/book">
          See available times
        </Link>
      </p>
    </div>
  );
}
