"use client";

import Link from "next/link";
import { getSession } from "next-auth/react";
import { useEffect, useState } from "react";

// Used by app/forbidden.tsx. Next renders that file's server component along with every page, so
// it must not read the session on the server (every page would become dynamic); this island asks
// /api/auth/session only when the 403 page is actually shown.
export function SignedInAs() {
  const [email, setEmail] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    void getSession().then((session) => {
      if (active) setEmail(session?.user?.email ?? null);
    });
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
