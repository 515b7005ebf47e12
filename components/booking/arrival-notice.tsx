"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** A notice that receives focus when the page arrives with it (after a change redirected here). */
export function ArrivalNotice({ heading, children }: { heading: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="notice stack" role="status">
      <h2 ref={ref} tabIndex={-1} className="notice-heading">
        {heading}
      </h2>
      {children}
    </div>
  );
}
