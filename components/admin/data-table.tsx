import type { ReactNode } from "react";

// The scrolling region is focusable and named by the caption so keyboard and
// screen-reader users can reach and scroll a table wider than the screen.
export function DataTable({ captionId, caption, children }: { captionId: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data">
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
