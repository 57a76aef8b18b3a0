import { describe, expect, it } from 'vitest';
import { simulateHandshake } from '../../../../../src/lib/handshake/index.ts';
import {
  HANDSHAKE_RTT,
  type HandshakeProblem,
  handshakeProblem,
  solveHandshake,
} from '../../../../../src/lib/practice/families/handshake-rtt.ts';
import type { Exercise } from '../../../../../src/lib/practice/types.ts';
import { parseCalculatorState, TLS_CODEC } from '../../../../../src/lib/tls-calculator/index.ts';
import { contractTests, linkResolves, mistakeOf, SEEDS, SWEEP_TIMEOUT_MS, sweep } from './support.ts';

/**
 * The independent path: round trips before the request read off the RFC message-flow figures (RFC 9293 §3.5,
 * RFC 5246 §7.3 Fig. 1–2, RFC 7918, RFC 8446 §2 Fig. 1–4, RFC 7413 §3, RFC 9000 §7 Fig. 4–5), and the closed form
 * TTFB = DNS + (round trips + 1) × RTT + server time (bandwidth unlimited, certificate within the first window).
 */
const RFC_ROUND_TRIPS: Readonly<Record<HandshakeProblem['scenario'], number>> = {
  'tcp-new': 1,
  'tcp-fast-open': 0,
  'tcp-reused': 0,
  'tls12-full': 3,
  'tls12-resumed': 2,
  'tls12-false-start': 2,
  'tls13-full': 2,
  'tls13-hrr': 3,
  'tls13-psk': 2,
  'tls13-0rtt': 1,
  'tls13-tfo': 1,
  'quic-new': 1,
  'quic-0rtt': 0,
};

function closedFormTtfb(p: HandshakeProblem): number {
  return p.dnsMs + (RFC_ROUND_TRIPS[p.scenario] + 1) * p.rttMs + p.serverMs;
}

/** The canonical answer's number (the answer is "<n> ms"). */
function msOf(text: string | undefined): number {
  return Number((text ?? '').replace(/\s*ms$/, ''));
}

describe('handshake-rtt', () => {
  contractTests(HANDSHAKE_RTT);

  it(`agrees with the RFC round-trip counts and the closed-form TTFB over ${SEEDS} seeds, and its link round-trips`, {
    timeout: SWEEP_TIMEOUT_MS,
  }, () => {
    let checked = 0;
    for (const { seed, difficulty, ex } of sweep(HANDSHAKE_RTT)) {
      const p = handshakeProblem(seed, difficulty);
      const where = JSON.stringify({ seed, difficulty, p });
      expect(Number(ex.answer['roundTrips']), where).toBe(RFC_ROUND_TRIPS[p.scenario]);
      expect(Math.abs(msOf(ex.answer['ttfb']) - closedFormTtfb(p)), where).toBeLessThanOrEqual(0.01);
      // The playground link: decode it with the calculator's codec, run the model as the calculator does.
      const query = (ex.playground?.href ?? '').split('?')[1] ?? '';
      const decoded = TLS_CODEC.decode(query);
      expect(decoded.notices, where).toEqual([]);
      const input = parseCalculatorState(decoded.state);
      if (!input.ok) throw new Error(`${where}: ${input.error.message}`);
      const run = simulateHandshake(decoded.state.scenario, input.value);
      expect(run.ttfbMs, where).toBeCloseTo(closedFormTtfb(p), 6);
      expect(run.setupRoundTrips, where).toBe(RFC_ROUND_TRIPS[p.scenario]);
      checked++;
    }
    expect(checked).toBe(SEEDS);
  });

  // VALIDATION.md: Node's TLS through a latency proxy, first response byte (model column, which the measurements match).
  it.each([
    ['tls12-full', 40, 160],
    ['tls12-resumed', 40, 120],
    ['tls13-full', 40, 120],
    ['tls13-psk', 40, 120],
    ['tls13-hrr', 40, 160],
    ['tls12-full', 100, 400],
    ['tls12-resumed', 100, 300],
    ['tls13-full', 100, 300],
    ['tls13-psk', 100, 300],
    ['tls13-hrr', 100, 400],
  ] as const)('matches the validated vector %s at %i ms: first byte at %i ms', (scenario, rttMs, ttfb) => {
    expect(solveHandshake({ scenario, rttMs, serverMs: 0, dnsMs: 0 }).ttfbMs).toBe(ttfb);
  });

  it('accepts other notations for the time and the count', () => {
    const ex = HANDSHAKE_RTT.generate(12_346, 1); // TLS 1.2 full at 40 ms: 3 round trips, 160 ms
    expect(ex.answer).toEqual({ roundTrips: '3', ttfb: '160 ms' });
    for (const ttfb of ['160', '160ms', '160 ms', ' 160 MS ', '0.16 s', '0.160s', '160.0', '160.4']) {
      expect(HANDSHAKE_RTT.check(ex, { roundTrips: ' 3 ', ttfb }).correct, ttfb).toBe(true);
    }
    expect(HANDSHAKE_RTT.check(ex, { roundTrips: '3', ttfb: '161' }).fields['ttfb']).toMatchObject({
      mistake: 'wrong',
    });
    expect(HANDSHAKE_RTT.check(ex, { roundTrips: 'three', ttfb: '160' }).fields['roundTrips']).toMatchObject({
      mistake: 'unparsable',
    });
  });

  it('links to guide sections that exist', () => {
    const hrefs = new Set<string>();
    for (const { ex } of sweep(HANDSHAKE_RTT, 600)) hrefs.add(ex.guide.href);
    hrefs.add(HANDSHAKE_RTT.guide.href);
    expect(hrefs.size).toBeGreaterThan(8);
    for (const href of hrefs) expect(linkResolves(href), href).toBe(true);
  });

  /** Each named mistake: the problem it applies to, and the answer a reader making it gives. */
  const MISTAKES: readonly {
    code: string;
    field: 'roundTrips' | 'ttfb';
    applies: (p: HandshakeProblem) => boolean;
    answer: (p: HandshakeProblem) => number;
  }[] = [
    {
      code: 'forgot-tls12-extra-round-trip',
      field: 'ttfb',
      applies: (p) => p.scenario === 'tls12-full',
      answer: (p) => closedFormTtfb(p) - p.rttMs,
    },
    {
      code: 'forgot-tls12-extra-round-trip',
      field: 'roundTrips',
      applies: (p) => p.scenario === 'tls12-full',
      answer: () => 2,
    },
    { code: 'forgot-hello-retry', field: 'roundTrips', applies: (p) => p.scenario === 'tls13-hrr', answer: () => 2 },
    {
      code: 'counted-0rtt-as-round-trip',
      field: 'ttfb',
      applies: (p) => p.scenario === 'quic-0rtt',
      answer: (p) => closedFormTtfb(p) + p.rttMs,
    },
    {
      code: 'counted-0rtt-as-round-trip',
      field: 'roundTrips',
      applies: (p) => p.scenario === 'tls13-0rtt',
      answer: () => 2,
    },
    { code: 'quic-counted-tcp', field: 'roundTrips', applies: (p) => p.scenario === 'quic-new', answer: () => 2 },
    {
      code: 'tls13-as-tls12',
      field: 'ttfb',
      applies: (p) => p.scenario === 'tls13-full',
      answer: (p) => closedFormTtfb(p) + p.rttMs,
    },
    { code: 'psk-saves-round-trip', field: 'roundTrips', applies: (p) => p.scenario === 'tls13-psk', answer: () => 1 },
    { code: 'resumed-as-full', field: 'roundTrips', applies: (p) => p.scenario === 'tls12-resumed', answer: () => 3 },
    {
      code: 'false-start-as-full',
      field: 'ttfb',
      applies: (p) => p.scenario === 'tls12-false-start',
      answer: (p) => closedFormTtfb(p) + p.rttMs,
    },
    {
      code: 'counted-tcp-with-fast-open',
      field: 'roundTrips',
      applies: (p) => p.scenario === 'tls13-tfo',
      answer: () => 2,
    },
    {
      code: 'counted-handshake-on-reused',
      field: 'roundTrips',
      applies: (p) => p.scenario === 'tcp-reused',
      answer: () => 1,
    },
    { code: 'tcp-counted-twice', field: 'roundTrips', applies: (p) => p.scenario === 'tcp-new', answer: () => 2 },
    {
      code: 'tcp-counted-twice',
      field: 'ttfb',
      applies: (p) => p.scenario === 'tls12-full',
      answer: (p) => closedFormTtfb(p) + p.rttMs,
    },
    {
      code: 'forgot-request-round-trip',
      field: 'ttfb',
      applies: (p) => p.scenario === 'tls13-full',
      answer: (p) => closedFormTtfb(p) - p.rttMs,
    },
    {
      code: 'counted-one-way',
      field: 'ttfb',
      applies: (p) => p.scenario === 'tcp-new',
      answer: (p) => closedFormTtfb(p) - p.rttMs / 2,
    },
    {
      code: 'forgot-server-time',
      field: 'ttfb',
      applies: (p) => p.serverMs > 0 && p.serverMs !== p.rttMs / 2,
      answer: (p) => closedFormTtfb(p) - p.serverMs,
    },
    {
      code: 'forgot-dns',
      field: 'ttfb',
      applies: (p) => p.dnsMs > 0 && p.dnsMs !== p.serverMs && p.dnsMs !== p.rttMs && p.dnsMs !== p.rttMs / 2,
      answer: (p) => closedFormTtfb(p) - p.dnsMs,
    },
  ];

  it.each(MISTAKES.map((m) => [m.code, m.field, m] as const))('names the mistake %s (%s)', (code, field, m) => {
    let found: { ex: Exercise; p: HandshakeProblem } | undefined;
    for (let seed = 0; seed < 20_000 && found === undefined; seed++) {
      for (const difficulty of [1, 2, 3] as const) {
        const p = handshakeProblem(seed, difficulty);
        if (m.applies(p)) {
          found = { ex: HANDSHAKE_RTT.generate(seed, difficulty), p };
          break;
        }
      }
    }
    if (found === undefined) throw new Error(`no exercise where ${code} applies`);
    const value = m.answer(found.p);
    const text = field === 'ttfb' ? `${value} ms` : String(value);
    expect(mistakeOf(HANDSHAKE_RTT, found.ex, { [field]: text }, field), JSON.stringify(found.p)).toBe(code);
    const verdict = HANDSHAKE_RTT.check(found.ex, { ...found.ex.answer, [field]: text });
    expect(verdict.correct).toBe(false);
    const f = verdict.fields[field];
    expect(f !== undefined && !f.ok && f.message.length > 10).toBe(true);
  });
});
