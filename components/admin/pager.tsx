import Link from "next/link";

type Props = {
  label: string;
  page: number;
  pageCount: number;
  hrefForPage: (page: number) => string;
  previousText: string;
  nextText: string;
};

// Renders nothing for a single page. Empty spans stand in for a missing link
// so "Page n of m" stays in the middle.
export function Pager({ label, page, pageCount, hrefForPage, previousText, nextText }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? (
        <Link href={hrefForPage(page - 1)} rel="prev">
          ← {previousText}
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={hrefForPage(page + 1)} rel="next">
          {nextText} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
