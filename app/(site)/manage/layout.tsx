import type { Metadata } from "next";
import type { ReactNode } from "react";

// A manage link is a secret: never send it to another site as a Referer (same-origin keeps the
// Origin header on this page's own form posts, see lib/http/security-headers.mjs), never let a
// search engine keep it.
export const metadata: Metadata = {
  referrer: "same-origin",
  robots: { index: false, follow: false },
};

export default function ManageLayout({ children }: { children: ReactNode }) {
  return children;
}
