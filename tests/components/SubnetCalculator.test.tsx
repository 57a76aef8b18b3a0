// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import fc from 'fast-check';
import { hydrate, render as renderOutsideAct } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { loadPanels } from '../../src/components/SubnetCalculator/PanelRegistry.ts';
import { loadUrlState, SubnetCalculator } from '../../src/components/SubnetCalculator/SubnetCalculator.tsx';
import { FIRST_PAINT_ROWS, WINDOW_FROM } from '../../src/components/SubnetCalculator/Table.tsx';

// As SubnetCalculator.astro does on the server: every mode's panel registered before rendering. The URL codec is
// loaded too, as the URL-syncing island does right after hydration (before anyone can type).
await loadPanels();
await loadUrlState();

const writeText = vi.fn<(text: string) => Promise<void>>();

beforeEach(() => {
  writeText.mockReset().mockResolvedValue(undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  window.history.replaceState(null, '', '/playgrounds/subnet-calculator/');
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Types into a field the way a person does: the input event carries the whole new value. */
function type(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
}

/** The `<dd>` next to a `<dt>` label in the details list. */
function detail(label: string): HTMLElement {
  const term = screen.getAllByText(label, { selector: 'dt' })[0];
  const value = term?.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value for ${label}`);
  return value;
}

describe('Details mode', () => {
  it('shows the default network from the first render', () => {
    render(<SubnetCalculator />);
    expect(screen.getByLabelText('IP address or network')).toHaveProperty('value', '192.168.1.0/24');
    expect(detail('Broadcast address').textContent).toContain('192.168.1.255');
    expect(detail('Usable hosts').textContent).toContain('254');
    expect(detail('Globally reachable').textContent).toBe('No');
    expect(screen.getByRole('link', { name: 'RFC 1918' }).getAttribute('href')).toBe(
      'https://www.rfc-editor.org/rfc/rfc1918',
    );
  });

  it('updates the results as you type', () => {
    render(<SubnetCalculator />);
    type(screen.getByLabelText('IP address or network'), '10.1.2.3/8');
    expect(detail('Network (CIDR)').textContent).toContain('10.0.0.0/8');
    expect(detail('Interface address').textContent).toContain('10.1.2.3/8');
    expect(detail('Total addresses').textContent).toContain('16,777,216');
    expect(screen.getByText(/has host bits set — the network is 10\.0\.0\.0\/8/)).toBeTruthy();
  });

  it('shows IPv6 counts as exact bigints with separators', () => {
    render(<SubnetCalculator />);
    type(screen.getByLabelText('IP address or network'), '2001:db8::/64');
    expect(detail('Total addresses').textContent).toContain('18,446,744,073,709,551,616 (2⁶⁴)');
    expect(detail('Last address').textContent).toContain('2001:db8::ffff:ffff:ffff:ffff');
    expect(screen.queryByText('Broadcast address', { selector: 'dt' })).toBeNull();
  });

  it('marks the network/host boundary in binary with a visible bar and words, not colour alone', () => {
    render(<SubnetCalculator />);
    const binary = detail('Binary');
    expect(binary.querySelector('.sc-bits-net')?.textContent).toBe('11000000.10101000.00000001');
    expect(binary.querySelector('.sc-bits-bar')?.textContent).toBe('|');
    expect(binary.querySelector('.sc-bits-host')?.textContent).toBe('00000000');
    expect(binary.textContent).toContain('24 network bits');
    expect(binary.textContent).toContain('8 host bits');
  });

  it('shows an invalid input inline, announces it, and keeps the last good result dimmed', () => {
    render(<SubnetCalculator />);
    const field = screen.getByLabelText('IP address or network');
    type(field, '10.0.0.0/16');
    type(field, '10.0.256.1/16');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const errorId = `${field.id}-error`;
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(errorId);
    const error = document.getElementById(errorId);
    expect(error?.getAttribute('aria-live')).toBe('polite');
    expect(error?.textContent).toContain("Octet 256 is out of range (0–255) in '10.0.256.1/16'");
    const results = screen.getByRole('region', { name: 'Network details' });
    expect(results.className).toContain('sc-results--stale');
    expect(results.textContent).toContain('Showing the last valid result');
    expect(detail('Network (CIDR)').textContent).toContain('10.0.0.0/16');

    type(field, '10.0.1.0/24');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(error?.textContent).toBe('');
    expect(results.className).not.toContain('sc-results--stale');
  });

  it('copies a value and says so in a status message', async () => {
    render(<SubnetCalculator />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy netmask' }));
    expect(writeText).toHaveBeenCalledWith('255.255.255.0');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied netmask'));
  });

  it('copies raw digits for counts, not the formatted text', () => {
    render(<SubnetCalculator preset={{ details: { network: '10.0.0.0/8' } }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy total addresses' }));
    expect(writeText).toHaveBeenCalledWith('16777216');
  });

  it('reports a refused clipboard', async () => {
    writeText.mockRejectedValue(new Error('denied'));
    render(<SubnetCalculator />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy netmask' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Could not copy netmask/));
  });
});

describe('mode tabs (WAI-ARIA tabs pattern)', () => {
  it('switches mode on click and shows only that panel', () => {
    render(<SubnetCalculator />);
    fireEvent.click(screen.getByRole('tab', { name: 'Split' }));
    expect(screen.getByRole('tab', { name: 'Split' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Details' }).getAttribute('aria-selected')).toBe('false');
    expect(screen.getByRole('tabpanel').id).toBe('subnet-calculator-panel-split');
    expect(screen.getByLabelText('Network to split')).toBeTruthy();
    expect(screen.queryByLabelText('IP address or network')).toBeNull();
  });

  it('moves with arrow keys, Home and End, with a roving tabindex', () => {
    render(<SubnetCalculator />);
    const details = screen.getByRole('tab', { name: 'Details' });
    expect(details.tabIndex).toBe(0);
    fireEvent.keyDown(details, { key: 'ArrowRight' });
    const split = screen.getByRole('tab', { name: 'Split' });
    expect(split.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(split);
    expect(details.tabIndex).toBe(-1);
    fireEvent.keyDown(split, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Contains / overlap' }));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(details);
    fireEvent.keyDown(details, { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Contains / overlap' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(details.getAttribute('aria-selected')).toBe('true');
  });

  it('labels each panel by its tab', () => {
    render(<SubnetCalculator />);
    const panel = screen.getByRole('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(screen.getByRole('tab', { name: 'Details' }).id);
    expect(screen.getByRole('tab', { name: 'Details' }).getAttribute('aria-controls')).toBe(panel.id);
  });
});

describe('Split mode', () => {
  it('pages a huge split without rendering it all', async () => {
    render(<SubnetCalculator preset={{ mode: 'split', split: { network: '10.0.0.0/8', newPrefix: '30' } }} />);
    expect(screen.getByText(/4,194,304 subnets of \/30/)).toBeTruthy();
    const table = screen.getByRole('table', { name: /Subnets of 10\.0\.0\.0\/8/ });
    // The island's first render keeps every row (it matches the server's HTML when it hydrates it).
    expect(within(table).getAllByRole('row')).toHaveLength(257);
    expect(table.hasAttribute('aria-rowcount')).toBe(false);
    expect(screen.getByText('Page 1 of 16,384')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Last page' }));
    expect(screen.getByText('Page 16,384 of 16,384')).toBeTruthy();
    // After that the table draws only the rows in view (a window), and tells assistive technology the real size and
    // each drawn row's place; spacer rows stand for the rest.
    expect(table.getAttribute('aria-rowcount')).toBe('257');
    const drawn = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((tr) => [tr.getAttribute('aria-rowindex'), tr.querySelector('td')?.textContent]);
    expect(drawn().length).toBeGreaterThanOrEqual(16);
    expect(drawn().length).toBeLessThanOrEqual(1 + WINDOW_FROM / 2);
    expect(drawn()[0]).toEqual(['2', '10.255.252.0/30']);
    expect(table.querySelectorAll('tr.sc-spacer[aria-hidden="true"]')).toHaveLength(1);
    expect(table.querySelector('tbody.sc-waiting')).toBeNull();
    expect(table.textContent).not.toContain('10.0.3.252/30');
    // Scrolling the region to its end draws the last rows.
    const region = table.closest('section') as HTMLElement;
    region.scrollTop = 28 * 256;
    fireEvent.scroll(region);
    expect(drawn().at(-1)).toEqual(['257', '10.255.255.252/30']);
    // A new page starts at its top.
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(drawn()[0]).toEqual(['2', '10.255.248.0/30']);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(screen.getByText('Page 16,383 of 16,384')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'First page' }));
    expect(screen.getByText('Page 1 of 16,384')).toBeTruthy();
  });

  it(`draws a split of up to ${WINDOW_FROM} subnets whole, its first rows in the input's frame`, async () => {
    render(<SubnetCalculator preset={{ mode: 'split', split: { network: '10.0.0.0/24', newPrefix: '30' } }} />);
    const table = () => screen.getByRole('table', { name: /Subnets of 10\.0\.[01]\.0\/24/ });
    expect(within(table()).getAllByRole('row')).toHaveLength(1 + WINDOW_FROM);
    type(screen.getByLabelText('Network to split'), '10.0.1.0/24');
    expect(table().hasAttribute('aria-rowcount')).toBe(false);
    // The frame that answers the input holds the first rows; the rest follow after it is painted.
    expect(within(table()).getAllByRole('row')).toHaveLength(1 + FIRST_PAINT_ROWS);
    // The previous rows wait in the DOM, unpainted and aria-hidden, to be rewritten in place rather than removed and
    // added (or torn down and built again, as display: none would).
    const waiting = table().querySelector('tbody.sc-waiting[aria-hidden="true"]');
    expect(waiting?.querySelectorAll('tr')).toHaveLength(WINDOW_FROM - FIRST_PAINT_ROWS);
    expect(waiting?.textContent).toContain('10.0.0.252/30');
    await waitFor(() => expect(table().textContent).toContain('10.0.1.252/30'));
    expect(within(table()).getAllByRole('row')).toHaveLength(1 + WINDOW_FROM);
    expect(table().querySelector('tbody.sc-waiting, tbody[aria-hidden], tr[aria-rowindex], .sc-spacer')).toBeNull();
  });

  it('jumps to a subnet number and highlights its row', () => {
    render(<SubnetCalculator preset={{ mode: 'split', split: { network: '10.0.0.0/8', newPrefix: '30' } }} />);
    type(screen.getByLabelText('Go to subnet #'), '1,000,000');
    fireEvent.click(screen.getByRole('button', { name: 'Go' }));
    expect(screen.getByText('Page 3,907 of 16,384')).toBeTruthy();
    const row = document.querySelector('tr.sc-highlight');
    expect(row?.textContent).toContain('10.61.8.252/30');
    expect(row?.textContent).toContain('1,000,000');
    // The 64th row of its page, drawn in the window moved to it.
    expect(row?.getAttribute('aria-rowindex')).toBe('65');
  });

  it('opens a preset on the page of its highlighted subnet (the guide embed)', () => {
    render(
      <SubnetCalculator
        preset={{ mode: 'split', split: { network: '10.30.0.0/16', newPrefix: '/26', highlight: '300' } }}
      />,
    );
    expect(screen.getByText('Page 2 of 4')).toBeTruthy();
    expect(document.querySelector('tr.sc-highlight')?.textContent).toContain('10.30.74.192/26');
  });

  it('rejects a subnet number out of range next to the box', () => {
    render(<SubnetCalculator preset={{ mode: 'split', split: { newPrefix: '26' } }} />);
    const box = screen.getByLabelText('Go to subnet #');
    type(box, '1025');
    fireEvent.submit(box.closest('form') as HTMLFormElement);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/'1025' is not a subnet number; enter a whole number from 1 to 1,024/)).toBeTruthy();
  });

  it('splits into N parts and explains the rounding', () => {
    render(<SubnetCalculator preset={{ mode: 'split', split: { network: '192.168.0.0/24' } }} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Number of parts' }));
    type(screen.getByLabelText('Number of equal parts'), '5');
    expect(screen.getByText(/8 subnets of \/27/)).toBeTruthy();
    expect(screen.getByText(/5 is not a power of two/)).toBeTruthy();
  });

  it('shows a prefix error on the prefix field and keeps the table', () => {
    render(<SubnetCalculator preset={{ mode: 'split' }} />);
    const prefix = screen.getByLabelText('New prefix length');
    type(prefix, '12');
    expect(prefix.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${prefix.id}-error`)?.textContent).toMatch(
      /New prefix \/12 does not fit 10\.0\.0\.0\/16/,
    );
    expect(screen.getByRole('table', { name: /Subnets of 10\.0\.0\.0\/16/ })).toBeTruthy();
  });

  it('exports all subnets of a small split as CSV and Markdown', async () => {
    render(<SubnetCalculator preset={{ mode: 'split', split: { network: '192.168.0.0/24', newPrefix: '26' } }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy CSV' }));
    expect(writeText).toHaveBeenLastCalledWith(
      '#,Subnet,First usable,Last usable,Broadcast\r\n' +
        '1,192.168.0.0/26,192.168.0.1,192.168.0.62,192.168.0.63\r\n' +
        '2,192.168.0.64/26,192.168.0.65,192.168.0.126,192.168.0.127\r\n' +
        '3,192.168.0.128/26,192.168.0.129,192.168.0.190,192.168.0.191\r\n' +
        '4,192.168.0.192/26,192.168.0.193,192.168.0.254,192.168.0.255\r\n',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    expect(writeText.mock.lastCall?.[0]).toMatch(
      /^\| # \| Subnet \| First usable \| Last usable \| Broadcast \|\n\| --- \|/,
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied table as Markdown'));

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(clicks).toEqual(['split-192.168.0.0-24-to-26.csv']);
    expect(await blobs[0]?.text()).toContain('4,192.168.0.192/26,192.168.0.193,192.168.0.254,192.168.0.255\r\n');
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    fireEvent.click(screen.getByRole('button', { name: 'Download Markdown' }));
    expect(clicks[1]).toBe('split-192.168.0.0-24-to-26.md');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Downloading split-192.168.0.0-24-to-26.md'),
    );
  });

  it('exports only the current page of a huge split, and says so', () => {
    render(
      <SubnetCalculator preset={{ mode: 'split', split: { network: '10.0.0.0/8', newPrefix: '30', page: '2' } }} />,
    );
    expect(screen.getByText('Export this page (256 of 4,194,304 subnets):')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy CSV' }));
    const lines = writeText.mock.lastCall?.[0].trimEnd().split('\r\n') ?? [];
    expect(lines).toHaveLength(257);
    expect(lines[1]).toBe('257,10.0.4.0/30,10.0.4.1,10.0.4.2,10.0.4.3');
  });
});

describe('VLSM mode', () => {
  it('plans the default requirements largest-first', () => {
    render(<SubnetCalculator preset={{ mode: 'vlsm' }} />);
    const table = screen.getByRole('table', { name: 'Allocations in 192.168.0.0/23, largest first' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Sales');
    expect(rows[1]?.textContent).toContain('192.168.0.0/24');
    expect(rows[5]?.textContent).toContain('192.168.1.224/30');
    expect(screen.getByText(/28 addresses are left unallocated/)).toBeTruthy();
  });

  it('adds and removes requirement rows, keeping focus sensible', async () => {
    render(<SubnetCalculator preset={{ mode: 'vlsm', vlsm: { requirements: [{ name: 'A', hosts: '10' }] } }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add subnet' }));
    const name = screen.getByLabelText('Subnet 2 name');
    await waitFor(() => expect(document.activeElement).toBe(name));
    type(name, 'B');
    type(screen.getByLabelText('Subnet 2 hosts'), '100');
    const table = screen.getByRole('table', { name: /Allocations/ });
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('B');
    fireEvent.click(screen.getByRole('button', { name: 'Remove subnet 1 (A)' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add subnet' })));
    expect(screen.queryByLabelText('Subnet 2 name')).toBeNull();
    expect((screen.getByLabelText('Subnet 1 name') as HTMLInputElement).value).toBe('B');
  });

  it('flags a bad host count on its row', () => {
    render(<SubnetCalculator preset={{ mode: 'vlsm' }} />);
    const hosts = screen.getByLabelText('Subnet 2 hosts');
    type(hosts, 'lots');
    expect(hosts.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(hosts.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      "'lots' is not a host count",
    );
    expect(screen.getByRole('region', { name: 'VLSM plan' }).className).toContain('sc-results--stale');
  });

  it('says clearly when the plan does not fit', () => {
    render(<SubnetCalculator preset={{ mode: 'vlsm' }} />);
    type(screen.getByLabelText('Address block to divide'), '192.168.0.0/25');
    expect(
      screen.getByText(/The plan needs 484 addresses .* but 192\.168\.0\.0\/25 has 128; use a parent of \/23/),
    ).toBeTruthy();
  });

  it('exports the plan', () => {
    render(
      <SubnetCalculator preset={{ mode: 'vlsm', vlsm: { requirements: [{ name: 'Lab, "east"', hosts: '5' }] } }} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy CSV' }));
    expect(writeText).toHaveBeenLastCalledWith(
      'Name,Hosts needed,Subnet,Usable hosts,First usable,Last usable,Spare hosts\r\n' +
        '"Lab, ""east""",5,192.168.0.0/29,6,192.168.0.1,192.168.0.6,1\r\n',
    );
  });
});

describe('Summarise and Contains / overlap modes', () => {
  it('collapses a list and converts a range', () => {
    render(<SubnetCalculator preset={{ mode: 'summarise' }} />);
    type(screen.getByLabelText('Networks, one per line'), '10.0.0.0/25\n10.0.0.128/25');
    expect(screen.getByText('2 networks → 1 CIDR block')).toBeTruthy();
    type(screen.getByLabelText('Address range (start - end)'), '192.0.2.0 - 192.0.2.255');
    expect(screen.getByText('The range is exactly 1 CIDR block')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy all cidr blocks of the range' }));
    expect(writeText).toHaveBeenLastCalledWith('192.0.2.0/24');
  });

  it('reports a reversed range next to the range field', () => {
    render(<SubnetCalculator preset={{ mode: 'summarise' }} />);
    const range = screen.getByLabelText('Address range (start - end)');
    type(range, '10.0.0.9 - 10.0.0.1');
    expect(range.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${range.id}-error`)?.textContent).not.toBe('');
  });

  it('answers containment and overlap', () => {
    render(<SubnetCalculator preset={{ mode: 'compare' }} />);
    expect(screen.getByText('10.0.128.0/17 is inside 10.0.0.0/16.')).toBeTruthy();
    type(screen.getByLabelText('Network B'), '10.1.0.0/16');
    expect(screen.getByText('10.0.0.0/16 and 10.1.0.0/16 do not overlap.')).toBeTruthy();
    type(screen.getByLabelText('Network B'), '10.0.0.0/16');
    expect(screen.getByText('10.0.0.0/16 and 10.0.0.0/16 are the same network.')).toBeTruthy();
    type(screen.getByLabelText('Network A'), 'nope');
    expect(screen.getByLabelText('Network A').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('URL state', () => {
  it('writes nothing to the URL unless it is the syncing instance', () => {
    const replace = vi.spyOn(window.history, 'replaceState');
    const push = vi.spyOn(window.history, 'pushState');
    render(<SubnetCalculator />);
    type(screen.getByLabelText('IP address or network'), '10.0.0.0/8');
    fireEvent.click(screen.getByRole('tab', { name: 'Split' }));
    expect(replace).not.toHaveBeenCalled();
    expect(push).not.toHaveBeenCalled();
  });

  it('replaces the URL while typing and pushes a new entry on mode change', () => {
    render(<SubnetCalculator syncUrl />);
    const push = vi.spyOn(window.history, 'pushState');
    const replace = vi.spyOn(window.history, 'replaceState');
    type(screen.getByLabelText('IP address or network'), '10.0.0.0/8');
    expect(replace).toHaveBeenCalledTimes(1);
    expect(window.location.search).toBe('?net=10.0.0.0%2F8');
    fireEvent.click(screen.getByRole('tab', { name: 'VLSM plan' }));
    expect(push).toHaveBeenCalledTimes(1);
    expect(window.location.search).toBe('?mode=vlsm&net=10.0.0.0%2F8');
  });

  it('restores the state from the URL after hydration, and on popstate', async () => {
    window.history.replaceState(
      null,
      '',
      '/playgrounds/subnet-calculator/?utm_source=x&mode=compare&a=10.0.0.0%2F8&b=10.9.9.9',
    );
    render(<SubnetCalculator syncUrl />);
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Contains / overlap' }).getAttribute('aria-selected')).toBe('true'),
    );
    expect(screen.getByText('10.9.9.9/32 is inside 10.0.0.0/8.')).toBeTruthy();
    type(screen.getByLabelText('Network B'), '10.9.9.0/24');
    expect(window.location.search).toBe('?utm_source=x&mode=compare&a=10.0.0.0%2F8&b=10.9.9.0%2F24');

    await act(() => {
      window.history.replaceState(null, '', '/playgrounds/subnet-calculator/?net=172.16.5.4%2F12');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByRole('tab', { name: 'Details' }).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByLabelText('IP address or network') as HTMLInputElement).value).toBe('172.16.5.4/12');
  });

  it.each([
    ['a bare link', '', '?net=10.1.2.3%2F8'],
    ['a link with a state', '?utm=x&net=172.16.0.0%2F12', '?utm=x&net=10.1.2.3%2F8'],
  ])(
    'writes an edit made before the first render’s effects ran, and keeps it (%s, a busy machine)',
    async (_, query, written) => {
      window.history.replaceState(null, '', `/playgrounds/subnet-calculator/${query}`);
      const root = document.body.appendChild(document.createElement('div'));
      // Outside act(), as Astro hydrates: the restore and the URL write are effects that wait for the next frame.
      renderOutsideAct(<SubnetCalculator syncUrl />, root);
      try {
        const field = within(root).getByLabelText('IP address or network') as HTMLInputElement;
        field.value = '10.1.2.3/8';
        field.dispatchEvent(new Event('input', { bubbles: true }));
        await Promise.resolve(); // the edit renders; Preact first runs the first render's effects
        await waitFor(() => expect(window.location.search).toBe(written));
        expect(field.value).toBe('10.1.2.3/8');
        expect(within(root).getAllByText('10.0.0.0/8').length).toBeGreaterThan(0);
      } finally {
        renderOutsideAct(null, root);
        root.remove();
      }
    },
  );

  it('restores invalid input exactly, with its error', async () => {
    window.history.replaceState(null, '', '/x/?net=10.0.0.0%2F99');
    render(<SubnetCalculator syncUrl />);
    await waitFor(() =>
      expect((screen.getByLabelText('IP address or network') as HTMLInputElement).value).toBe('10.0.0.0/99'),
    );
    expect(screen.getByLabelText('IP address or network').getAttribute('aria-invalid')).toBe('true');
    // The default result rendered before the restore is not passed off as the link's "last valid result".
    expect(screen.getByText('No result yet: fix the input above.')).toBeTruthy();
    expect(screen.queryByText('Broadcast address', { selector: 'dt' })).toBeNull();
  });

  it('says when a link names an unknown mode or split method, until the next edit (issue 10 #8)', async () => {
    window.history.replaceState(null, '', '/x/?mode=graphs&by=bits');
    render(<SubnetCalculator syncUrl />);
    await waitFor(() => expect(screen.getByText(/Unknown mode 'graphs' in the link — showing Details\./)).toBeTruthy());
    expect(screen.getByText(/Unknown split method 'bits' in the link/)).toBeTruthy();
    type(screen.getByLabelText('IP address or network'), '10.0.0.0/8');
    expect(screen.queryByText(/Unknown mode/)).toBeNull();
  });

  it('shows the RFC 5952 §5 note beside an IPv4-mapped address (issue 10 #11)', () => {
    render(<SubnetCalculator preset={{ details: { network: '::ffff:192.0.2.0/120' } }} />);
    expect(screen.getByRole('link', { name: 'RFC 5952 §5' }).getAttribute('href')).toBe(
      'https://www.rfc-editor.org/rfc/rfc5952#section-5',
    );
  });
});

describe('server rendering and instances', () => {
  it('hydrates the server HTML without changing it', () => {
    const html = renderToString(<SubnetCalculator syncUrl />);
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const before = container.innerHTML;
    hydrate(<SubnetCalculator syncUrl />, container);
    expect(container.innerHTML).toBe(before);
    container.remove();
  });

  it("hydrates a split preset's server HTML whole, and draws a window once it changes", () => {
    const element = (
      <SubnetCalculator id="london" preset={{ mode: 'split', split: { network: '10.30.0.0/15', newPrefix: '24' } }} />
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(element);
    document.body.append(container);
    onTestFinished(() => container.remove());
    const before = container.innerHTML;
    const table = () => container.querySelector('table') as HTMLTableElement;
    expect(table().querySelectorAll('tbody tr')).toHaveLength(256);
    act(() => hydrate(element, container));
    expect(container.innerHTML).toBe(before);
    act(() => {
      fireEvent.click(within(container).getByRole('button', { name: 'Next page' }));
    });
    expect(table().getAttribute('aria-rowcount')).toBe('257');
    expect(table().querySelectorAll('tbody tr[aria-rowindex]').length).toBeLessThan(40);
    expect(table().textContent).toContain('10.31.0.0/24');
  });

  it('server-renders a preset (as the guide embeds it)', () => {
    const html = renderToString(
      <SubnetCalculator
        id="acme"
        preset={{ mode: 'vlsm', vlsm: { network: '10.20.0.0/22', requirements: [{ name: 'Office', hosts: '300' }] } }}
      />,
    );
    expect(html).toContain('10.20.0.0/23');
    expect(html).toContain('id="acme-tab-vlsm"');
  });

  it('keeps ids unique with two instances on a page', () => {
    render(
      <>
        <SubnetCalculator id="one" />
        <SubnetCalculator id="two" preset={{ mode: 'split' }} />
      </>,
    );
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(screen.getAllByRole('tablist')).toHaveLength(2);
  });
});

describe('hostile links (issue 10: a page that never throws)', () => {
  const value = fc.oneof(
    fc.constantFrom('1e308', '1e-320', '-0', 'NaN', 'Infinity', '<img src=x onerror=alert(1)>', '%zz', '::ffff:0:0/96'),
    fc.constantFrom('10.0.0.0/8', '2001:db8::/32', 'count', 'prefix', 'split', 'vlsm', 'summarise', 'compare'),
    fc.double().map(String),
    fc.string({ maxLength: 40 }),
    fc.constant('7'.repeat(100_000)),
  );
  const name = fc.constantFrom('mode', 'net', 'split', 'by', 'prefix', 'parts', 'page', 'hl', 'vlsm', 'req', 'p2p');
  const query = fc.array(fc.tuple(name, value), { maxLength: 8 }).map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    return `?${params.toString()}`;
  });

  it('renders any link and every mode of it without throwing or injecting markup', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        window.history.replaceState(null, '', `/playgrounds/subnet-calculator/${search}`);
        const { container, unmount } = render(<SubnetCalculator syncUrl />);
        try {
          await act(async () => {});
          for (const tab of screen.getAllByRole('tab')) {
            await act(async () => {
              fireEvent.click(tab);
            });
            expect(container.querySelector('img, script')).toBeNull();
          }
        } finally {
          unmount();
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
    );
  }, 60_000);
});
