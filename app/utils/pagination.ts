// The pagination rule of the back-office lists, in one place: pages of a fixed size read from the
// database with LIMIT/OFFSET, the page number in the URL (`?page=N`, beside the list's filters, which
// every page link keeps), page 1 without the parameter, and a page past the end shows the last page
// (a list that shrank since its link was made still answers). The links: components/Pagination.tsx.

export const PAGE_PARAM = "page";

/** The page asked for in the query string: a positive integer, else 1. */
export function requestedPage(params: URLSearchParams): number {
  const n = Number(params.get(PAGE_PARAM));
  return Number.isSafeInteger(n) && n > 0 ? n : 1;
}

export type PageWindow = {
  /** The page shown, 1-based: the one asked for, or the last one if it is past the end. */
  page: number;
  /** At least 1 (an empty list has one, empty, page). */
  pages: number;
  total: number;
  /** For the query: LIMIT and OFFSET. */
  limit: number;
  offset: number;
};

/** Which rows the page shows, from the count of the (filtered) list. */
export function pageWindow(total: number, requested: number, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested)), pages);
  return { page, pages, total, limit: size, offset: (page - 1) * size };
}

/** The address of `page` of a list at `pathname` with its filters (empty values left out). */
export function pageHref(pathname: string, filters: Record<string, string | null | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (page > 1) query.set(PAGE_PARAM, String(page));
  const s = query.toString();
  return s ? `${pathname}?${s}` : pathname;
}
