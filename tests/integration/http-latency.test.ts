/**
 * Validates the page-load model against Node's real HTTP/1.1 (keep-alive, six sockets) and HTTP/2 (h2c, one
 * connection) stacks on loopback. A latency proxy adds RTT/2 each way and holds the client's first bytes for one
 * RTT, as a TCP handshake would (tests/support/latency-proxy.ts). A page is one HTML document, then N small
 * resources requested as soon as the HTML has arrived — what the model does. Loopback has no bandwidth limit
 * and no loss, so the model runs with unlimited bandwidth, no TLS (h2c), no loss.
 * Acceptance: |measured − model| ≤ 15 % of the model + 10 ms, for the median of a few page loads.
 * Run: npx vitest run --config vitest.integration.config.ts tests/integration/http-latency.test.ts
 */
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageInput, type ProtocolId, simulatePageLoad, uniformPage } from '../../src/lib/http/index.ts';
import { median, type Sampled, sampleFaithfully, tooBusy, tryUntilUnder } from '../support/faithful-sampling.ts';
import { type LatencyProxy, startLatencyProxy } from '../support/latency-proxy.ts';

const RESOURCES = 12;
const BODY_BYTES = 1000;
const HTML_BYTES = 1000;
const REPEATS = Number(process.env.HTTP_REPEATS ?? 3);
const RTTS = [40, 100] as const;
/** A sample is re-taken when the proxy forwarded a chunk, or the event loop stalled, more than this late. */
const MAX_PROXY_LATENESS_MS = 5;

const page: PageInput = uniformPage(RESOURCES, BODY_BYTES, HTML_BYTES);
const body = (path: string): Buffer => Buffer.alloc(path === '/index.html' ? HTML_BYTES : BODY_BYTES, 'x');
const paths = ['/index.html', ...Array.from({ length: RESOURCES }, (_, i) => `/r${i + 1}`)];

let h1Server: http.Server;
let h2Server: http2.Http2Server;
let h1Port = 0;
let h2Port = 0;

function listen(server: http.Server | http2.Http2Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** HTTP/1.1 page load: the HTML, then every resource at once through a keep-alive agent with six sockets. */
async function loadH1(port: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const get = (path: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve());
      });
      req.on('error', reject);
    });
  const started = performance.now();
  await get('/index.html');
  await Promise.all(paths.slice(1).map(get));
  const elapsed = performance.now() - started;
  agent.destroy();
  return elapsed;
}

/** HTTP/2 page load: one h2c session, the HTML, then every resource as concurrent streams. */
async function loadH2(port: number): Promise<number> {
  const started = performance.now();
  const session = http2.connect(`http://127.0.0.1:${port}`);
  session.on('error', () => {});
  const get = (path: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const stream = session.request({ ':path': path });
      stream.on('data', () => {});
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
  await get('/index.html');
  await Promise.all(paths.slice(1).map(get));
  const elapsed = performance.now() - started;
  session.destroy();
  return elapsed;
}

function predict(protocol: ProtocolId, rttMs: number): number {
  const result = simulatePageLoad({
    protocol,
    page,
    network: { rttMs, bandwidthMbps: Number.POSITIVE_INFINITY, tls: 'none', lossRate: 0 },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.totalMs;
}

const agrees = (measured: number, predicted: number): boolean =>
  Math.abs(measured - predicted) <= 0.15 * predicted + 10;

interface Measured {
  readonly median: number;
  readonly sampled: Sampled<number>;
}

/** Median of REPEATS faithful page loads through `proxy` (tests/support/faithful-sampling.ts). */
async function measure(proxy: LatencyProxy, load: (port: number) => Promise<number>): Promise<Measured> {
  const sampled = await sampleFaithfully(
    async () => {
      proxy.resetStats();
      const value = await load(proxy.port);
      return { value, proxyLatenessMs: proxy.stats().maxLatenessMs };
    },
    { repeats: REPEATS, maxLatenessMs: MAX_PROXY_LATENESS_MS },
  );
  return { median: sampled.complete ? median(sampled.samples) : Number.NaN, sampled };
}

const table: string[] = [];
const medians = new Map<string, number>();

beforeAll(async () => {
  h1Server = http.createServer({ keepAliveTimeout: 10_000, noDelay: true }, (req, res) => {
    const data = body(req.url ?? '/');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
    res.end(data);
  });
  h2Server = http2.createServer();
  h2Server.on('stream', (stream, headers) => {
    const data = body(String(headers[':path']));
    stream.respond({ ':status': 200, 'content-type': 'application/octet-stream', 'content-length': data.length });
    stream.end(data);
  });
  h2Server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  h1Port = await listen(h1Server);
  h2Port = await listen(h2Server);
});

afterAll(async () => {
  await new Promise((resolve) => h1Server.close(resolve));
  await new Promise((resolve) => h2Server.close(resolve));
  if (table.length > 0) {
    console.info(
      [
        '| Protocol | RTT (ms) | model (ms) | measured median (ms) | samples | discarded | worst kept lateness (ms) | rounds |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ]
        .concat(table)
        .join('\n'),
    );
  }
});

const CASES = [
  { protocol: 'http1.1', label: 'HTTP/1.1 keep-alive, 6 sockets', port: () => h1Port, load: loadH1 },
  { protocol: 'h2', label: 'HTTP/2 (h2c), one connection', port: () => h2Port, load: loadH2 },
] as const;

describe('the proxy really delays', () => {
  it('a page load straight to the server takes a few ms; through a 100 ms proxy, at least the model’s round trips', async (ctx) => {
    const proxy = await startLatencyProxy({ targetPort: h1Port, clientToServerDelayMs: 50, serverToClientDelayMs: 50 });
    try {
      // 5 round trips at least: 1 handshake + HTML, then 12 resources on 6 sockets (1 warm, 5 new) — see the model.
      // A lower bound: load on the machine can only add to it.
      expect(await loadH1(proxy.port)).toBeGreaterThanOrEqual(5 * 100 - 2);
      expect(proxy.stats().forwarded).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
    // The floor: direct loads until one takes under 40 ms (at most 25 loads or 15 s). Load can only slow a load down,
    // so the fastest is the instrument's floor; a machine too busy to show it within those bounds is said so and the
    // test is skipped, not failed (a 2-core machine with both cores hogged once took 40.02 ms at best of five).
    const direct = await tryUntilUnder(
      () => loadH1(h1Port),
      (ms) => ms,
      40,
      { tries: 25, withinMs: 15_000 },
    );
    if (!direct.some((ms) => ms < 40)) {
      console.warn(
        `direct page load: could not measure the floor — the machine stayed too busy (${direct.length} loads, fastest ${Math.min(...direct).toFixed(1)} ms); skipped, not failed`,
      );
      ctx.skip();
    }
  });
});

describe.each(RTTS)('Node HTTP through a %d ms RTT proxy', (rttMs) => {
  it.for(CASES)('$label matches the model within 15 % + 10 ms', async (c, ctx) => {
    const proxy = await startLatencyProxy({
      targetPort: c.port(),
      clientToServerDelayMs: rttMs / 2,
      serverToClientDelayMs: rttMs / 2,
    });
    try {
      const predicted = predict(c.protocol, rttMs);
      // A clean measurement that disagrees is taken once more: the model fails only when two clean ones disagree.
      let measured = await measure(proxy, c.load);
      let rounds = 1;
      if (measured.sampled.complete && !agrees(measured.median, predicted)) {
        measured = await measure(proxy, c.load);
        rounds = 2;
      }
      const { sampled } = measured;
      table.push(
        `| ${c.label} | ${rttMs} | ${predicted.toFixed(1)} | ${measured.median.toFixed(1)} | ${sampled.samples.map((s) => s.toFixed(1)).join(', ')} | ${sampled.discarded} | ${sampled.worstKeptLatenessMs.toFixed(1)} | ${rounds} |`,
      );
      if (!sampled.complete) {
        console.warn(tooBusy(`${c.label} at ${rttMs} ms`, sampled));
        ctx.skip();
        return;
      }
      medians.set(`${rttMs}:${c.protocol}`, measured.median);
      expect(
        agrees(measured.median, predicted),
        `median ${measured.median.toFixed(1)} ms vs model ${predicted} ms (samples ${sampled.samples.join(', ')}; ${sampled.discarded} discarded)`,
      ).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('the check can fail', () => {
  it('an HTTP/1.1 measurement rejects the HTTP/2 prediction and vice versa', () => {
    for (const rttMs of RTTS) {
      const h1 = medians.get(`${rttMs}:http1.1`);
      const h2 = medians.get(`${rttMs}:h2`);
      if (h1 !== undefined) expect(agrees(h1, predict('h2', rttMs))).toBe(false);
      if (h2 !== undefined) expect(agrees(h2, predict('http1.1', rttMs))).toBe(false);
    }
  });
});
