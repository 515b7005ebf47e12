import type { ReactNode } from "react";

// The scrolling region is focusable and named by the caption so keyboard and
// screen-reader users can reach and scroll a table wider than the screen.
// `columns` writes the header row (one column heading each); without it the children bring their own.
export function DataTable({ captionId, caption, columns, children }: { captionId: string; caption: ReactNode; columns?: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data">
        <caption id={captionId}>{caption}</caption>
        {columns ? (
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        {children}
      </table>
    </div>
  );
}
