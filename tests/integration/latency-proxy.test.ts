/** The latency proxy itself: delays each way, order, FIN, and the TCP handshake emulation. */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { withLateness } from '../support/faithful-sampling.ts';
import { startLatencyProxy } from '../support/latency-proxy.ts';

let echo: net.Server;
let echoPort = 0;

beforeAll(async () => {
  echo = net.createServer({ noDelay: true }, (socket) => {
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
  const address = echo.address();
  echoPort = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

type Proxy = Awaited<ReturnType<typeof startLatencyProxy>>;
type Trip = Awaited<ReturnType<typeof roundTrip>>;

/** A try is faithful when the proxy forwarded every chunk and this process's event loop ran within this of time. */
const FAITHFUL_MS = 20;

/**
 * Round trips for an upper bound against gross errors: until one's first byte comes back within `upperMs`, at most 10
 * tries and 15 s. Each try records whether it was taken faithfully (see FAITHFUL_MS; the proxy, the echo server and
 * this client share one event loop, so a busy machine shows as lateness). Load can only add delay: lower bounds hold
 * on every try, and the upper bound is judged only on faithful tries. When no try was faithful, the test says so and
 * is skipped, not failed (a round with two busy loops beside a second CI run once took 190 ms for an 80 ms trip).
 */
async function triesUnder(proxy: Proxy, payload: string[], upperMs: number, ctx: TestContext): Promise<Trip[]> {
  const until = performance.now() + 15_000;
  const tries: (Trip & { faithful: boolean })[] = [];
  do {
    proxy.resetStats();
    const { value: trip, lateness } = await withLateness(async () => {
      const value = await roundTrip(proxy.port, payload);
      return { value, proxyLatenessMs: proxy.stats().maxLatenessMs };
    });
    tries.push({ ...trip, faithful: lateness <= FAITHFUL_MS });
  } while (tries.length < 10 && performance.now() < until && (tries.at(-1)?.firstMs ?? 0) >= upperMs);
  const faithful = tries.filter((t) => t.faithful);
  if (!tries.some((t) => t.firstMs < upperMs) && faithful.length === 0) {
    console.warn(
      `upper bound ${upperMs} ms: could not measure — the machine stayed too busy (0 faithful tries, ${tries.length} discarded, fastest ${Math.min(...tries.map((t) => t.firstMs)).toFixed(1)} ms); skipped, not failed`,
    );
    for (const t of tries) expect(t.echoed).toBe(payload.join(''));
    ctx.skip();
  }
  // The bound: a try within it, or else the fastest faithful try (which then fails the test's assertion).
  return tries.some((t) => t.firstMs < upperMs) ? tries : faithful;
}

/** Sends `payload` chunks through the proxy and resolves with the echo and the time to its first byte. */
function roundTrip(port: number, payload: string[]): Promise<{ firstMs: number; echoed: string; endedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstMs = Number.NaN;
    let echoed = '';
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true }, () => {
      for (const chunk of payload) socket.write(chunk);
      socket.end();
    });
    socket.on('data', (chunk: Buffer) => {
      if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
      echoed += chunk.toString();
    });
    socket.on('end', () => resolve({ firstMs, echoed, endedMs: performance.now() - started }));
    socket.on('error', reject);
  });
}

describe('startLatencyProxy', () => {
  it('adds the one-way delays (asymmetric) and keeps the byte order', async (ctx) => {
    const proxy = await startLatencyProxy({
      targetPort: echoPort,
      clientToServerDelayMs: 30,
      serverToClientDelayMs: 10,
      emulateTcpHandshake: false,
    });
    try {
      const chunks = Array.from({ length: 50 }, (_, i) => `<${i}>`);
      const tries = await triesUnder(proxy, chunks, 40 + 100, ctx);
      for (const r of tries) {
        expect(r.echoed).toBe(chunks.join(''));
        expect(r.firstMs).toBeGreaterThanOrEqual(40);
        // The FIN travels like data: the echo ends one RTT after we end.
        expect(r.endedMs).toBeGreaterThanOrEqual(40);
      }
      // Upper bound only against gross errors: a busy machine can delay timers (see triesUnder).
      expect(Math.min(...tries.map((r) => r.firstMs))).toBeLessThan(40 + 100);
      expect(proxy.stats().forwarded).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('emulates the TCP handshake: the first client bytes leave one RTT after connecting', async (ctx) => {
    const proxy = await startLatencyProxy({
      targetPort: echoPort,
      clientToServerDelayMs: 20,
      serverToClientDelayMs: 20,
    });
    try {
      const tries = await triesUnder(proxy, ['hello'], 80 + 100, ctx);
      for (const r of tries) {
        expect(r.echoed).toBe('hello');
        // 40 ms handshake + 40 ms for the data to go and come back.
        expect(r.firstMs).toBeGreaterThanOrEqual(80);
      }
      expect(Math.min(...tries.map((r) => r.firstMs))).toBeLessThan(80 + 100);
      proxy.resetStats();
      expect(proxy.stats()).toEqual({ forwarded: 0, maxLatenessMs: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('rejects negative or non-finite delays', async () => {
    await expect(
      startLatencyProxy({ targetPort: echoPort, clientToServerDelayMs: -1, serverToClientDelayMs: 0 }),
    ).rejects.toThrow(/clientToServerDelayMs must be ≥ 0 ms, got '-1'/);
    await expect(
      startLatencyProxy({ targetPort: echoPort, clientToServerDelayMs: 0, serverToClientDelayMs: Number.NaN }),
    ).rejects.toThrow(/serverToClientDelayMs/);
  });
});
