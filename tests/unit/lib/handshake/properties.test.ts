/** Invariants of the model, checked on random networks with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HandshakeInput,
  type ScenarioId,
  type ScenarioResult,
  scenarioIds,
  simulateHandshake,
  validateInput,
} from '../../../../src/lib/handshake/index.ts';

const scenario = fc.constantFrom(...scenarioIds);

/** Realistic networks within the bounds (src/lib/bounds): any real certificate chain is well above 1000 bytes. */
const network = fc.record({
  rttMs: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  bandwidthMbps: fc.oneof(fc.double({ min: 0.2, max: 10_000, noNaN: true }), fc.constant(Number.POSITIVE_INFINITY)),
  serverProcessingMs: fc.double({ min: 0, max: 500, noNaN: true }),
  requestBytes: fc.integer({ min: 0, max: 20_000 }),
  responseBytes: fc.integer({ min: 0, max: 3_000_000 }),
  certChainBytes: fc.integer({ min: 1000, max: 60_000 }),
  dns: fc.oneof(
    fc.constant({ kind: 'cached' as const }),
    fc.record({
      kind: fc.constant('uncached' as const),
      resolverRttMs: fc.double({ min: 0, max: 300, noNaN: true }),
      lookups: fc.integer({ min: 0, max: 4 }),
    }),
  ),
}) satisfies fc.Arbitrary<HandshakeInput>;

/** The numbers a reader compares. */
const headline = (r: ScenarioResult): number[] => [
  r.requestSentMs,
  r.handshakeCompleteMs,
  r.ttfbMs,
  r.timeToLastByteMs,
];
const EPS = 1e-6;

/** Each headline number of `a` is no later than the same number of `b`. */
const noLater = (a: number[], b: number[]): void => {
  for (const [i, value] of a.entries()) expect(value).toBeLessThanOrEqual((b[i] as number) + EPS);
};

const notSlower = (a: ScenarioResult, b: ScenarioResult): void => {
  expect(a.ttfbMs).toBeLessThanOrEqual(b.ttfbMs + EPS);
  expect(a.timeToLastByteMs).toBeLessThanOrEqual(b.timeToLastByteMs + EPS);
  expect(a.requestSentMs).toBeLessThanOrEqual(b.requestSentMs + EPS);
};

describe('model invariants', () => {
  it('more RTT never makes anything faster', () => {
    fc.assert(
      fc.property(scenario, network, fc.double({ min: 0, max: 500, noNaN: true }), (id, input, more) => {
        const a = headline(simulateHandshake(id, input));
        const b = headline(simulateHandshake(id, { ...input, rttMs: input.rttMs + more }));
        noLater(a, b);
      }),
    );
  });

  it('a longer one-way delay in either direction never makes anything faster', () => {
    fc.assert(
      fc.property(
        scenario,
        network,
        fc.double({ min: 0.005, max: 300, noNaN: true }),
        fc.double({ min: 0.005, max: 300, noNaN: true }),
        fc.boolean(),
        (id, { rttMs: _, ...input }, c2s, s2c, upstream) => {
          const base = { ...input, clientToServerMs: c2s, serverToClientMs: s2c };
          const worse = upstream ? { ...base, clientToServerMs: c2s + 10 } : { ...base, serverToClientMs: s2c + 10 };
          const a = headline(simulateHandshake(id, base));
          const b = headline(simulateHandshake(id, worse));
          noLater(a, b);
        },
      ),
    );
  });

  it('less bandwidth never makes anything faster', () => {
    fc.assert(
      fc.property(scenario, network, fc.double({ min: 1.01, max: 100, noNaN: true }), (id, input, factor) => {
        const a = headline(simulateHandshake(id, input));
        const b = headline(simulateHandshake(id, { ...input, bandwidthMbps: input.bandwidthMbps / factor }));
        noLater(a, b);
      }),
    );
  });

  it('a bigger certificate chain is never faster', () => {
    fc.assert(
      // Up to 40 000 more: the chain stays within its 100 KB bound.
      fc.property(scenario, network, fc.integer({ min: 1, max: 40_000 }), (id, input, extra) => {
        const a = simulateHandshake(id, input);
        const b = simulateHandshake(id, { ...input, certChainBytes: input.certChainBytes + extra });
        notSlower(a, b);
        expect(a.setupRoundTrips).toBeLessThanOrEqual(b.setupRoundTrips);
      }),
    );
  });

  const fasterPairs: [ScenarioId, ScenarioId, string][] = [
    ['tls12-resumed', 'tls12-full', 'resumption ≤ full (TLS 1.2)'],
    ['tls12-false-start', 'tls12-full', 'False Start ≤ full'],
    ['tls13-psk', 'tls13-full', 'resumption ≤ full (TLS 1.3)'],
    ['tls13-full', 'tls13-hrr', 'no retry ≤ HelloRetryRequest'],
    ['tls13-0rtt', 'tls13-psk', '0-RTT ≤ 1-RTT resumption'],
    ['tls13-full', 'tls12-full', 'TLS 1.3 ≤ TLS 1.2'],
    ['quic-0rtt', 'quic-new', 'QUIC 0-RTT ≤ QUIC 1-RTT'],
    ['tcp-fast-open', 'tcp-new', 'TFO ≤ new TCP'],
    ['tcp-reused', 'tcp-new', 'reused ≤ new'],
    ['tcp-new', 'tls13-full', 'no TLS ≤ TLS'],
  ];
  it.each(fasterPairs)('%s is never slower than %s (%s)', (fast, slow) => {
    fc.assert(
      fc.property(network, (input) => {
        notSlower(simulateHandshake(fast, input), simulateHandshake(slow, input));
      }),
    );
  });

  // Not "less time": its Initial is padded to 1200 bytes, and a big chain can lose QUIC its head start (§8.1 limit).
  it('QUIC never needs more round trips than TCP + TLS 1.3, and fewer with a chain that fits', () => {
    fc.assert(
      fc.property(network, (input) => {
        const quic = simulateHandshake('quic-new', input);
        const tcp = simulateHandshake('tls13-full', input);
        expect(quic.setupRoundTrips).toBeLessThanOrEqual(tcp.setupRoundTrips);
        if (quic.extraFlightRoundTrips === 0) expect(quic.setupRoundTrips).toBeLessThan(tcp.setupRoundTrips);
      }),
    );
  });

  it('times are ordered and the breakdown adds up', () => {
    fc.assert(
      fc.property(scenario, network, (id, input) => {
        const r = simulateHandshake(id, input);
        expect(r.connectStartMs).toBeLessThanOrEqual(r.requestSentMs + EPS);
        expect(r.connectStartMs).toBeLessThanOrEqual(r.handshakeCompleteMs + EPS);
        expect(r.requestSentMs).toBeLessThanOrEqual(r.ttfbMs + EPS);
        expect(r.ttfbMs).toBeLessThanOrEqual(r.timeToLastByteMs + EPS);
        const parts = Object.values(r.breakdown);
        for (const part of parts) expect(part).toBeGreaterThanOrEqual(-EPS);
        expect(Math.abs(parts.reduce((a, b) => a + b, 0) - r.timeToLastByteMs)).toBeLessThan(1e-6);
        expect(Number.isInteger(r.setupRoundTrips)).toBe(true);
      }),
    );
  });

  it('times are monotonic along each side: sends in order, nothing arrives before it could', () => {
    fc.assert(
      fc.property(scenario, network, (id, input) => {
        const r = simulateHandshake(id, input);
        const c = r.conditions;
        let lastSend = Number.NEGATIVE_INFINITY;
        const lastReceiveInFlight = new Map<number, number>();
        for (const m of r.messages) {
          // Listed in sending order, so each side's sends are non-decreasing.
          expect(m.sendAtMs).toBeGreaterThanOrEqual(lastSend);
          lastSend = m.sendAtMs;
          const oneWay =
            m.layer === 'dns'
              ? c.dns.kind === 'uncached'
                ? c.dns.resolverRttMs / 2
                : 0
              : m.from === 'client'
                ? c.clientToServerMs
                : c.serverToClientMs;
          expect(m.receiveAtMs).toBeGreaterThanOrEqual(m.sendAtMs + oneWay - EPS);
          // Within a flight, later messages arrive no earlier (in-order delivery).
          const previous = lastReceiveInFlight.get(m.flight) ?? Number.NEGATIVE_INFINITY;
          expect(m.receiveAtMs).toBeGreaterThanOrEqual(previous);
          lastReceiveInFlight.set(m.flight, m.receiveAtMs);
        }
        // Every flight after the first by a side starts at or after something that side received
        // (or, for the server's response, at the request plus processing).
        const arrivals = (to: string): number[] => r.messages.filter((m) => m.to === to).map((m) => m.receiveAtMs);
        for (const m of r.messages) {
          if (m.from !== 'server') continue;
          expect(arrivals('server').some((t) => t <= m.sendAtMs + EPS)).toBe(true);
        }
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(scenario, network, (id, input) => {
        expect(simulateHandshake(id, input)).toEqual(simulateHandshake(id, input));
      }),
    );
  });

  it('round trips do not depend on the RTT value (only on the protocol and sizes)', () => {
    fc.assert(
      fc.property(scenario, network, fc.double({ min: 1, max: 1000, noNaN: true }), (id, input, other) => {
        expect(simulateHandshake(id, input).setupRoundTrips).toBe(
          simulateHandshake(id, { ...input, rttMs: other }).setupRoundTrips,
        );
      }),
    );
  });
});

describe('hostile numbers (issue 10.1): validateInput never throws; what it accepts simulates to finite times', () => {
  const hostile = fc.oneof(
    fc.constantFrom(1e308, 1e-320, -0, -1, 0, Number.NaN, Number.POSITIVE_INFINITY, 1e-16, 0.005, 0.01, 60_000),
    fc.double(),
    fc.integer(),
  );
  it('any numbers in any field', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.record(
          {
            rttMs: hostile,
            bandwidthMbps: hostile,
            serverProcessingMs: hostile,
            requestBytes: hostile,
            responseBytes: hostile,
            certChainBytes: hostile,
            initialWindowSegments: hostile,
          },
          { requiredKeys: [] },
        ),
        hostile,
        (id, input, resolver) => {
          const full: HandshakeInput = { ...input, dns: { kind: 'uncached', resolverRttMs: resolver } };
          const checked = validateInput(full);
          if (!checked.ok) {
            expect(checked.error.message).toContain(checked.error.field);
            expect(() => simulateHandshake(id, full)).toThrow(RangeError);
            return;
          }
          const r = simulateHandshake(id, full);
          for (const t of headline(r)) expect(Number.isFinite(t)).toBe(true);
          for (const m of r.messages) expect(Number.isFinite(m.receiveAtMs)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
