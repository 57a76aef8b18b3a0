// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TlsCalculator } from '../../src/components/TlsCalculator/TlsCalculator.tsx';
import { formatDuration } from '../../src/lib/format/index.ts';
import { type CalculatorRequest, calculate } from '../../src/lib/tls-calculator/run.ts';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const headline = (name: string): string =>
  screen.getByText(name, { selector: 'dt' }).parentElement?.querySelector('dd')?.textContent ?? '';
/** The accessible name of the one ladder drawn (its <title>). */
const ladderName = (): string => screen.getByRole('img').querySelector('title')?.textContent ?? '';

describe('TlsCalculator', () => {
  it('renders the default state on the server: TLS 1.3 at 100 ms, request after 2 round trips', () => {
    const html = renderToString(<TlsCalculator />);
    expect(html).toContain('TLS 1.3 full handshake (1-RTT)');
    expect(html).toContain('200 ms');
    expect(html).toContain('after 2 round trips');
    expect(html).toContain('<svg');
  });

  it('leaves the ladder out of the server render when asked (a guide drawing it already), and draws it once live', () => {
    const html = renderToString(<TlsCalculator ladderOnServer={false} />);
    expect(html).toContain('after 2 round trips');
    expect(html).not.toContain('<svg');
    render(<TlsCalculator ladderOnServer={false} />);
    expect(screen.getByRole('img', { name: 'TLS 1.3 full handshake (1-RTT)' })).toBeTruthy();
  });

  it('recomputes as the RTT is typed and shows the ladder of the chosen scenario', async () => {
    render(<TlsCalculator />);
    // Unlimited bandwidth, so the times are whole round trips.
    fireEvent.input(screen.getByLabelText('Bandwidth (Mbit/s)'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '56' } });
    expect(headline('Request sent')).toBe('112 ms after 2 round trips');
    fireEvent.change(screen.getByLabelText('Protocol scenario'), { target: { value: 'tls12-full' } });
    expect(headline('Request sent')).toBe('168 ms after 3 round trips');
    // The numbers come in the render of the change; the ladder follows in a task of its own (after the paint).
    expect(ladderName()).toBe('TLS 1.3 full handshake (1-RTT)');
    expect(await screen.findByRole('img', { name: 'TLS 1.2 full handshake (ECDHE)' })).toBeTruthy();
  });

  it('shows an error quoting the input and keeps the last valid results', () => {
    render(<TlsCalculator preset={{ bandwidth: '' }} />);
    const rtt = screen.getByLabelText('Round-trip time (ms)');
    fireEvent.input(rtt, { target: { value: 'fast' } });
    expect(rtt.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("Round-trip time must be a number, got 'fast'.")).toBeTruthy();
    expect(headline('Request sent')).toBe('200 ms after 2 round trips');
  });

  it('applies a preset and marks it pressed', () => {
    render(<TlsCalculator />);
    const satellite = screen.getByRole('button', { name: 'Geostationary satellite (~600 ms)' });
    fireEvent.click(satellite);
    expect(satellite.getAttribute('aria-pressed')).toBe('true');
    // 25 Mbit/s: serializing the ClientHello adds a fraction of a millisecond.
    expect(headline('Request sent')).toBe('1.20 s after 2 round trips');
  });

  it('sorts the comparison table and selects a scenario from it', () => {
    render(<TlsCalculator />);
    const table = screen.getByRole('table', { name: /All scenarios/ });
    fireEvent.click(within(table).getByRole('button', { name: /First byte/ }));
    expect(
      within(table)
        .getByRole('columnheader', { name: /First byte/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    const firstRow = within(table).getAllByRole('row')[1];
    expect(firstRow?.textContent).toContain('TCP Fast Open');
    fireEvent.click(within(table).getByRole('button', { name: /First byte/ }));
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('TLS 1.3 + HRR');
    fireEvent.click(within(table).getByRole('button', { name: 'QUIC 0-RTT' }));
    expect(headline('Request sent')).toBe('0 ms with the first packet (0 RTT)');
  });

  it('mirrors the state in the URL and reads it back', async () => {
    window.history.replaceState(null, '', '/?scenario=quic-new&rtt=80&bw=');
    render(<TlsCalculator syncUrl />);
    expect(headline('Request sent')).toBe('80 ms after 1 round trip');
    fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '40' } });
    await waitFor(() => expect(window.location.search).toBe('?scenario=quic-new&rtt=40&bw='));
  });

  it('keeps query parameters that belong to someone else', async () => {
    window.history.replaceState(null, '', '/?utm_source=talk&rtt=80#ladder');
    render(<TlsCalculator syncUrl />);
    fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '40' } });
    await waitFor(() =>
      expect(`${window.location.search}${window.location.hash}`).toBe('?utm_source=talk&rtt=40#ladder'),
    );
  });

  it('keeps element ids unique when the same ladder is drawn twice on a page', () => {
    // The TLS guide shows static ladders (unlimited bandwidth, 10 KB response) next to its embedded calculator:
    // with matching input the island's ladder used to repeat their <title>/<desc>/caption ids.
    const state = { scenario: 'tls13-full', rtt: '100', bandwidth: '', response: '10000' } as const;
    render(
      <>
        <TlsCalculator id="one" preset={state} />
        <TlsCalculator id="two" preset={state} />
      </>,
    );
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(screen.getAllByRole('img', { name: 'TLS 1.3 full handshake (1-RTT)' })).toHaveLength(2);
  });

  it('formats small times with a decimal (the site-wide duration format)', () => {
    expect([formatDuration(2.25), formatDuration(56), formatDuration(0)]).toEqual(['2.3 ms', '56 ms', '0 ms']);
  });

  describe('with a worker', () => {
    /** Answers each request with the real run, when the test says so (as the island's worker would). */
    class RunWorker {
      static all: RunWorker[] = [];
      onmessage: ((event: MessageEvent) => void) | null = null;
      onerror: ((event: ErrorEvent) => void) | null = null;
      posted: { id: number; input: CalculatorRequest }[] = [];
      constructor() {
        RunWorker.all.push(this);
      }
      postMessage(message: { id: number; input: CalculatorRequest }) {
        this.posted.push(structuredClone(message));
      }
      terminate() {}
      answer() {
        const last = this.posted.at(-1);
        if (last === undefined) throw new Error('nothing posted');
        const output = structuredClone(calculate(last.input));
        act(() => this.onmessage?.({ data: { id: last.id, output } } as MessageEvent));
      }
    }
    afterEach(() => {
      RunWorker.all = [];
      vi.unstubAllGlobals();
    });
    const rows = () =>
      within(screen.getByRole('table', { name: /All scenarios/ }))
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent);

    it('asks only for the new ladder when the scenario alone changes, and keeps every row of the table', async () => {
      vi.stubGlobal('Worker', RunWorker);
      render(<TlsCalculator preset={{ bandwidth: '' }} />);
      const before = rows();
      expect(before).toHaveLength(13);
      fireEvent.change(screen.getByLabelText('Protocol scenario'), { target: { value: 'tls12-full' } });
      const worker = RunWorker.all[0] as RunWorker;
      expect(worker.posted.at(-1)?.input).toMatchObject({ scenario: 'tls12-full', haveResults: true });
      worker.answer();
      expect(headline('Request sent')).toBe('300 ms after 3 round trips');
      expect(await screen.findByRole('img', { name: 'TLS 1.2 full handshake (ECDHE)' })).toBeTruthy();
      expect(rows()).toEqual(before);
      const selected = screen.getByRole('button', { name: 'TLS 1.2 full', pressed: true });
      expect(selected).toBeTruthy();

      // A new network: every row is computed again, and the answer carries them.
      fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '50' } });
      expect(worker.posted.at(-1)?.input).not.toHaveProperty('haveResults');
      worker.answer();
      expect(headline('Request sent')).toBe('150 ms after 3 round trips');
      expect(rows()).not.toEqual(before);
      expect(rows().join(' ')).toContain('150 ms');

      // And back to another scenario on that network: the rows it holds are the new ones.
      const after = rows();
      fireEvent.change(screen.getByLabelText('Protocol scenario'), { target: { value: 'tls13-full' } });
      expect(worker.posted.at(-1)?.input).toMatchObject({ haveResults: true });
      worker.answer();
      expect(headline('Request sent')).toBe('100 ms after 2 round trips');
      expect(rows()).toEqual(after);
    });

    it('asks for every ladder once the network has stayed the same, then draws any scenario without a run', () => {
      vi.useFakeTimers();
      try {
        vi.stubGlobal('Worker', RunWorker);
        // The first results come with the render here (the run is bundled in tests); nothing is posted yet.
        render(<TlsCalculator preset={{ bandwidth: '' }} />);
        const before = rows();
        act(() => {
          vi.advanceTimersByTime(299);
        });
        expect(RunWorker.all).toHaveLength(0);
        act(() => {
          vi.advanceTimersByTime(1);
        });
        const worker = RunWorker.all[0] as RunWorker;
        const posted = () => worker.posted.map((p) => p.input);
        expect(posted()).toHaveLength(1);
        expect(posted().at(-1)).toMatchObject({ haveResults: true, allLadders: true });
        const island = screen.getByRole('region', { name: 'TLS round-trip calculator' });
        expect(island.hasAttribute('data-ladders')).toBe(false);
        worker.answer();
        expect(island.hasAttribute('data-ladders')).toBe(true);
        const count = worker.posted.length;

        // Every scenario is now drawn in the frame of the change, with no run posted.
        fireEvent.change(screen.getByLabelText('Protocol scenario'), { target: { value: 'tls12-full' } });
        expect(worker.posted).toHaveLength(count);
        expect(headline('Request sent')).toBe('300 ms after 3 round trips');
        expect(ladderName()).toBe('TLS 1.3 full handshake (1-RTT)');
        act(() => {
          vi.advanceTimersByTime(0);
        });
        expect(ladderName()).toBe('TLS 1.2 full handshake (ECDHE)');
        expect(worker.posted).toHaveLength(count);
        expect(screen.getByRole('button', { name: 'TLS 1.2 full', pressed: true })).toBeTruthy();
        expect(rows()).toEqual(before);
        fireEvent.click(screen.getByRole('button', { name: 'TLS 1.3 full' }));
        expect(worker.posted).toHaveLength(count);
        expect(headline('Request sent')).toBe('200 ms after 2 round trips');

        // A new network: the ladders held are for the old one, so the next choice is a run again until asked anew.
        fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '50' } });
        expect(posted().at(-1)).not.toHaveProperty('haveResults');
        worker.answer();
        expect(island.hasAttribute('data-ladders')).toBe(false);
        fireEvent.change(screen.getByLabelText('Protocol scenario'), { target: { value: 'tls12-full' } });
        expect(posted().at(-1)).toMatchObject({ scenario: 'tls12-full', haveResults: true });
        expect(posted().at(-1)).not.toHaveProperty('allLadders');
        worker.answer();
        expect(headline('Request sent')).toBe('150 ms after 3 round trips');
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
