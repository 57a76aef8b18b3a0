import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALCULATOR_DEFAULTS,
  type CalculatorState,
  compareScenarios,
  DEFAULT_SOURCES,
  DEFAULTS,
  decodeCalculatorState,
  encodeCalculatorState,
  MESSAGE_BYTES,
  MESSAGE_SOURCES,
  NETWORK_PRESETS,
  PROTOCOL,
  PROTOCOL_SOURCES,
  parseCalculatorState,
  scenarioIds,
  scenarioLabel,
  sortComparison,
  validateInput,
} from '../../../../src/lib/handshake/index.ts';

describe('parseCalculatorState', () => {
  it('turns the defaults into valid model input (cached DNS, 50 Mbit/s)', () => {
    const parsed = parseCalculatorState(CALCULATOR_DEFAULTS);
    expect(parsed).toEqual({
      ok: true,
      value: {
        rttMs: 100,
        bandwidthMbps: 50,
        certChainBytes: 2500,
        responseBytes: 30_000,
        serverProcessingMs: 0,
        dns: { kind: 'cached' },
      },
    });
    expect(parsed.ok && validateInput(parsed.value).ok).toBe(true);
  });

  it('reads blanks as unlimited bandwidth and a DNS RTT as one uncached lookup', () => {
    const parsed = parseCalculatorState({ ...CALCULATOR_DEFAULTS, bandwidth: ' ', dns: '25' });
    expect(parsed.ok && parsed.value.bandwidthMbps).toBe(Number.POSITIVE_INFINITY);
    expect(parsed.ok && parsed.value.dns).toEqual({ kind: 'uncached', resolverRttMs: 25 });
  });

  it('reports every bad field with the text quoted', () => {
    const parsed = parseCalculatorState({
      ...CALCULATOR_DEFAULTS,
      rtt: '80ms',
      bandwidth: '0',
      cert: '2.5',
      response: '',
      processing: '-3',
      dns: 'abc',
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      { field: 'rtt', message: "'80ms' is not a number: Round-trip time is in milliseconds, e.g. 100." },
      {
        field: 'bandwidth',
        message: "Bandwidth '0' would send nothing: use a positive number, or leave it blank for unlimited.",
      },
      { field: 'cert', message: "Certificate chain '2.5' must be a whole number of bytes." },
      { field: 'response', message: 'Response size is empty: type a number of bytes.' },
      { field: 'processing', message: "Server time '-3' is negative: use 0 or more milliseconds." },
      { field: 'dns', message: "'abc' is not a number: DNS resolver RTT is in milliseconds, e.g. 20." },
    ]);
  });

  it('rejects hex and Infinity even though Number() accepts them', () => {
    expect(parseCalculatorState({ ...CALCULATOR_DEFAULTS, rtt: '0x10' }).ok).toBe(false);
    expect(parseCalculatorState({ ...CALCULATOR_DEFAULTS, rtt: 'Infinity' }).ok).toBe(false);
    expect(parseCalculatorState({ ...CALCULATOR_DEFAULTS, rtt: '1e2' }).ok).toBe(true);
  });
});

describe('URL state', () => {
  it('encodes only what differs from the defaults', () => {
    expect(encodeCalculatorState(CALCULATOR_DEFAULTS)).toBe('');
    expect(encodeCalculatorState({ ...CALCULATOR_DEFAULTS, scenario: 'quic-new', rtt: '80', bandwidth: '' })).toBe(
      'scenario=quic-new&rtt=80&bw=',
    );
  });

  it('decodes what it encodes, keeping half-typed text', () => {
    const text = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(
        fc.record({
          scenario: fc.constantFrom(...scenarioIds),
          rtt: text,
          bandwidth: text,
          cert: text,
          response: text,
          processing: text,
          dns: text,
        }),
        (state: CalculatorState) => {
          expect(decodeCalculatorState(`?${encodeCalculatorState(state)}`)).toEqual(state);
        },
      ),
    );
  });

  it('falls back to the default scenario for an unknown id', () => {
    expect(decodeCalculatorState('?scenario=tls14&rtt=9')).toEqual({ ...CALCULATOR_DEFAULTS, rtt: '9' });
  });
});

describe('presets', () => {
  it('go from near to far, each with a source', () => {
    const rtts = NETWORK_PRESETS.map((p) => p.rttMs);
    expect(rtts).toEqual([5, 80, 120, 600]);
    for (const p of NETWORK_PRESETS) expect(p.source.length).toBeGreaterThan(20);
  });
});

describe('sortComparison', () => {
  const rows = compareScenarios({ rttMs: 50, bandwidthMbps: Number.POSITIVE_INFINITY });
  it('sorts by TTFB ascending, ties in teaching order', () => {
    const sorted = sortComparison(rows, 'ttfb', 'ascending').map((r) => r.scenario);
    expect(sorted.slice(0, 3)).toEqual(['tcp-fast-open', 'tcp-reused', 'quic-0rtt']);
    expect(sorted.at(-1)).toBe('tls13-hrr');
  });
  it.each(['order', 'roundTrips', 'request', 'ttlb'] as const)('sorts by %s in both directions', (key) => {
    const up = sortComparison(rows, key, 'ascending');
    const down = sortComparison(rows, key, 'descending');
    expect(up).toHaveLength(rows.length);
    expect(down).toHaveLength(rows.length);
    if (key === 'order') expect(up.map((r) => r.scenario)).toEqual([...scenarioIds]);
  });
  it('labels scenarios briefly', () => {
    expect(scenarioLabel('tls13-0rtt')).toBe('TLS 1.3 0-RTT');
  });
});

describe('constant sources', () => {
  it('cites a source and gives a reason for every constant of the handshake model', () => {
    for (const [table, sources] of [
      [PROTOCOL, PROTOCOL_SOURCES],
      [MESSAGE_BYTES, MESSAGE_SOURCES],
      [DEFAULTS, DEFAULT_SOURCES],
    ] as const) {
      expect(Object.keys(sources).sort()).toEqual(Object.keys(table).sort());
      for (const entry of Object.values(sources) as { source: string; note: string }[]) {
        expect(entry.source.length).toBeGreaterThan(5);
        expect(entry.note.length).toBeGreaterThan(10);
      }
    }
  });
});
