import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Steady Ground Coaching", template: "%s · Steady Ground Coaching" },
  description: "Coaching for people with ADHD and rejection sensitivity: one-on-one sessions, tools and courses.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="container" style={{ paddingTop: 32, paddingBottom: 48 }}>
          {children}
        </main>
      </body>
    </html>
  );
}
