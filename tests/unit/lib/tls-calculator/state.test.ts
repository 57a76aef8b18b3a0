import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareScenarios,
  DEFAULT_SOURCES,
  DEFAULTS,
  MESSAGE_BYTES,
  MESSAGE_SOURCES,
  PROTOCOL,
  PROTOCOL_SOURCES,
  scenarioIds,
  validateInput,
} from '../../../../src/lib/handshake/index.ts';
import {
  CALCULATOR_DEFAULTS,
  NETWORK_PRESETS,
  parseCalculatorState,
  scenarioLabel,
  sortComparison,
  TLS_CODEC,
  type TlsCalculatorState,
} from '../../../../src/lib/tls-calculator/index.ts';

const encodeCalculatorState = (state: TlsCalculatorState) => TLS_CODEC.encode(state);
const decodeCalculatorState = (search: string) => TLS_CODEC.decode(search).state;

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

  it('reports every bad field with the text quoted and the bound named', () => {
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
    expect(!parsed.ok && parsed.error.fields).toEqual([
      { code: 'not-a-number', field: 'rtt', message: "Round-trip time must be a number, got '80ms'." },
      {
        code: 'out-of-range',
        field: 'bandwidth',
        message: "Bandwidth is '0' but must be from 0.001 to 100000 Mbit/s.",
      },
      { code: 'not-integer', field: 'cert', message: "Certificate chain is '2.5' but must be a whole number." },
      {
        code: 'empty',
        field: 'response',
        message: 'Response size is empty: type a number from 0 to 1000000000 bytes.',
      },
      { code: 'out-of-range', field: 'processing', message: "Server time is '-3' but must be from 0 to 60000 ms." },
      { code: 'not-a-number', field: 'dns', message: "DNS resolver RTT must be a number, got 'abc'." },
    ]);
  });

  it.each([
    ['rtt', '1e308', "Round-trip time is '1e308' but must be from 0.01 to 60000 ms."],
    ['processing', '1e308', "Server time is '1e308' but must be from 0 to 60000 ms."],
    ['dns', '1e308', "DNS resolver RTT is '1e308' but must be from 0 to 60000 ms."],
    ['bandwidth', '1e-320', "Bandwidth is '1e-320' but must be from 0.001 to 100000 Mbit/s."],
  ] as const)('refuses the hostile link value %s=%s (issue 10)', (field, text, message) => {
    const parsed = parseCalculatorState(TLS_CODEC.decode(`?${TLS_CODEC.fields[field].param}=${text}`).state);
    expect(!parsed.ok && parsed.error.fields).toEqual([{ code: 'out-of-range', field, message }]);
  });

  it('the extremes of every bound still give finite results for every scenario', () => {
    for (const pick of ['min', 'max'] as const) {
      const state = { ...CALCULATOR_DEFAULTS };
      const extreme = Object.fromEntries(
        (['rtt', 'bandwidth', 'cert', 'response', 'processing', 'dns'] as const).map((f) => [
          f,
          String(TLS_CODEC.fields[f].bound[pick]),
        ]),
      );
      const parsed = parseCalculatorState({ ...state, ...extreme });
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      for (const r of compareScenarios(parsed.value)) {
        for (const n of [r.requestSentMs, r.ttfbMs, r.timeToLastByteMs]) expect(Number.isFinite(n)).toBe(true);
      }
    }
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
        (state: TlsCalculatorState) => {
          expect(decodeCalculatorState(`?${encodeCalculatorState(state)}`)).toEqual(state);
        },
      ),
    );
  });

  it('falls back to the default scenario for an unknown id, and says so', () => {
    expect(decodeCalculatorState('?scenario=tls14&rtt=9')).toEqual({ ...CALCULATOR_DEFAULTS, rtt: '9' });
    expect(TLS_CODEC.decode('?scenario=tls14').notices.map((n) => n.message)).toEqual([
      "Unknown scenario 'tls14' in the link — showing TLS 1.3 full handshake (1-RTT).",
    ]);
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
