// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacketPlayground } from '../../src/components/PacketPlayground/PacketPlayground.tsx';
import { toHex } from '../../src/lib/packet/index.ts';
import { PLAYGROUND_SCENARIOS, scenarioPackets } from '../../src/lib/packet-playground/index.ts';

/** What the Astro wrapper passes: every scenario's frames as hex. */
const scenarios = Object.fromEntries(
  PLAYGROUND_SCENARIOS.map((s) => [
    s.id,
    scenarioPackets(s.id).map((p) => ({ description: p.description, hex: toHex(p.frame) })),
  ]),
);

beforeEach(() => window.history.replaceState(null, '', '/playgrounds/packet-anatomy/'));
afterEach(cleanup);

/** Waits until the island has loaded its editing tools (what browser tests wait for too). */
async function live(container: Element): Promise<void> {
  await waitFor(() => expect(container.querySelector('section[data-live]')).not.toBeNull(), { timeout: 5000 });
}

describe('PacketPlayground island', () => {
  it('reads scenario and packet from the URL, and steps with the URL following', async () => {
    window.history.replaceState(null, '', '/playgrounds/packet-anatomy/?scenario=arp&packet=2');
    render(<PacketPlayground scenarios={scenarios} syncUrl />);
    expect(await screen.findByText(/^Packet 2 of 2/)).toBeTruthy();
    expect((screen.getByLabelText('Scenario') as HTMLSelectElement).value).toBe('arp');
    fireEvent.click(screen.getByRole('button', { name: 'Previous packet' }));
    expect(await screen.findByText(/^Packet 1 of 2/)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(window.location.search).toBe('?scenario=arp');
  });

  it('shows a notice for an unknown scenario in the link and the default scenario', async () => {
    window.history.replaceState(null, '', '/playgrounds/packet-anatomy/?scenario=nope&packet=99999');
    render(<PacketPlayground scenarios={scenarios} syncUrl />);
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain("Unknown scenario 'nope' in the link");
    const n = scenarioPackets('http').length;
    expect(screen.getByText(new RegExp(`^Packet ${n} of ${n}`))).toBeTruthy();
  });

  it('takes the scenario from the preset without touching the URL', () => {
    render(<PacketPlayground scenarios={scenarios} preset={{ scenario: 'dns' }} />);
    expect(screen.getByText(/^Packet 1 of 2: /)).toBeTruthy();
    expect((screen.getByLabelText('Scenario') as HTMLSelectElement).value).toBe('dns');
    expect(window.location.search).toBe('');
  });

  it('keeps an edited frame while stepping, and drops it for another scenario', async () => {
    const { container } = render(<PacketPlayground scenarios={scenarios} />);
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
