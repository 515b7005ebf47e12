import type { Metadata } from "next";
import type { ReactNode } from "react";

// A manage link is a secret: never send it on as a Referer, never let a search engine keep it.
export const metadata: Metadata = {
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default function ManageLayout({ children }: { children: ReactNode }) {
  return children;
}
