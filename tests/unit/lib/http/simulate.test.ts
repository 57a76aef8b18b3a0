import { describe, expect, it } from 'vitest';
import { slowStartRounds, TCP_INITIAL_WINDOW_BYTES } from '../../../../src/lib/handshake/index.ts';
import {
  comparePageLoads,
  lossCursor,
  lostTransmissions,
  type NetworkInput,
  type PageInput,
  type PageLoadResult,
  PRESETS,
  type ProtocolId,
  simulatePageLoad,
  uniformPage,
} from '../../../../src/lib/http/index.ts';

/** Runs and unwraps (the inputs here are valid). */
function load(protocol: ProtocolId, page: PageInput, network: NetworkInput): PageLoadResult {
  const result = simulatePageLoad({ protocol, page, network });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function all(page: PageInput, network: NetworkInput): Record<ProtocolId, PageLoadResult> {
  const result = comparePageLoads(page, network);
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value.map((r) => [r.protocol, r])) as Record<ProtocolId, PageLoadResult>;
}

/** Latency only: no bandwidth limit, no loss. */
const FAST: NetworkInput = { rttMs: 100, bandwidthMbps: Number.POSITIVE_INFINITY };

describe('hand-worked cases (RTT 100 ms, unlimited bandwidth)', () => {
  it('one request over TLS 1.3: TCP 1 RTT + TLS 1 RTT + request/response 1 RTT = 300 ms', () => {
    // 0–100 SYN/SYN-ACK, 100–200 ClientHello/ServerHello…Finished, 200 request leaves, 250 arrives,
    // 10 300 response bytes ≤ 14 600 (IW10) go in one round and arrive at 300.
    const page: PageInput = { html: { bytes: 10_000 }, resources: [] };
    const r = load('http1.1', page, FAST);
    expect(r.totalMs).toBe(300);
    expect(r.requests[0]?.phases).toEqual([
      { name: 'Initial connection', startMs: 0, endMs: 100 },
      { name: 'SSL', startMs: 100, endMs: 200 },
      { name: 'Waiting (TTFB)', startMs: 200, endMs: 300 },
    ]);
    expect(r.setupRoundTrips).toBe(2);
    // QUIC: one combined round trip, then the request: 200 ms.
    expect(load('h3', page, FAST).totalMs).toBe(200);
    // No TLS: 100 ms of TCP, then 100 ms for the exchange.
    expect(load('h2', page, { ...FAST, tls: 'none' }).totalMs).toBe(200);
    // TLS 1.2 full handshake: 1 + 2 round trips of setup.
    expect(load('http1.0', page, { ...FAST, tls: 'tls12' }).totalMs).toBe(400);
  });

  it('two requests: keep-alive reuses the connection, HTTP/1.0 pays a second setup', () => {
    // HTML done at 300 (above). Keep-alive: the 5 KB resource goes on the same warm connection: 300 → 400.
    // HTTP/1.0: connection 1 closes; connection 2 needs 200 ms of setup (300–500), then 500 → 600.
    const page: PageInput = { html: { bytes: 10_000 }, resources: [{ name: 'a.css', bytes: 5000, type: 'css' }] };
    const r = all(page, FAST);
    expect(r['http1.1'].totalMs).toBe(400);
    expect(r['http1.0'].totalMs).toBe(600);
    expect(r['http1.0'].connectionsOpened).toBe(2);
    expect(r.h2.totalMs).toBe(400);
    expect(r.h3.totalMs).toBe(300);
    const second = r['http1.0'].requests[1];
    expect(second?.phases.map((p) => p.name)).toEqual(['Initial connection', 'SSL', 'Waiting (TTFB)']);
    expect(second?.connectionId).toBe(2);
  });

  it('slow start: a 50 KB response needs three rounds (14 600 + 29 200 + rest)', () => {
    // No TLS: ready at 100, request arrives 150; rounds leave at 150, 250, 350 and arrive 200, 300, 400.
    const page: PageInput = { html: { bytes: 50_000 }, resources: [] };
    const r = load('http1.1', page, { ...FAST, tls: 'none' });
    const rounds = slowStartRounds(50_300, TCP_INITIAL_WINDOW_BYTES);
    expect(rounds).toBe(3);
    expect(r.totalMs).toBe(100 + 100 + (rounds - 1) * 100);
    expect(r.requests[0]?.firstByteMs).toBe(200);
  });

  it('bandwidth: a link-bound transfer takes bytes ÷ bandwidth plus the delays', () => {
    // RTT 10 ms, 10 Mbit/s = 1250 bytes/ms. Ready at 10; the 500-byte request takes 0.4 ms to send and 5 ms
    // to arrive (15.4). The 125 300-byte response keeps the link busy 100.24 ms (the window grows faster
    // than the link drains), so the last byte arrives at 15.4 + 100.24 + 5 = 120.64 ms.
    const page: PageInput = { html: { bytes: 125_000 }, resources: [] };
    const r = load('http1.1', page, { rttMs: 10, bandwidthMbps: 10, tls: 'none' });
    expect(r.totalMs).toBeCloseTo(120.64, 6);
    expect(r.requests[0]?.phases.find((p) => p.name === 'Request sent')).toEqual({
      name: 'Request sent',
      startMs: 10,
      endMs: 10.4,
    });
  });

  it('a lost packet arrives one RTT late', () => {
    // Find a seed that loses packet 0 of request 0 (the HTML's only packet) once, and its resend not again.
    let seed = 0;
    while (!(lossCursor(seed, 0, 0.2).next === 0 && lostTransmissions(seed, 0, 0, 0.2) === 1)) seed += 1;
    const page: PageInput = { html: { bytes: 1000 }, resources: [] };
    const r = load('http1.1', page, { ...FAST, lossRate: 0.2, seed });
    expect(r.lostPackets).toBe(1);
    expect(r.totalMs).toBe(300 + 100);
    expect(r.bytesOnWire).toBe(load('http1.1', page, FAST).bytesOnWire + 1300);
  });

  it('DNS: one lookup before the first connection only', () => {
    const page: PageInput = { html: { bytes: 1000 }, resources: [{ name: 'a', bytes: 1000 }] };
    const r = load('http1.0', page, { ...FAST, dnsMs: 30 });
    expect(r.requests[0]?.phases[0]).toEqual({ name: 'DNS Lookup', startMs: 0, endMs: 30 });
    expect(r.requests[1]?.phases.some((p) => p.name === 'DNS Lookup')).toBe(false);
    expect(r.totalMs).toBe(30 + 300 + 300);
  });
});

describe('HTTP/1.x connection rules', () => {
  it('keep-alive saves exactly (N − 1) setups over HTTP/1.0 on one connection', () => {
    for (const n of [1, 2, 5, 10]) {
      // N requests in all: the HTML and N − 1 resources, one connection allowed.
      const page = uniformPage(n - 1, 4000, 4000);
      const net: NetworkInput = { ...FAST, connectionsPerOrigin: 1 };
      const keepAlive = load('http1.1', page, net);
      const oneDotZero = load('http1.0', page, net);
      const setupMs = 200; // TCP + TLS 1.3
      expect(oneDotZero.totalMs - keepAlive.totalMs).toBe((n - 1) * setupMs);
      expect(oneDotZero.connectionsOpened).toBe(n);
      expect(keepAlive.connectionsOpened).toBe(1);
    }
  });

  it('never more than six connections at a time; extra requests queue', () => {
    const r = load('http1.1', uniformPage(20, 2000), FAST);
    expect(r.connectionsOpened).toBe(6);
    const queued = r.requests.filter((q) => q.phases.some((p) => p.name === 'Queueing'));
    expect(queued.length).toBe(20 - 6);
    const h10 = load('http1.0', uniformPage(20, 2000), FAST);
    expect(h10.connectionsOpened).toBe(21);
    // At any instant at most six HTTP/1.0 connections are open.
    for (const c of h10.connections) {
      const open = h10.connections.filter((o) => o.openedMs <= c.openedMs && o.lastUsedMs > c.openedMs);
      expect(open.length).toBeLessThanOrEqual(6);
    }
  });

  it('pipelining: a slow response blocks the ones behind it; HTTP/2 does not', () => {
    // One connection, no TLS. HTML done at 200. Both requests leave at 200 and arrive at 250.
    // a (server 300 ms) is ready at 550 and arrives at 600; b is ready at 250 but must wait behind a → 600.
    // HTTP/2 interleaves: b arrives at 300. Keep-alive without pipelining: b is only asked for at 600 → 700.
    const page: PageInput = {
      html: { bytes: 1000 },
      resources: [
        { name: 'slow', bytes: 1000, serverMs: 300 },
        { name: 'fast', bytes: 1000 },
      ],
    };
    const net: NetworkInput = { ...FAST, tls: 'none', connectionsPerOrigin: 1 };
    expect(load('http1.1-pipelined', page, net).requests[2]?.endMs).toBe(600);
    expect(load('h2', page, net).requests[2]?.endMs).toBe(300);
    expect(load('http1.1', page, net).requests[2]?.endMs).toBe(700);
  });
});

describe('HTTP/2 and HTTP/3', () => {
  it('one connection; odd HTTP/2 stream ids, QUIC ids 0, 4, 8…', () => {
    // The blog post's font (request 2) is found late, in the CSS: it gets the last stream id.
    const r = all(PRESETS['blog-post'].page, {});
    expect(r.h2.connectionsOpened).toBe(1);
    expect(r.h2.requests.map((q) => q.streamId)).toEqual([1, 3, 15, 5, 7, 9, 11, 13]);
    expect(r.h3.requests.map((q) => q.streamId).slice(0, 2)).toEqual([0, 4]);
    expect(r['http1.1'].requests[0]?.streamId).toBeNull();
    expect(r.h3.connections[0]?.transport).toBe('quic');
  });

  it('compresses repeated headers (HPACK/QPACK estimate): first block 80 %, later 10 %', () => {
    const r = all(uniformPage(2, 1000), FAST);
    expect(r['http1.1'].requests.map((q) => q.requestBytes)).toEqual([500, 500, 500]);
    expect(r.h2.requests.map((q) => q.requestBytes)).toEqual([400, 50, 50]);
    expect(r.h3.requests.map((q) => q.responseBytes)).toEqual([10_240, 1030, 1030]);
  });

  it('many small resources at a high RTT: HTTP/2 beats HTTP/1.1 (the 100-tile gallery at 150 ms)', () => {
    const r = all(PRESETS['image-gallery'].page, { rttMs: 150, bandwidthMbps: 50 });
    expect(r.h2.totalMs).toBeLessThan(r['http1.1'].totalMs / 2);
    expect(r.h3.totalMs).toBeLessThan(r.h2.totalMs);
  });

  it('a few large files with loss: six HTTP/1.1 windows beat one HTTP/2 window', () => {
    // 6 × 500 KB, 1 % loss: each loss halves HTTP/2's only window, but only one of HTTP/1.1's six.
    const r = all(uniformPage(6, 500_000), { rttMs: 100, bandwidthMbps: 100, lossRate: 0.01, seed: 7 });
    expect(r['http1.1'].totalMs).toBeLessThan(r.h2.totalMs);
    expect(r['http1.1'].connectionsOpened).toBe(6);
  });

  it('HTTP/2: a lost packet holds back other streams (head-of-line blocking); HTTP/3 does not', () => {
    const r = all(uniformPage(20, 20_000), { ...FAST, lossRate: 0.05, seed: 3 });
    expect(r.h2.lostPackets).toBeGreaterThan(0);
    expect(r.h2.requests.some((q) => q.headOfLineBlockedMs > 0)).toBe(true);
    expect(r.h3.requests.every((q) => q.headOfLineBlockedMs === 0)).toBe(true);
    expect(r.h3.totalMs).toBeLessThanOrEqual(r.h2.totalMs);
  });

  it('more than 100 requests: the rest wait for a free stream', () => {
    const r = load('h2', uniformPage(150, 1000), FAST);
    expect(r.requests.filter((q) => q.phases.some((p) => p.name === 'Queueing')).length).toBe(50);
  });
});

describe('output shape', () => {
  it('phases are ordered, contiguous and end at the request end', () => {
    const r = all(PRESETS['js-app'].page, { lossRate: 0.01 });
    for (const result of Object.values(r)) {
      for (const q of result.requests) {
        let t = q.discoveredMs;
        for (const p of q.phases) {
          expect(p.startMs).toBeCloseTo(t, 9);
          expect(p.endMs).toBeGreaterThan(p.startMs);
          t = p.endMs;
        }
        expect(t).toBeCloseTo(q.endMs, 9);
      }
      expect(result.totalMs).toBe(Math.max(...result.requests.map((q) => q.endMs)));
    }
  });

  it('dependencies: a font is only discovered when its stylesheet has arrived', () => {
    const r = load('h2', PRESETS['blog-post'].page, {});
    const css = r.requests.find((q) => q.name === 'style.css');
    const font = r.requests.find((q) => q.name === 'text.woff2');
    expect(font?.discoveredMs).toBe(css?.endMs);
  });
});

describe('hostile input is refused at the edge, and the engine always finishes (issue 10.1)', () => {
  it('an RTT of 1e-16 ms used to hang: now a typed error naming the bound', () => {
    const r = simulatePageLoad({ protocol: 'h2', page: PRESETS['blog-post'].page, network: { rttMs: 1e-16 } });
    expect(r).toEqual({
      ok: false,
      error: { code: 'out-of-range', field: 'rttMs', message: "rttMs is '1e-16' but must be from 0.01 to 60000 ms." },
    });
  });

  it.each([
    [{ bandwidthMbps: 1e-320 }, 'bandwidthMbps'],
    [{ rttMs: 1e308 }, 'rttMs'],
    [{ serverProcessingMs: 1e308 }, 'serverProcessingMs'],
    [{ dnsMs: 1e308 }, 'dnsMs'],
    [{ initialWindowSegments: 0 }, 'initialWindowSegments'],
  ])('%j is refused', (network, field) => {
    const r = comparePageLoads(PRESETS['blog-post'].page, network);
    expect(!r.ok && r.error.field).toBe(field);
  });

  it('the edges of the bounds simulate: 0.01 ms and 60 s RTT, 1 kbit/s and 100 Gbit/s, 30 % loss', () => {
    const page = uniformPage(3, 20_000);
    for (const network of [
      { rttMs: 0.01, bandwidthMbps: 100_000, lossRate: 0.3 },
      { rttMs: 60_000, bandwidthMbps: 0.001, lossRate: 0.3 },
      { rttMs: 0.01, bandwidthMbps: 0.001 },
    ]) {
      const r = comparePageLoads(page, network);
      expect(r.ok).toBe(true);
      if (r.ok) for (const result of r.value) expect(Number.isFinite(result.totalMs)).toBe(true);
    }
  });
});

describe('the initial congestion window is an input (issue 10.4)', () => {
  it('initcwnd 4 instead of 10 costs a 30 KB response one more round trip', () => {
    // 30 300 response bytes: IW10 sends 14 600 + 29 200 (2 rounds), IW4 5840 + 11 680 + 23 360 (3 rounds).
    const page: PageInput = { html: { bytes: 30_000 }, resources: [] };
    const iw10 = load('http1.1', page, FAST);
    const iw4 = load('http1.1', page, { ...FAST, initialWindowSegments: 4 });
    expect(iw4.totalMs - iw10.totalMs).toBe(100);
    expect(iw10.network.initialWindowSegments).toBe(10);
  });
});
