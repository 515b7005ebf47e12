import type { Metadata } from "next";
import type { ReactNode } from "react";

// A checkout id in the address is enough to see (and, in test mode, pay or cancel) the order: never
// send it to another site as a Referer (same-origin keeps the Origin header on this page's own form
// posts, see lib/http/security-headers.mjs), never let a search engine keep it.
export const metadata: Metadata = {
  referrer: "same-origin",
  robots: { index: false, follow: false },
};

export default function CheckoutLayout({ children }: { children: ReactNode }) {
  return <div className="narrow stack">{children}</div>;
}
