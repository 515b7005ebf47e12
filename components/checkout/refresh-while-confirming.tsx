"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const EVERY_MS = 2_000;
const FOR_MS = 120_000;

/**
 * The "confirming your payment" page's island: fetches the page again every 2 seconds (the server
 * asks the provider each time) for up to 2 minutes, then says calmly what happens next instead.
 * The page's own live region announces the change when the payment is confirmed.
 */
export function RefreshWhileConfirming({ email }: { email: string }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started >= FOR_MS) {
        window.clearInterval(timer);
        setGaveUp(true);
        return;
      }
      router.refresh();
    }, EVERY_MS);
    return () => window.clearInterval(timer);
  }, [router]);

  if (!gaveUp) return <p className="muted">This page updates by itself; there&apos;s no need to reload it.</p>;
  return (
    <>
      <p>
        This is taking longer than usual, which sometimes happens with banks. Your payment is safe: as soon as it is confirmed,
        an email goes to <strong>{email}</strong> with everything you need. You can close this page.
      </p>
      <p>
        <button type="button" className="button button-secondary" onClick={() => router.refresh()}>
          Check again
        </button>
      </p>
    </>
  );
}
