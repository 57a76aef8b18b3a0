/**
 * What each layer can see of the same request: a layer-4 (nginx `stream`) proxy sees the connection's 5-tuple and,
 * with `ssl_preread`, the TLS ClientHello's SNI — nothing of HTTP; a layer-7 (`http`) proxy sees the request line
 * and headers, but only when the traffic is plain HTTP or it terminates TLS itself. Also routes a connection through
 * a `stream` block (listen port → proxy_pass, through a `map $ssl_preread_server_name` when there is one).
 */
import { type BalancerState, createBalancer, pick, release } from './balance.ts';
import type { ProxyRequest } from './route.ts';
import type { StreamBlock, StreamMap } from './types.ts';

export type TrafficMode = 'plain-http' | 'tls-passthrough' | 'tls-termination';

export interface VisibleField {
  readonly field: string;
  readonly value: string;
  readonly l4: boolean;
  readonly l7: boolean;
  /** Why a layer can or cannot see it. */
  readonly why: string;
}

/** The fields of one request and which layer can read each, for the given traffic mode. */
export function layerView(
  req: ProxyRequest,
  mode: TrafficMode,
  sni: string | null,
  proxyIp = '10.0.0.1',
): VisibleField[] {
  const encrypted = mode !== 'plain-http';
  const l7Sees = mode !== 'tls-passthrough';
  const httpWhy = encrypted
    ? l7Sees
      ? 'inside TLS: the L7 proxy terminates TLS, so it decrypts and reads it; an L4 proxy sees only ciphertext'
      : 'inside TLS that the proxy passes through: no proxy on the path can read it'
    : 'plain HTTP: an L7 proxy parses it; an L4 proxy forwards the bytes without parsing them';
  const fields: VisibleField[] = [
    { field: 'Protocol', value: 'TCP', l4: true, l7: true, why: 'IP header: every hop sees it' },
    { field: 'Client address', value: `${req.clientIp}:${req.clientPort}`, l4: true, l7: true, why: 'IP/TCP headers' },
    { field: 'Proxy address', value: `${proxyIp}:${req.port}`, l4: true, l7: true, why: 'IP/TCP headers' },
  ];
  if (encrypted) {
    fields.push({
      field: 'SNI (TLS server name)',
      value: sni ?? '(none)',
      l4: true,
      l7: true,
      why: 'sent in clear in the ClientHello: an L4 proxy reads it with ssl_preread',
    });
  }
  const host = req.headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
  fields.push(
    { field: 'Method', value: req.method, l4: false, l7: l7Sees, why: httpWhy },
    { field: 'Path and query', value: req.target, l4: false, l7: l7Sees, why: httpWhy },
    { field: 'Host header', value: host, l4: false, l7: l7Sees, why: httpWhy },
  );
  for (const [name, value] of req.headers) {
    if (name.toLowerCase() === 'host') continue;
    fields.push({ field: `Header ${name}`, value, l4: false, l7: l7Sees, why: httpWhy });
  }
  return fields;
}

/** A connection as a stream proxy sees it. */
export interface StreamConnection {
  readonly port: number;
  readonly udp: boolean;
  readonly clientIp: string;
  readonly sni: string | null;
}

export type StreamOutcome =
  | {
      readonly kind: 'proxy';
      readonly upstream: string;
      readonly backend: string | null;
      readonly trace: readonly string[];
    }
  | { readonly kind: 'error'; readonly message: string; readonly trace: readonly string[] };

/** Routes one connection through a stream block; `balancers` keeps state across calls. */
export function routeStream(
  stream: StreamBlock,
  conn: StreamConnection,
  balancers: Map<string, BalancerState> = new Map(),
): StreamOutcome {
  const trace: string[] = [];
  const server = stream.servers.find((s) => s.listens.some((l) => l.port === conn.port && l.udp === conn.udp));
  if (server === undefined) {
    return { kind: 'error', message: `nothing listens on ${conn.udp ? 'udp' : 'tcp'} port ${conn.port}`, trace };
  }
  trace.push(`stream server #${server.index + 1} listens on ${conn.port}${conn.udp ? '/udp' : ''}`);
  if (server.proxyPass === null) return { kind: 'error', message: 'the stream server has no proxy_pass', trace };
  let target = server.proxyPass;
  if (target.startsWith('$')) {
    const variable = target.slice(1);
    const map = stream.maps.find((m) => m.variable === variable);
    if (map === undefined) return { kind: 'error', message: `no map sets $${variable}`, trace };
    const sni = server.sslPreread ? conn.sni : null;
    if (!server.sslPreread) trace.push('ssl_preread is off: $ssl_preread_server_name is empty');
    target = mapValue(map, sni ?? '');
    trace.push(`map ${map.source}: "${sni ?? ''}" → ${target}`);
  }
  const upstream = stream.upstreams.find((u) => u.name === target);
  if (upstream === undefined) {
    trace.push(`proxy_pass ${target}: forwarded as is`);
    return { kind: 'proxy', upstream: target, backend: target, trace };
  }
  let state = balancers.get(upstream.name);
  if (state === undefined) {
    state = createBalancer(upstream);
    balancers.set(upstream.name, state);
  }
  const key = upstream.hashKey?.replace(/\$remote_addr|\$\{remote_addr\}/g, conn.clientIp) ?? '';
  const picked = pick(state, { now: 0, clientIp: conn.clientIp, hashKey: key, refuses: () => false });
  if (picked.peer !== null) release(state, picked.peer);
  const backend = picked.peer?.server.name ?? null;
  trace.push(`upstream ${upstream.name} (${upstream.method}) → ${backend ?? 'none'}`);
  return { kind: 'proxy', upstream: upstream.name, backend, trace };
}

/** A map lookup: exact keys, `hostnames` wildcards, then regexes in order, else the default. */
export function mapValue(map: StreamMap, key: string): string {
  const k = key.toLowerCase();
  const exact = map.entries.find((e) => e.regex === null && e.key === k);
  if (exact !== undefined) return exact.value;
  if (map.hostnames) {
    let best: { len: number; value: string } | null = null;
    for (const e of map.entries) {
      if (e.regex !== null) continue;
      // "*.name" needs at least one more label; ".name" also matches "name" itself (as server_name does).
      const star = e.key.startsWith('*.');
      const suffix = star ? e.key.slice(1) : e.key.startsWith('.') ? e.key : null;
      if (suffix === null) continue;
      const hit = (k.endsWith(suffix) && k.length > suffix.length) || (!star && `.${k}` === suffix);
      if (hit && (best === null || suffix.length > best.len)) best = { len: suffix.length, value: e.value };
    }
    if (best !== null) return best.value;
  }
  for (const e of map.entries) if (e.regex?.test(key)) return e.value;
  return map.defaultValue;
}
