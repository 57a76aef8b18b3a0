/** "Send 100 requests": the distribution over backends, in its own module so the island loads it on demand. */
import { mulberry32 } from '../http/prng.ts';
import { type CompiledHttp, compileHttp, type ProxyConfig, routeRequest, routeStream } from '../proxy/index.ts';
import { buildRequest, type PlaygroundInput } from './view.ts';

/** The result of "send 100 requests". */
export interface Distribution {
  readonly counts: readonly { readonly backend: string; readonly count: number }[];
  /** Backend (or outcome) of each request in order. */
  readonly sequence: readonly string[];
  /** With failed backends: how many of the 100 requests went elsewhere than with none failed. */
  readonly moved: number | null;
}

/**
 * Sends 100 requests through a fresh balancer: the same host and path with `?n=i` (so hash keys differ), from
 * seeded client addresses (so ip_hash sees many /24s). Deterministic for a given input.
 */
export function sendHundred(input: PlaygroundInput, config: ProxyConfig, count = 100): Distribution {
  const run = (failed: ReadonlySet<string>): string[] => {
    const rng = mulberry32(0x5eed);
    const out: string[] = [];
    if (config.http === null) {
      const stream = config.stream;
      if (stream === null) return out;
      const balancers = new Map();
      for (let i = 0; i < count; i++) {
        const clientIp = `198.51.${Math.floor(rng() * 256)}.${1 + Math.floor(rng() * 254)}`;
        const port = stream.servers[0]?.listens[0]?.port ?? 443;
        const r = routeStream(stream, { port, udp: false, clientIp, sni: input.host || null }, balancers);
        out.push(r.kind === 'proxy' ? (r.backend ?? r.upstream) : 'error');
      }
      return out;
    }
    const compiled: CompiledHttp = compileHttp(config.http);
    for (let i = 0; i < count; i++) {
      const clientIp = i === 0 ? input.client : `198.51.${Math.floor(rng() * 256)}.${1 + Math.floor(rng() * 254)}`;
      const sep = input.path.includes('?') ? '&' : '?';
      const req = buildRequest(
        { ...input, client: clientIp, path: i === 0 ? input.path : `${input.path}${sep}n=${i}` },
        config,
      );
      const r = routeRequest(compiled, req, { failed, now: i });
      const o = r.outcome;
      out.push(
        o.kind === 'proxy'
          ? (o.pick?.peer?.server.name ?? o.request.upstream)
          : o.kind === 'error'
            ? `error ${o.status}`
            : o.kind === 'return'
              ? `return ${o.status}`
              : o.kind,
      );
    }
    return out;
  };
  const failed = new Set(input.failed);
  const sequence = run(failed);
  const countsMap = new Map<string, number>();
  for (const b of sequence) countsMap.set(b, (countsMap.get(b) ?? 0) + 1);
  let moved: number | null = null;
  if (failed.size > 0) {
    const healthy = run(new Set());
    moved = sequence.filter((b, i) => b !== healthy[i]).length;
  }
  return { counts: [...countsMap].map(([backend, n]) => ({ backend, count: n })), sequence, moved };
}
