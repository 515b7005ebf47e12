import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";

export const metadata: Metadata = { title: { default: "Back office", template: "%s · Back office" } };

// No access check here on purpose: layouts and pages render in parallel, so every admin page calls
// requireCoach itself. This layout holds nothing but links.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div>
      <AdminNav />
      {children}
    </div>
  );
}
