// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacketPlayground } from '../../src/components/PacketPlayground/PacketPlayground.tsx';
import { decodeFrame, toHex } from '../../src/lib/packet/index.ts';
import {
  PACKET_CODEC,
  PLAYGROUND_SCENARIOS,
  scenarioPackets,
  transferFromState,
} from '../../src/lib/packet-playground/index.ts';
import { FIELD_ERROR_CODES, pack } from '../../src/lib/playground/index.ts';

/** What the Astro wrapper passes: every scenario's frames as hex, packed. */
const scenarios = pack(
  Object.fromEntries(
    PLAYGROUND_SCENARIOS.map((s) => [
      s.id,
      scenarioPackets(s.id).map((p) => ({ description: p.description, hex: toHex(p.frame) })),
    ]),
  ),
);

/** The first frame of a scenario decoded, as the Astro wrapper passes it (packed). */
const first = (id = 'http') => pack(decodeFrame(scenarioPackets(id)[0]?.frame ?? new Uint8Array(0)));

beforeEach(() => window.history.replaceState(null, '', '/playgrounds/packet-anatomy/'));
afterEach(cleanup);

/** Waits until the island has loaded its editing tools (what browser tests wait for too). */
async function live(container: Element): Promise<void> {
  await waitFor(() => expect(container.querySelector('section[data-live]')).not.toBeNull());
}

describe('PacketPlayground island', () => {
  it('reads scenario and packet from the URL, and steps with the URL following', async () => {
    window.history.replaceState(null, '', '/playgrounds/packet-anatomy/?scenario=arp&packet=2');
    const { container } = render(<PacketPlayground scenarios={scenarios} first={first()} syncUrl />);
    await live(container);
    expect(await screen.findByText(/^Packet 2 of 2/)).toBeTruthy();
    expect((screen.getByLabelText('Scenario') as HTMLSelectElement).value).toBe('arp');
    fireEvent.click(screen.getByRole('button', { name: 'Previous packet' }));
    expect(await screen.findByText(/^Packet 1 of 2/)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(window.location.search).toBe('?scenario=arp');
  });

  it('shows a notice for an unknown scenario in the link and the default scenario', async () => {
    window.history.replaceState(null, '', '/playgrounds/packet-anatomy/?scenario=nope&packet=99999');
    const { container } = render(<PacketPlayground scenarios={scenarios} first={first()} syncUrl />);
    await live(container);
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain("Unknown scenario 'nope' in the link");
    const n = scenarioPackets('http').length;
    expect(screen.getByText(new RegExp(`^Packet ${n} of ${n}`))).toBeTruthy();
  });

  it('takes the scenario from the preset without touching the URL', () => {
    render(<PacketPlayground scenarios={scenarios} first={first('dns')} preset={{ scenario: 'dns' }} />);
    expect(screen.getByText(/^Packet 1 of 2: /)).toBeTruthy();
    expect((screen.getByLabelText('Scenario') as HTMLSelectElement).value).toBe('dns');
    expect(window.location.search).toBe('');
  });

  it('keeps an edited frame while stepping, and drops it for another scenario', async () => {
    const { container } = render(<PacketPlayground scenarios={scenarios} first={first()} />);
    await live(container);
    const ttl = screen.getByLabelText('IPv4 Time to live') as HTMLInputElement;
    fireEvent.change(ttl, { target: { value: '9' } });
    expect((screen.getByLabelText('IPv4 Time to live') as HTMLInputElement).value).toBe('9');
    fireEvent.click(screen.getByRole('button', { name: 'Next packet' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Previous packet' }));
    expect((screen.getByLabelText('IPv4 Time to live') as HTMLInputElement).value).toBe('9');
    fireEvent.change(screen.getByLabelText('Scenario'), { target: { value: 'ping' } });
    fireEvent.change(screen.getByLabelText('Scenario'), { target: { value: 'http' } });
    expect(((await screen.findByLabelText('IPv4 Time to live')) as HTMLInputElement).value).toBe('64');
  });
});

describe('PacketPlayground island: the first view and the choices', () => {
  it('renders the server-decoded first frame before its decoder loads, the same after', async () => {
    const { container } = render(
      <PacketPlayground scenarios={scenarios} first={first('tls')} preset={{ scenario: 'tls' }} />,
    );
    const before = container.querySelector('table')?.textContent;
    expect(container.querySelector('section[data-live]')).toBeNull();
    await live(container);
    expect(container.querySelector('table')?.textContent).toBe(before);
  });

  it('builds the chosen transfer, refuses an IPv6 MTU under 1280 with the typed text quoted, keeps the last plan', async () => {
    window.history.replaceState(null, '', '/playgrounds/packet-anatomy/?scenario=mtu&transport=udp');
    const { container } = render(<PacketPlayground scenarios={scenarios} first={first()} syncUrl />);
    await live(container);
    const plan = await screen.findByRole('list', { name: 'What the MTU does' });
    expect(plan.textContent).toContain('IPv4 splits it into 3 fragments of at most 1,480 data bytes');
    expect(screen.getByText(/^Packet 1 of 3: Fragment 1 of 3/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('IP version'), { target: { value: '6' } });
    fireEvent.input(screen.getByLabelText('MTU (bytes)'), { target: { value: '1000' } });
    expect((await screen.findByText(/IPv6 needs at least 1280/)).textContent).toBe(
      "MTU is '1000' but IPv6 needs at least 1280 bytes on every link (RFC 8200).",
    );
    expect(screen.getByLabelText('MTU (bytes)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('list', { name: 'What the MTU does' }).textContent).toContain(
      'IPv6 routers never fragment',
    );
    fireEvent.input(screen.getByLabelText('MTU (bytes)'), { target: { value: '70000' } });
    expect((await screen.findByText(/^MTU is '70000'/)).textContent).toBe(
      "MTU is '70000' but must be from 68 to 9000 bytes.",
    );
    fireEvent.change(screen.getByLabelText('Transport'), { target: { value: 'tcp' } });
    fireEvent.input(screen.getByLabelText('MTU (bytes)'), { target: { value: '1280' } });
    expect((await screen.findByRole('list', { name: 'What the MTU does' })).textContent).toContain(
      'MSS 1,220 = MTU 1,280 − 40 (IPv6 header) − 20 (TCP header)',
    );
    await waitFor(() => expect(window.location.search).toBe('?scenario=mtu&ip=6&mtu=1280'));
  });
});

describe('PacketPlayground URL state under hostile links', () => {
  const value = fc.oneof(
    fc.constantFrom('1e308', 'NaN', '-0', '', '0x10', '2.5', '-1', '7'.repeat(100_000), 'mtu', 'tls', '6', 'udp'),
    fc.string({ maxLength: 20 }),
    fc.integer({ min: -10, max: 100_000 }).map(String),
  );
  const query = fc
    .dictionary(fc.constantFrom(...PACKET_CODEC.params, 'utm_source'), value, { maxKeys: 6 })
    .map((entries) => `?${new URLSearchParams(entries).toString()}`);

  it('any query decodes to clipped text and a plan or MTU errors with known codes', () => {
    fc.assert(
      fc.property(query, (search) => {
        const { state, notices } = PACKET_CODEC.decode(search);
        expect(state.mtu.length).toBeLessThanOrEqual(PACKET_CODEC.fields.mtu.maxLength);
        for (const n of notices) expect(FIELD_ERROR_CODES).toContain(n.code);
        const r = transferFromState(state);
        if (r.ok) expect(r.value.pieces.length).toBeGreaterThan(0);
        else for (const e of r.error.fields) expect(FIELD_ERROR_CODES).toContain(e.code);
      }),
      { numRuns: 500 },
    );
  });

  it('the island opens any of them without throwing and shows a packet', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        window.history.replaceState(null, '', `/playgrounds/packet-anatomy/${search}`);
        const { container } = render(<PacketPlayground scenarios={scenarios} first={first()} syncUrl />);
        await live(container);
        expect(container.textContent).toMatch(/Packet \d+ of \d+/);
        cleanup();
      }),
      { numRuns: 25 },
    );
  });
});
