/** The latency proxy itself: delays each way, order, FIN, and the TCP handshake emulation. */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryUntilUnder } from '../support/faithful-sampling.ts';
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

/** Up to 3 round trips, stopping at the first whose first byte came back within `upperMs` (see tryUntilUnder). */
function fastestOf3(port: number, payload: string[], upperMs: number) {
  return tryUntilUnder(
    () => roundTrip(port, payload),
    (r) => r.firstMs,
    upperMs,
    { tries: 3 },
  );
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
  it('adds the one-way delays (asymmetric) and keeps the byte order', async () => {
    const proxy = await startLatencyProxy({
      targetPort: echoPort,
      clientToServerDelayMs: 30,
      serverToClientDelayMs: 10,
      emulateTcpHandshake: false,
    });
    try {
      const chunks = Array.from({ length: 50 }, (_, i) => `<${i}>`);
      const tries = await fastestOf3(proxy.port, chunks, 40 + 100);
      for (const r of tries) {
        expect(r.echoed).toBe(chunks.join(''));
        expect(r.firstMs).toBeGreaterThanOrEqual(40);
        // The FIN travels like data: the echo ends one RTT after we end.
        expect(r.endedMs).toBeGreaterThanOrEqual(40);
      }
      // Upper bound only against gross errors: a busy machine can delay timers (so the fastest of up to 3 tries).
      expect(Math.min(...tries.map((r) => r.firstMs))).toBeLessThan(40 + 100);
      expect(proxy.stats().forwarded).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('emulates the TCP handshake: the first client bytes leave one RTT after connecting', async () => {
    const proxy = await startLatencyProxy({
      targetPort: echoPort,
      clientToServerDelayMs: 20,
      serverToClientDelayMs: 20,
    });
    try {
      const tries = await fastestOf3(proxy.port, ['hello'], 80 + 100);
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
