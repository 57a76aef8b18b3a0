import { describe, expect, it } from 'vitest';
import {
  PAGE_SIZE,
  pageCount,
  pageOfItem,
  pageWindow,
  parseGoTo,
  parsePositiveInteger,
} from '../../../../src/lib/subnet-calculator/paging.ts';

describe('pageCount', () => {
  it.each([
    [0n, 1n],
    [1n, 1n],
    [256n, 1n],
    [257n, 2n],
    [4_194_304n, 16_384n],
    [2n ** 64n, 2n ** 56n],
  ])('%s items → %s pages', (total, pages) => {
    expect(pageCount(total)).toBe(pages);
  });
});

describe('pageWindow', () => {
  it('gives the first page by default', () => {
    expect(pageWindow(1000n, '1')).toEqual({ page: 1n, pageCount: 4n, start: 0n, size: 256, total: 1000n });
  });

  it('gives a short last page', () => {
    expect(pageWindow(1000n, 4n)).toEqual({ page: 4n, pageCount: 4n, start: 768n, size: 232, total: 1000n });
  });

  it.each([
    ['0', 1n],
    ['-1', 1n],
    ['junk', 1n],
    ['99', 4n],
  ])('clamps page %j to %s', (requested, page) => {
    expect(pageWindow(1000n, requested).page).toBe(page);
  });

  it('clamps bigint pages too', () => {
    expect(pageWindow(1000n, -5n).page).toBe(1n);
  });

  it('handles an empty list', () => {
    expect(pageWindow(0n, '3')).toEqual({ page: 1n, pageCount: 1n, start: 0n, size: 0, total: 0n });
  });

  it('handles a huge IPv6 list without losing precision', () => {
    const total = 2n ** 96n;
    const window = pageWindow(total, (2n ** 88n).toString());
    expect(window.page).toBe(2n ** 88n);
    expect(window.start).toBe(total - BigInt(PAGE_SIZE));
    expect(window.size).toBe(PAGE_SIZE);
  });

  it('takes a custom page size', () => {
    expect(pageWindow(10n, '2', 4)).toMatchObject({ start: 4n, size: 4, pageCount: 3n });
  });
});

describe('pageOfItem', () => {
  it.each([
    [1n, 1n],
    [256n, 1n],
    [257n, 2n],
    [0n, 1n],
  ])('item %s is on page %s', (item, page) => {
    expect(pageOfItem(item)).toBe(page);
  });
});

describe('parsePositiveInteger', () => {
  it.each([
    ['42', 42n],
    [' 1,000 ', 1000n],
    ['16_777_216', 16_777_216n],
    ['0', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['', undefined],
    ['1e3', undefined],
  ])('%j → %s', (text, value) => {
    expect(parsePositiveInteger(text)).toBe(value);
  });
});

describe('parseGoTo', () => {
  it('finds the page of a subnet number', () => {
    expect(parseGoTo('300', 1000n)).toEqual({ ok: true, value: { item: 300n, page: 2n } });
  });

  it.each(['0', '1001', 'abc', ''])('rejects %j with a message quoting the input', (text) => {
    const result = parseGoTo(text, 1000n);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toBe(`'${text}' is not a subnet number; enter a whole number from 1 to 1,000`);
  });

  it('shortens very long input in the message', () => {
    const result = parseGoTo('9'.repeat(60), 10n);
    expect(!result.ok && result.error.message.startsWith(`'${'9'.repeat(40)}…'`)).toBe(true);
  });
});
