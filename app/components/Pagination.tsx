// Links between the pages of a back-office list (the rule: utils/pagination.ts): « Page précédente »,
// « Page N sur M » (or « Page N » when the list does not count past a cap, e.g. the email log),
// « Page suivante ». Plain links, so they work without JavaScript; nothing when the list has a single page.
import { Link } from "@remix-run/react";
import { pageHref } from "~/utils/pagination";

type Props = {
  page: number;
  /** null: not counted (a list capped at its first thousand rows); then `hasNext` says if there is more. */
  pages: number | null;
  hasNext?: boolean;
  /** The list's address, and its filters as query parameters: every link keeps them. */
  pathname: string;
  filters: Record<string, string | null>;
};

export function Pagination({ page, pages, hasNext, pathname, filters }: Props) {
  const next = pages === null ? Boolean(hasNext) : page < pages;
  if (page <= 1 && !next) return null;
  const href = (n: number) => pageHref(pathname, filters, n);
  return (
    <nav aria-label="Pagination" className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              Page précédente
            </Link>
          </li>
        ) : null}
        <li aria-current="page">
          Page {page}
          {pages === null ? null : ` sur ${pages}`}
        </li>
        {next ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              Page suivante
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
