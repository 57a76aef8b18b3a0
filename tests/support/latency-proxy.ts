/**
 * A loopback TCP proxy that adds a fixed one-way delay in each direction, for latency tests against real
 * network stacks (TLS handshakes, HTTP page loads) without root or `tc netem`.
 *
 *   client ──(+clientToServerDelayMs)──▶ proxy ──▶ target      (127.0.0.1 only)
 *   client ◀──(+serverToClientDelayMs)── proxy ◀── target
 *
 * - Every chunk read on one side is written to the other side `delay` ms later; order is kept (one FIFO per
 *   direction), a FIN is delayed like data, there is no bandwidth limit.
 * - TCP handshake emulation (default on): on loopback the client's `connect` completes at once, but on a real
 *   path the client can only send one RTT after its SYN. So client data is held until
 *   `accept time + RTT` before its one-way delay starts. That is exactly what a real path does to the first
 *   client flight (ClientHello, or the HTTP request), and it is invisible afterwards; the client's own
 *   `connect` event still fires early, so measure from when you call `connect`, not from the event.
 *   Turn it off (`emulateTcpHandshake: false`) to model an already open connection.
 *
 * State: one `net.Server`, plus a set of live socket pairs so `close()` can end them.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** Options for `startLatencyProxy`. */
export interface LatencyProxyOptions {
  /** Port of the real server on 127.0.0.1. */
  readonly targetPort: number;
  /** One-way delay added to bytes going client → server (ms). */
  readonly clientToServerDelayMs: number;
  /** One-way delay added to bytes going server → client (ms). */
  readonly serverToClientDelayMs: number;
  /** Hold client data until one RTT after the connection was accepted (default true). */
  readonly emulateTcpHandshake?: boolean;
}

/** How faithfully the proxy applied its delays since the last `resetStats()`. */
export interface LatencyProxyStats {
  /** Chunks (and FINs) forwarded. */
  readonly forwarded: number;
  /** Worst lateness of a forward beyond its due time (ms): timer granularity plus event-loop starvation. */
  readonly maxLatenessMs: number;
}

/** A running proxy: connect to `port` on 127.0.0.1 instead of the target. */
export interface LatencyProxy {
  readonly port: number;
  /** Delay fidelity: on a busy machine timers fire late and the injected delay grows; check before trusting a sample. */
  stats(): LatencyProxyStats;
  resetStats(): void;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

type Item = { readonly due: number; readonly chunk: Buffer | null };

/** Forwards `from` → `to`, each chunk `delayMs` later than it arrived (and never before `notBefore()`). */
function pipeDelayed(
  from: net.Socket,
  to: net.Socket,
  delayMs: number,
  notBefore: () => number,
  onForward: (latenessMs: number) => void,
): void {
  const queue: Item[] = [];
  let timer: NodeJS.Timeout | undefined;
  const drain = (): void => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && (queue[0] as Item).due <= now + 0.25) {
      const item = queue.shift() as Item;
      if (to.destroyed) return;
      onForward(Math.max(0, now - item.due));
      if (item.chunk === null) to.end();
      else to.write(item.chunk);
    }
    schedule();
  };
  const schedule = (): void => {
    const head = queue[0];
    if (timer !== undefined || head === undefined) return;
    timer = setTimeout(drain, Math.max(0, head.due - performance.now()));
  };
  const push = (chunk: Buffer | null): void => {
    const now = performance.now();
    queue.push({ due: Math.max(now, notBefore()) + delayMs, chunk });
    schedule();
  };
  from.on('data', (chunk: Buffer) => push(chunk));
  from.on('end', () => push(null));
  from.on('close', () => {
    // An abortive close (error, destroy) is passed on after the queue has drained.
    const finish = (): void => {
      if (queue.length > 0) setTimeout(finish, 5);
      else to.destroy();
    };
    finish();
  });
}

/** Starts a delaying proxy to `127.0.0.1:targetPort` on a free loopback port. */
export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const { targetPort, clientToServerDelayMs: up, serverToClientDelayMs: down } = options;
  for (const [name, value] of [
    ['clientToServerDelayMs', up],
    ['serverToClientDelayMs', down],
  ] as const) {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be ≥ 0 ms, got '${value}'`);
  }
  const emulate = options.emulateTcpHandshake ?? true;
  const sockets = new Set<net.Socket>();
  let forwarded = 0;
  let maxLatenessMs = 0;
  const onForward = (latenessMs: number): void => {
    forwarded += 1;
    maxLatenessMs = Math.max(maxLatenessMs, latenessMs);
  };
  // allowHalfOpen: a FIN is forwarded (delayed) instead of being answered at once by the proxy.
  const server = net.createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    const acceptedAt = performance.now();
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort, noDelay: true, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    const clientMaySendAt = emulate ? acceptedAt + up + down : 0;
    pipeDelayed(client, upstream, up, () => clientMaySendAt, onForward);
    pipeDelayed(upstream, client, down, () => 0, onForward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Proxy has no TCP address');
  return {
    port: address.port,
    stats: () => ({ forwarded, maxLatenessMs }),
    resetStats: () => {
      forwarded = 0;
      maxLatenessMs = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
