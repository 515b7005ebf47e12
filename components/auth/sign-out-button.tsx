"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

// next-auth's sign-out is a POST with its CSRF token; signOut() fetches the token and posts it.
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function handleClick() {
    setPending(true);
    setFailed(false);
    try {
      await signOut({ callbackUrl: "/" });
    } catch {
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <div className="stack">
      <p>
        <button type="button" className="button button-secondary" onClick={handleClick} disabled={pending}>
          {pending ? "Signing out…" : "Sign out"}
        </button>
      </p>
      <div role="status" aria-live="polite">
        {failed ? (
          <p className="notice notice-warn">We couldn&apos;t sign you out just now. Please check your connection and try again.</p>
        ) : null}
      </div>
    </div>
  );
}
