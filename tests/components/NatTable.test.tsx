// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NatTable, WINDOW_FROM } from '../../src/components/NatPlayground/NatViews.tsx';
import type { RouterTable, TableRow } from '../../src/lib/nat-playground/index.ts';

afterEach(cleanup);

/** A router table of `count` sessions, row `touched` (0-based) touched by the shown packet. */
function table(count: number, touched = -1): RouterTable {
  const rows: TableRow[] = Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    protocol: 'TCP',
    internal: `192.168.1.${10 + (i % 200)}:${40000 + i}`,
    external: `203.0.113.2:${40000 + i}`,
    remote: '198.51.100.10:443',
    state: 'ESTABLISHED',
    kind: 'outbound',
    left: 7440 - i,
    touched: i === touched ? 'refreshed' : undefined,
  }));
  return { id: 'home', label: 'Home router', nat: 'Linux MASQUERADE', rows };
}

/** The body rows drawn (spacers left out), each as [aria-rowindex or null, session id]. */
function drawn(container: Element): [string | null, string][] {
  return [...container.querySelectorAll('tbody tr:not(.nat-spacer)')].map((tr) => [
    tr.getAttribute('aria-rowindex'),
    tr.querySelector('td')?.textContent ?? '',
  ]);
}

describe('NatTable', () => {
  it(`draws every row of a table of up to ${WINDOW_FROM} sessions, without row counts or spacers`, () => {
    const { container } = render(<NatTable table={table(WINDOW_FROM, 3)} time={5} />);
    const rows = drawn(container);
    expect(rows).toHaveLength(WINDOW_FROM);
    expect(rows.every(([index]) => index === null)).toBe(true);
    expect(container.querySelector('table')?.hasAttribute('aria-rowcount')).toBe(false);
    expect(container.querySelector('.nat-spacer')).toBeNull();
    expect(container.querySelector('.nat-row--touched td')?.textContent).toBe('4');
  });

  it('draws a window of a 1,000-session table and tells assistive technology the real size and places', () => {
    const { container } = render(<NatTable table={table(1000)} time={5} />);
    expect(container.querySelector('table')?.getAttribute('aria-rowcount')).toBe('1001');
    expect(container.querySelector('thead tr')?.getAttribute('aria-rowindex')).toBe('1');
    const rows = drawn(container);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThanOrEqual(40);
    // The first rows, each numbered by its place in the whole table (the header row is 1).
    rows.forEach(([index, id], i) => {
      expect(index).toBe(String(i + 2));
      expect(id).toBe(String(i + 1));
    });
    // One spacer stands for the rows below the window; none above it.
    const spacers = container.querySelectorAll('.nat-spacer');
    expect(spacers).toHaveLength(1);
    expect(spacers[0]?.getAttribute('aria-hidden')).toBe('true');
    expect(container.querySelector('caption')?.textContent).toContain('1000 sessions');
  });

  it('brings the row the shown packet touched into the window, and only once per packet', () => {
    const { container, rerender } = render(<NatTable table={table(1000, 500)} time={5} />);
    const region = container.querySelector('section') as HTMLElement;
    const ids = () => drawn(container).map(([, id]) => Number(id));
    expect(ids()).toContain(501);
    expect(container.querySelector('.nat-row--touched')?.getAttribute('aria-rowindex')).toBe('502');
    expect(region.scrollTop).toBeGreaterThan(0);
    // The reader scrolls back to the top: the same packet does not pull the window back to its row.
    region.scrollTop = 0;
    fireEvent.scroll(region);
    rerender(<NatTable table={table(1000, 500)} time={6} />);
    expect(ids()).toContain(1);
    expect(ids()).not.toContain(501);
    // The next packet touches row 900: the window moves to it.
    rerender(<NatTable table={table(1000, 899)} time={7} />);
    expect(ids()).toContain(900);
    expect(ids()).not.toContain(1);
  });

  it('follows the region as it scrolls, down to the last row', () => {
    const { container } = render(<NatTable table={table(1000)} time={5} />);
    const region = container.querySelector('section') as HTMLElement;
    region.scrollTop = 24 * 990;
    fireEvent.scroll(region);
    const rows = drawn(container);
    expect(rows.at(-1)).toEqual(['1001', '1000']);
    expect(container.querySelectorAll('.nat-spacer')).toHaveLength(1);
  });

  it('starts a long table at its top again after a short one in between', () => {
    const { container, rerender } = render(<NatTable table={table(1000, 700)} time={5} />);
    const ids = () => drawn(container).map(([, id]) => Number(id));
    expect(ids()).toContain(701);
    rerender(<NatTable table={table(30)} time={6} />);
    expect(ids()).toHaveLength(30);
    rerender(<NatTable table={table(1000)} time={7} />);
    expect(ids()[0]).toBe(1);
    expect((container.querySelector('section') as HTMLElement).scrollTop).toBe(0);
  });
});
