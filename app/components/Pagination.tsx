import { Link } from "@remix-run/react";
import { pageWindow } from "~/lib/list-url";

interface PaginationProps {
  page: number;
  pageCount: number;
  /** The address of a page of the same list. */
  href: (page: number) => string;
}

/** Ten page numbers at a time, with 처음/이전 before them and 다음/마지막 after when there is more that way. */
export function Pagination({ page, pageCount, href }: PaginationProps) {
  if (pageCount <= 1) return null;
  const pages = pageWindow(page, pageCount);
  const first = pages[0];
  const last = pages[pages.length - 1];
  return (
    <nav aria-label="페이지">
      <ul className="pagination">
        {first > 1 ? (
          <>
            <li>
              <Link to={href(1)}>처음</Link>
            </li>
            <li>
              <Link to={href(first - 1)}>이전</Link>
            </li>
          </>
        ) : null}
        {pages.map((p) => (
          <li key={p}>{p === page ? <span aria-current="page">{p}</span> : <Link to={href(p)}>{p}</Link>}</li>
        ))}
        {last < pageCount ? (
          <>
            <li>
              <Link to={href(last + 1)}>다음</Link>
            </li>
            <li>
              <Link to={href(pageCount)}>마지막</Link>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}
