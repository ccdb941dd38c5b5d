/**
 * Paging for look-up lists: 10 items a page, so a page stays readable on a phone. A page number
 * past the end lands on the last page rather than on an empty one.
 */
export const PAGE_SIZE = 10;

export interface Page<T> {
  items: T[];
  /** 1-based page shown (after clamping). */
  page: number;
  /** Number of pages, at least 1. */
  pages: number;
  /** Items over all pages. */
  total: number;
}

export interface PageWindow {
  page: number;
  pages: number;
  skip: number;
  take: number;
}

/** `pageWindow(5, 23)` → page 3 of 3, skip 20, take 10. */
export function pageWindow(requested: number, total: number, size = PAGE_SIZE): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages);
  return { page, pages, skip: (page - 1) * size, take: size };
}
