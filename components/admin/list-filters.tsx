import Link from "next/link";
import type { ReactNode } from "react";

// The filter form above the back office's lists (bookings, orders): a GET form whose fields sit in
// the page's own grid, a submit button and, while filters are set, a link that clears them.

export function FilterForm({
  action,
  gridClassName,
  hiddenFields,
  submitText,
  clearHref,
  children,
}: {
  action: string;
  /** The page's grid for the fields. */
  gridClassName?: string;
  /** Sent along but not shown (the list's tab, say). */
  hiddenFields?: ReactNode;
  submitText: string;
  /** Where "Clear filters" goes; no link when nothing is filtered. */
  clearHref: string | null;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className="card stack" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="notice-heading">
        Filter
      </h2>
      {hiddenFields}
      <div className={gridClassName}>{children}</div>
      <div className="actions">
        <button type="submit" className="button">
          {submitText}
        </button>
        {clearHref ? <Link href={clearHref}>Clear filters</Link> : null}
      </div>
    </form>
  );
}

/** A filter field (`filter-<name>`), with its error under it when the value didn't parse. */
export function FilterField({
  name,
  label,
  type,
  value,
  error,
}: {
  name: string;
  label: string;
  type: "date" | "search";
  value: string | undefined;
  error?: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The status filter: any status, or one of them in the page's words. */
export function StatusFilterField({ value, statuses, label }: { value: string | undefined; statuses: readonly string[]; label: (status: string) => string }) {
  return (
    <div className="field">
      <label htmlFor="filter-status">Status</label>
      <select id="filter-status" name="status" defaultValue={value ?? ""}>
        <option value="">Any status</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {label(status)}
          </option>
        ))}
      </select>
    </div>
  );
}
