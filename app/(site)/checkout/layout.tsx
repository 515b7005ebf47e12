import type { Metadata } from "next";
import type { ReactNode } from "react";

// A checkout id in the address is enough to see (and, in test mode, pay or cancel) the order: never
// send it on as a Referer, never let a search engine keep it.
export const metadata: Metadata = {
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default function CheckoutLayout({ children }: { children: ReactNode }) {
  return <div className="narrow stack">{children}</div>;
}
