/**
 * Paging over lazily enumerated subnet lists. Counts and indexes are `bigint` because an IPv6 split can have more
 * subnets (and pages) than a double holds exactly; page numbers are 1-based like the UI, indexes 0-based like the lib.
 */

import { groupDigits } from './format.ts';
import { PAGE_SIZE, pageOfItem } from './state.ts';

// Defined in state.ts (which needs them to resolve a preset's highlighted row), so the calculator's first download,
// which has state.ts, does not also carry the rest of paging.
export { PAGE_SIZE, pageOfItem } from './state.ts';

/** A resolved page of a list of `total` items. */
export interface PageWindow {
  /** 1-based page number, clamped to 1 … pageCount. */
  readonly page: bigint;
  readonly pageCount: bigint;
  /** 0-based index of the first item on the page. */
  readonly start: bigint;
  /** Items on this page (≤ page size; 0 only when the list is empty). */
  readonly size: number;
  readonly total: bigint;
}

/** Number of pages for `total` items (at least 1, so an empty list still has a page to show). */
export function pageCount(total: bigint, pageSize: number = PAGE_SIZE): bigint {
  if (total <= 0n) return 1n;
  const size = BigInt(pageSize);
  return (total + size - 1n) / size;
}

/** The window for a requested page (decimal text or bigint); out-of-range or garbage pages are clamped. */
export function pageWindow(total: bigint, requested: bigint | string, pageSize: number = PAGE_SIZE): PageWindow {
  const count = pageCount(total, pageSize);
  let page = typeof requested === 'bigint' ? requested : (parsePositiveInteger(requested) ?? 1n);
  if (page < 1n) page = 1n;
  if (page > count) page = count;
  const start = (page - 1n) * BigInt(pageSize);
  const remaining = total - start;
  const size = remaining <= 0n ? 0 : remaining < BigInt(pageSize) ? Number(remaining) : pageSize;
  return { page, pageCount: count, start, size, total };
}

/** A positive decimal integer (thousands separators `,` `_` and spaces allowed), or undefined. */
export function parsePositiveInteger(text: string): bigint | undefined {
  const digits = text.trim().replace(/[,_\s]/g, '');
  if (!/^\d{1,40}$/.test(digits)) return undefined;
  const value = BigInt(digits);
  return value >= 1n ? value : undefined;
}

/** Result of reading the "go to subnet #" box. */
export type GoToResult =
  | { readonly ok: true; readonly value: { readonly item: bigint; readonly page: bigint } }
  | { readonly ok: false; readonly error: { readonly code: 'goto-invalid'; readonly message: string } };

/** Reads a 1-based subnet number for "go to subnet #"; the message quotes the input and gives the valid range. */
export function parseGoTo(text: string, total: bigint, pageSize: number = PAGE_SIZE): GoToResult {
  const item = parsePositiveInteger(text);
  if (item === undefined || item > total) {
    const shown = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
    return {
      ok: false,
      error: {
        code: 'goto-invalid',
        message: `'${shown}' is not a subnet number; enter a whole number from 1 to ${groupDigits(total)}`,
      },
    };
  }
  return { ok: true, value: { item, page: pageOfItem(item, pageSize) } };
}
