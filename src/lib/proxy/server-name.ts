/**
 * Chooses the http `server` block for a request as nginx 1.22 does for one listening port
 * (ngx_http_server_names + ngx_http_find_virtual_server + ngx_hash_find_combined): exact names first, then the
 * longest leading wildcard (`*.example.com`, `.example.com`), then the longest trailing wildcard (`www.example.*`),
 * then the first matching regex in config order, else the port's default server. A name already claimed on the
 * port ("conflicting server name … ignored") belongs to the first server that declared it.
 */
import type { Server, ServerName } from './types.ts';

/** Why a server block was chosen, for the trace. */
export type ServerReason =
  | { readonly kind: 'exact'; readonly name: string }
  | { readonly kind: 'head'; readonly name: string }
  | { readonly kind: 'tail'; readonly name: string }
  | { readonly kind: 'regex'; readonly name: string }
  | { readonly kind: 'default'; readonly explicit: boolean };

export interface ServerChoice {
  readonly server: Server;
  readonly reason: ServerReason;
  /** Names ignored because an earlier server on the port already claimed them. */
  readonly conflicts: readonly { readonly server: number; readonly name: string }[];
}

interface Claimed {
  readonly server: Server;
  readonly name: ServerName;
}

/** The name tables of one port, built once per config. */
export interface PortNames {
  readonly port: number;
  readonly exact: ReadonlyMap<string, Claimed>;
  readonly head: ReadonlyMap<string, Claimed>;
  readonly tail: ReadonlyMap<string, Claimed>;
  readonly regex: readonly Claimed[];
  readonly defaultServer: Server;
  readonly explicitDefault: boolean;
  readonly conflicts: readonly { readonly server: number; readonly name: string }[];
}

/** Builds the per-port tables exactly in nginx's insertion order (servers, then names in order). */
export function buildPortNames(servers: readonly Server[], port: number): PortNames | null {
  const onPort = servers.filter((s) => s.listens.some((l) => l.port === port));
  const first = onPort[0];
  if (first === undefined) return null;
  const explicit = onPort.find((s) => s.listens.some((l) => l.port === port && l.defaultServer));
  const exact = new Map<string, Claimed>();
  const head = new Map<string, Claimed>();
  const tail = new Map<string, Claimed>();
  const exactKeys = new Set<string>();
  const regex: Claimed[] = [];
  const conflicts: { server: number; name: string }[] = [];
  for (const server of onPort) {
    for (const name of server.names) {
      const claimed = { server, name };
      if (name.kind === 'regex') {
        regex.push(claimed);
        continue;
      }
      const ok = claim(name, claimed, exact, head, tail, exactKeys);
      if (!ok) conflicts.push({ server: server.index, name: name.name });
    }
  }
  return {
    port,
    exact,
    head,
    tail,
    regex,
    defaultServer: explicit ?? first,
    explicitDefault: explicit !== undefined,
    conflicts,
  };
}

/** ngx_hash_add_key: returns false when the key is busy (conflict). */
function claim(
  name: ServerName,
  claimed: Claimed,
  exact: Map<string, Claimed>,
  head: Map<string, Claimed>,
  tail: Map<string, Claimed>,
  exactKeys: Set<string>,
): boolean {
  if (name.kind === 'exact') {
    if (exactKeys.has(name.name)) return false;
    exactKeys.add(name.name);
    exact.set(name.name, claimed);
    return true;
  }
  if (name.kind === 'tail') {
    const key = name.name.slice(0, -2);
    if (tail.has(key)) return false;
    tail.set(key, claimed);
    return true;
  }
  const bare = name.name.slice(name.kind === 'dot' ? 1 : 2);
  if (name.kind === 'dot') {
    if (exactKeys.has(bare)) return false;
    exactKeys.add(bare);
  }
  if (head.has(bare)) return false;
  head.set(bare, claimed);
  return true;
}

/** Finds the server for a validated, lower-cased host (null when the request had no Host). */
export function findServer(names: PortNames, host: string | null): ServerChoice {
  const h = host ?? '';
  const done = (server: Server, reason: ServerReason): ServerChoice => ({ server, reason, conflicts: names.conflicts });
  const exact = names.exact.get(h);
  if (exact !== undefined) return done(exact.server, { kind: 'exact', name: exact.name.name });
  const headMatch = longestHead(names, h);
  if (headMatch !== null) return done(headMatch.server, { kind: 'head', name: headMatch.name.name });
  const tailMatch = longestTail(names, h);
  if (tailMatch !== null) return done(tailMatch.server, { kind: 'tail', name: tailMatch.name.name });
  if (h.length > 0) {
    for (const r of names.regex) {
      if (r.name.regex?.test(h)) return done(r.server, { kind: 'regex', name: r.name.name });
    }
  }
  return done(names.defaultServer, { kind: 'default', explicit: names.explicitDefault });
}

/** Longest leading wildcard: `*.s` needs at least one more label, `.s` also matches `s` itself. */
function longestHead(names: PortNames, host: string): Claimed | null {
  if (names.head.size === 0) return null;
  // Walk suffixes from the longest (the whole host) to the shortest label.
  for (let i = 0; i <= host.length; i = host.indexOf('.', i) + 1) {
    const suffix = host.slice(i);
    const hit = names.head.get(suffix);
    if (hit !== undefined && (i > 0 || hit.name.kind === 'dot') && suffix !== '') return hit;
    if (host.indexOf('.', i) === -1) break;
  }
  return null;
}

/** Longest trailing wildcard `p.*`: the host starts with `p.` and has at least one more label. */
function longestTail(names: PortNames, host: string): Claimed | null {
  if (names.tail.size === 0) return null;
  for (let i = host.lastIndexOf('.'); i > 0; i = host.lastIndexOf('.', i - 1)) {
    const hit = names.tail.get(host.slice(0, i));
    if (hit !== undefined) return hit;
  }
  return null;
}

/** ngx_http_validate_host: lower-cases, strips a port and one trailing dot; null when nginx answers 400. */
export function validateHost(raw: string): string | null {
  let dotPos = -2;
  let hostLen = raw.length;
  let state: 'usual' | 'literal' | 'rest' = 'usual';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    const code = raw.charCodeAt(i);
    if (ch === '.') {
      if (dotPos === i - 1) return null;
      dotPos = i;
    } else if (ch === ':') {
      if (state === 'usual') {
        hostLen = i;
        state = 'rest';
      }
    } else if (ch === '[') {
      if (i === 0) state = 'literal';
    } else if (ch === ']') {
      if (state === 'literal') {
        hostLen = i + 1;
        state = 'rest';
      }
    } else if (ch === '/' || code <= 0x20 || code === 0x7f || code > 0xff) return null;
  }
  if (dotPos === hostLen - 1) hostLen--;
  if (hostLen <= 0) return null;
  return raw.slice(0, hostLen).replace(/[A-Z]/g, (c) => c.toLowerCase());
}
