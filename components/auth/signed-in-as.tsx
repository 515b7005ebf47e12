"use client";

import Link from "next/link";
import { useEffect, useState } from "react";

// Used by app/forbidden.tsx. Next renders that file's server component along with every page, so
// it must not read the session on the server (every page would become dynamic); this island asks
// /api/auth/session only when the 403 page is actually shown.
export function SignedInAs() {
  const [email, setEmail] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    // A plain fetch rather than next-auth/react: this island ships with every page's 403 boundary.
    void fetch("/api/auth/session")
      .then((response) => (response.ok ? (response.json() as Promise<{ user?: { email?: string } }>) : null))
      .then((session) => {
        if (active) setEmail(session?.user?.email ?? null);
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, []);

  const account = <Link href="/account">Your account</Link>;
  return email ? (
    <p>
      You&apos;re signed in as <strong>{email}</strong>; your own things are in {account}.
    </p>
  ) : (
    <p>Your own things are in {account}.</p>
  );
}
