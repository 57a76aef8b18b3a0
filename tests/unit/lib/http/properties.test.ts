import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePageLoads,
  type NetworkInput,
  type PageInput,
  type PageLoadResult,
  PRESETS,
  PROTOCOL_IDS,
  type ProtocolId,
  simulatePageLoad,
} from '../../../../src/lib/http/index.ts';

function load(protocol: ProtocolId, page: PageInput, network: NetworkInput): PageLoadResult {
  const result = simulatePageLoad({ protocol, page, network });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Pages without dependencies: 0–30 resources of 0–200 KB. */
const flatPage = fc
  .record({
    html: fc.integer({ min: 0, max: 100_000 }),
    sizes: fc.array(fc.integer({ min: 0, max: 200_000 }), { maxLength: 30 }),
  })
  .map(
    ({ html, sizes }): PageInput => ({
      html: { bytes: html },
      resources: sizes.map((bytes, i) => ({ name: `r${i}`, bytes })),
    }),
  );

/** Pages whose resources may depend on earlier ones. */
const nestedPage = fc
  .array(fc.record({ bytes: fc.integer({ min: 0, max: 100_000 }), parent: fc.nat() }), { maxLength: 20 })
  .map(
    (items): PageInput => ({
      html: { bytes: 20_000 },
      resources: items.map((item, i) => ({
        name: `r${i}`,
        bytes: item.bytes,
        ...(i > 0 && item.parent % 3 === 0 ? { dependsOn: item.parent % i } : {}),
      })),
    }),
  );

const network = fc.record({
  rttMs: fc.integer({ min: 1, max: 400 }),
  bandwidthMbps: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 1, max: 1000 })),
  lossRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.1, noNaN: true })),
  seed: fc.nat(),
  tls: fc.constantFrom('tls13' as const, 'tls12' as const, 'none' as const),
});

const protocol = fc.constantFrom(...PROTOCOL_IDS);

describe('model properties', () => {
  it('HTTP/2 and HTTP/3 never open more than one connection', () => {
    fc.assert(
      fc.property(nestedPage, network, (page, net) => {
        expect(load('h2', page, net).connectionsOpened).toBe(1);
        expect(load('h3', page, net).connectionsOpened).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('HTTP/1.x never has more than connectionsPerOrigin connections open at once', () => {
    fc.assert(
      fc.property(flatPage, network, fc.integer({ min: 1, max: 8 }), (page, net, limit) => {
        for (const p of ['http1.0', 'http1.1', 'http1.1-pipelined'] as const) {
          const r = load(p, page, { ...net, connectionsPerOrigin: limit });
          const events = r.connections.flatMap((c) => [
            { t: c.openedMs, d: 1 },
            { t: c.lastUsedMs, d: -1 },
          ]);
          // Closings before openings at the same instant: a slot frees and is reused at once.
          events.sort((a, b) => a.t - b.t || a.d - b.d);
          let open = 0;
          for (const e of events) {
            open += e.d;
            expect(open).toBeLessThanOrEqual(limit);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('with loss, HTTP/3 is no slower than HTTP/2 (same seed, same lost packets)', () => {
    fc.assert(
      fc.property(flatPage, network, fc.double({ min: 0.001, max: 0.1, noNaN: true }), (page, base, lossRate) => {
        const net = { ...base, lossRate };
        const r = comparePageLoads(page, net, ['h2', 'h3']);
        if (!r.ok) throw new Error(r.error.message);
        const [h2, h3] = r.value as [PageLoadResult, PageLoadResult];
        const h2Ready = h2.connections[0]?.readyMs ?? 0;
        const h3Ready = h3.connections[0]?.readyMs ?? 0;
        // After the handshake, the same packets are lost; QUIC only stalls the stream that lost one.
        expect(h3.totalMs - h3Ready).toBeLessThanOrEqual(h2.totalMs - h2Ready + 1e-6);
        expect(h3.lostPackets).toBe(h2.lostPackets);
        // The handshake model decides setup: QUIC's padded 1200-byte Initials can lose on a very slow link
        // (1 Mbit/s, 1 ms RTT). Whenever its setup is no slower, the whole page is no slower.
        if (h3Ready <= h2Ready) expect(h3.totalMs).toBeLessThanOrEqual(h2.totalMs + 1e-6);
      }),
      { numRuns: 100 },
    );
  });

  it('as browsers use them (HTTP/2 over TLS, ≥ 20 ms, ≥ 10 Mbit/s), HTTP/3 with loss is no slower', () => {
    const realistic = network.map((n) => ({
      ...n,
      rttMs: Math.max(20, n.rttMs),
      bandwidthMbps: Math.max(10, n.bandwidthMbps),
      lossRate: 0.02,
      tls: n.tls === 'none' ? ('tls13' as const) : n.tls,
    }));
    fc.assert(
      fc.property(flatPage, realistic, (page, net) => {
        expect(load('h3', page, net).totalMs).toBeLessThanOrEqual(load('h2', page, net).totalMs + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  // Not claimed for whole pages: several responses sharing the bottleneck link (first come, first served), one
  // connection's round-robin, or dependencies can reorder at a slightly different RTT and finish a little earlier —
  // a scheduling anomaly (Graham, 1969), with or without loss; see src/lib/http/README.md, "What the model promises".
  it('more RTT never speeds up one response, loss included', () => {
    const single = fc
      .record({ bytes: fc.integer({ min: 0, max: 3_000_000 }), serverMs: fc.integer({ min: 0, max: 300 }) })
      .map(({ bytes, serverMs }): PageInput => ({ html: { bytes, serverMs }, resources: [] }));
    const lossy = network.map((n) => ({ ...n, lossRate: Math.min(0.3, n.lossRate * 3) }));
    const extra = fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 300 }));
    fc.assert(
      fc.property(single, lossy, protocol, extra, (page, net, p, more) => {
        const slow = load(p, page, { ...net, rttMs: net.rttMs + more });
        const fast = load(p, page, net);
        expect(slow.totalMs).toBeGreaterThanOrEqual(fast.totalMs - 1e-6);
        expect(slow.lostPackets).toBe(fast.lostPackets);
      }),
      { numRuns: Number(process.env.MONO_RUNS ?? 150) },
    );
  });

  it('the same seed gives the same result; loss 0 loses nothing', () => {
    fc.assert(
      fc.property(nestedPage, network, protocol, (page, net, p) => {
        expect(load(p, page, net)).toEqual(load(p, page, net));
        expect(load(p, page, { ...net, lossRate: 0 }).lostPackets).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('every request completes after it was discovered, and the total is the last end', () => {
    fc.assert(
      fc.property(nestedPage, network, protocol, (page, net, p) => {
        const r = load(p, page, net);
        expect(r.requests).toHaveLength(page.resources.length + 1);
        for (const q of r.requests) {
          expect(q.endMs).toBeGreaterThanOrEqual(q.firstByteMs);
          expect(q.firstByteMs).toBeGreaterThan(q.requestSentMs);
          expect(q.requestSentMs).toBeGreaterThanOrEqual(q.discoveredMs);
        }
        expect(r.totalMs).toBe(Math.max(...r.requests.map((q) => q.endMs)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('loss keyed to packet identity (issue 10.5)', () => {
  const page = PRESETS['js-app'].page;
  const at = (protocol: ProtocolId, rttMs: number, seed = 1): PageLoadResult =>
    load(protocol, page, { rttMs, bandwidthMbps: 1, lossRate: 0.05, seed });

  it('js-app over HTTP/1.0 at 1 Mbit/s with 5 % loss: RTT 140 ms is not faster than 130 ms', () => {
    // Losses used to be drawn in event order, so shifting the timing moved them: 130 → 9548 ms, 140 → 9404 ms.
    expect(at('http1.0', 140).totalMs).toBeGreaterThanOrEqual(at('http1.0', 130).totalMs);
  });

  it('each response loses the same packets at any RTT, bandwidth or protocol', () => {
    fc.assert(
      fc.property(nestedPage, network, network, protocol, (p, a, b, id) => {
        const lossy = { lossRate: 0.05, seed: a.seed };
        const x = load(id, p, { ...a, ...lossy });
        const y = load(id, p, { ...b, ...lossy });
        expect(y.requests.map((q) => q.lostPackets)).toEqual(x.requests.map((q) => q.lostPackets));
        // HTTP/2 and HTTP/3 send the same bytes per response, so they lose the same packets too.
        if (id === 'h2') expect(load('h3', p, { ...b, ...lossy }).lostPackets).toBe(x.lostPackets);
      }),
      { numRuns: 60 },
    );
  });

  it.each(PROTOCOL_IDS)('%s: averaged over 16 seeds, js-app gets slower with every 10 ms of RTT', (id) => {
    let previous = 0;
    for (let rtt = 100; rtt <= 200; rtt += 10) {
      let sum = 0;
      for (let seed = 1; seed <= 16; seed += 1) sum += at(id, rtt, seed).totalMs;
      expect(sum / 16).toBeGreaterThan(previous);
      previous = sum / 16;
    }
  });
});

describe('hostile numbers (issue 10.1): refused at the edge or simulated to a finite answer, never a throw', () => {
  const hostile = fc.oneof(
    fc.constantFrom(1e308, 1e-320, -0, -1, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-16),
    fc.constantFrom(0.01, 60_000, 0.001, 100_000, 0.3, 1, 100, 32),
    fc.double(),
    fc.integer(),
  );
  it('any network numbers: a typed error, or every protocol finishes with finite times', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            rttMs: hostile,
            bandwidthMbps: hostile,
            lossRate: hostile,
            seed: hostile,
            dnsMs: hostile,
            serverProcessingMs: hostile,
            connectionsPerOrigin: hostile,
            initialWindowSegments: hostile,
          },
          { requiredKeys: [] },
        ),
        (net) => {
          const r = comparePageLoads({ html: { bytes: 20_000 }, resources: [{ name: 'a', bytes: 5000 }] }, net);
          if (!r.ok) {
            expect(r.error.message).toContain(r.error.field);
            return;
          }
          for (const result of r.value) expect(Number.isFinite(result.totalMs)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
