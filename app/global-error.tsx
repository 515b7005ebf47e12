"use client";

import "./globals.css";

// Replaces the root layout when the layout itself fails, so it brings its own document and styles.
// `retry` fetches the page from the server again before re-rendering (`reset` would only re-render
// what already failed).
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en-GB">
      <body>
        <title>Something went wrong · Steady Ground Coaching</title>
        <main className="container" style={{ paddingTop: 32, paddingBottom: 48 }}>
          <div className="narrow stack">
            <h1>Something went wrong on our side</h1>
            <p>Please try again. If the page still doesn&apos;t load, the home page is a good place to start over.</p>
            <div className="actions">
              <button type="button" className="button" onClick={() => retry()}>
                Try again
              </button>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full page load on purpose: it starts over even if the client router is what broke */}
              <a className="button button-secondary" href="/">
                Go to the home page
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
