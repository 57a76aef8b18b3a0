// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DnsPlayground } from '../../src/components/DnsPlayground/DnsPlayground.tsx';
import { builtInInternet, createResolver, formatDig } from '../../src/lib/dns/index.ts';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const island = () => screen.getByRole('region', { name: 'DNS resolution playground' });

describe('DnsPlayground: the hex view links bytes and fields both ways', () => {
  it('focusing a byte presses its field; arrow keys move one byte or one row; hovering a field lights its bytes', () => {
    render(<DnsPlayground />);
    const grids = within(island()).getAllByRole('grid', { name: /Message bytes in hex/ });
    const grid = grids[0] as HTMLElement;
    // A td in a role="grid" table is a gridcell to browsers; Testing Library reads it as a cell, so select by tag.
    const cells = Array.from(grid.querySelectorAll('td'));
    // One tab stop: the first byte.
    expect(cells.filter((c) => c.tabIndex === 0)).toHaveLength(1);
    expect(cells[0]?.getAttribute('aria-label')).toMatch(/^Byte 0: [0-9a-f]{2}, ID: /);
    fireEvent.focus(cells[2] as HTMLElement);
    const flags = within(island()).getAllByRole('button', { name: /^2\+2 Flags:/ })[0] as HTMLElement;
    expect(flags.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(cells[2] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-at')).toBe('18');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Home' });
    expect(document.activeElement?.getAttribute('data-at')).toBe('16');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowLeft' });
    expect(document.activeElement?.getAttribute('data-at')).toBe('15');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement?.getAttribute('data-at')).toBe('0');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'End' });
    expect(document.activeElement?.getAttribute('data-at')).toBe('15');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'x' });
    expect(document.activeElement?.getAttribute('data-at')).toBe('15');
    fireEvent.mouseEnter(within(island()).getAllByRole('button', { name: /^0\+2 ID:/ })[0] as HTMLElement);
    expect(grid.querySelectorAll('.dp-byte--on')).toHaveLength(2);
    fireEvent.mouseEnter(cells[5] as HTMLElement);
    expect(
      within(island())
        .getAllByRole('button', { name: /^4\+2 / })[0]
        ?.getAttribute('aria-pressed'),
    ).toBe('true');
  });
});

describe('DnsPlayground: dig’s output in the paste box', () => {
  it('decodes, explains and shows the bytes of what dig printed; a bad line is a positioned alert', async () => {
    render(<DnsPlayground />);
    const reply = createResolver(builtInInternet()).resolve('nope.example.org.', 1).response;
    const box = within(island()).getByLabelText(/Message as hex .* or dig’s output/);
    fireEvent.input(box, { target: { value: `;; Got answer:\n${formatDig(reply)}\n` } });
    await waitFor(
      () =>
        expect(
          within(island()).getByText(
            'A resolver may remember that the name does not exist for min(SOA TTL, MINIMUM) = 5 s (RFC 2308).',
          ),
        ).toBeTruthy(),
      // The decoder is loaded on the first paste (a dynamic import): allow for a busy machine.
      { timeout: 10_000 },
    );
    expect(within(island()).getByRole('heading', { name: 'The reply (line 2)' })).toBeTruthy();
    fireEvent.input(box, { target: { value: `;; ->>HEADER<<- opcode: QUERY, status: MAYBE, id: 1` } });
    await waitFor(() => expect(within(island()).getByRole('alert').textContent).toMatch(/^Line 1, column 1: /), {
      timeout: 10_000,
    });
  });
});

describe('DnsPlayground: the zone editor', () => {
  it('an edited zone is resolved against and goes to the URL; a broken edit keeps the last result with a positioned error', async () => {
    render(<DnsPlayground syncUrl />);
    const text = within(island()).getByLabelText(/^Zone file \(example\.org\./) as HTMLTextAreaElement;
    expect(text.value).toContain('blog         CNAME cdn.example.com.');
    fireEvent.input(within(island()).getByLabelText('Name'), { target: { value: 'new.example.org' } });
    fireEvent.input(text, { target: { value: `${text.value}new A 198.51.100.77\n` } });
    expect(
      within(island()).getAllByText(/new\.example\.org\.\s+3600\s+IN\s+A\s+198\.51\.100\.77/).length,
    ).toBeGreaterThan(0);
    // Typing reaches the address bar once it pauses (useUrlState).
    await waitFor(() => expect(window.location.search).toContain('zt='));
    const total = island().querySelector('.dp-total')?.textContent;
    fireEvent.input(text, { target: { value: `${text.value}oops A 300.1.1.1\n` } });
    expect(
      within(island()).getByText(/Zone example\.org\.: Line \d+, column 8: '300\.1\.1\.1' is not an IPv4 address/),
    ).toBeTruthy();
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(island().querySelector('.dp-total')?.textContent).toBe(total);
    fireEvent.click(within(island()).getByRole('button', { name: 'Restore the built-in example.org. zone' }));
    expect(text.value).not.toContain('new A');
    fireEvent.change(within(island()).getByLabelText('Zone to edit'), { target: { value: 'cdn-provider.net.' } });
    expect((within(island()).getByLabelText(/^Zone file/) as HTMLTextAreaElement).value).toContain('edge          20');
  });
});
