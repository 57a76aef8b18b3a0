/**
 * Routes one HTTP request through a parsed config, as nginx 1.22 would, and says why at each step: the server
 * block, the location, what the upstream receives (request line URI and headers) and — with a balancer state —
 * which backend. Compile a config once with `compileHttp`; `routeRequest` is then cheap (< 0.05 ms, bench).
 */
import { type BalancerState, createBalancer, type PickResult, pick, release } from './balance.ts';
import { compileLevel, findLocation, type LocationLevel, type LocationResult } from './location.ts';
import { isIpv4, splitHostPort } from './parse-common.ts';
import { buildPortNames, findServer, type PortNames, type ServerChoice, validateHost } from './server-name.ts';
import type { HttpBlock, Location, ProxyPass, Server, SetHeader, Upstream, UpstreamServer } from './types.ts';
import { escapeUri, type ParsedTarget, parseTarget } from './uri.ts';
import { evaluate } from './variables.ts';

/** A request as the proxy receives it. */
export interface ProxyRequest {
  readonly clientIp: string;
  readonly clientPort: number;
  /** The port the request arrived on (selects the `listen`). */
  readonly port: number;
  readonly scheme: 'http' | 'https';
  readonly method: string;
  /** Origin-form target: `/path?query`, exactly as sent. */
  readonly target: string;
  /** Header lines in order (names as sent). */
  readonly headers: readonly (readonly [string, string])[];
  /** HTTP/1.0 requests may omit Host. */
  readonly httpVersion?: '1.0' | '1.1';
}

/** A compiled http block: per-port name tables, location trees and balancer states. */
export interface CompiledHttp {
  readonly http: HttpBlock;
  readonly ports: ReadonlyMap<number, PortNames>;
  readonly levels: ReadonlyMap<Server, LocationLevel>;
  readonly balancers: Map<string, BalancerState>;
  readonly parents: ReadonlyMap<Location, Location | Server>;
}

/** Prepares a parsed http block for routing many requests. */
export function compileHttp(http: HttpBlock): CompiledHttp {
  const ports = new Map<number, PortNames>();
  for (const s of http.servers) {
    for (const l of s.listens) {
      if (!ports.has(l.port)) {
        const names = buildPortNames(http.servers, l.port);
        if (names !== null) ports.set(l.port, names);
      }
    }
  }
  const levels = new Map<Server, LocationLevel>();
  const parents = new Map<Location, Location | Server>();
  const walk = (l: Location, parent: Location | Server): void => {
    parents.set(l, parent);
    for (const c of l.children) walk(c, l);
  };
  for (const s of http.servers) {
    levels.set(s, compileLevel(s.locations));
    for (const l of s.locations) walk(l, s);
  }
  const balancers = new Map<string, BalancerState>();
  for (const u of http.upstreams) balancers.set(u.name, createBalancer(u));
  return { http, ports, levels, balancers, parents };
}

/** One line of the decision trace. */
export interface TraceStep {
  readonly stage: 'request' | 'server' | 'location' | 'proxy' | 'balance';
  readonly text: string;
}

/** What the upstream receives. */
export interface UpstreamRequest {
  /** The upstream group name or the `address:port` proxy_pass named. */
  readonly upstream: string;
  readonly method: string;
  /** Request-line URI sent upstream (a byte string). */
  readonly uri: string;
  /** Headers as sent, in nginx's order (set headers first, then the client's remaining ones). */
  readonly headers: readonly (readonly [string, string])[];
  /** Why the URI has this form. */
  readonly uriRule: 'unparsed' | 'replaced-prefix' | 'variables';
}

export type RouteOutcome =
  | { readonly kind: 'proxy'; readonly request: UpstreamRequest; readonly pick: PickResult | null }
  | { readonly kind: 'return'; readonly status: number; readonly text: string }
  | { readonly kind: 'redirect'; readonly status: 301; readonly location: string }
  | { readonly kind: 'static'; readonly reason: string }
  | { readonly kind: 'error'; readonly status: number; readonly message: string };

export interface RouteResult {
  readonly server: ServerChoice | null;
  readonly location: LocationResult | null;
  readonly target: ParsedTarget | null;
  readonly outcome: RouteOutcome;
  readonly trace: readonly TraceStep[];
}

/** Options for `routeRequest`. */
export interface RouteOptions {
  /** Run the balancer (mutates its state). Default true. */
  readonly balance?: boolean;
  /** Seconds since start, for passive health checks. */
  readonly now?: number;
  /** Servers (by `address:port`) that refuse connections. */
  readonly failed?: ReadonlySet<string>;
  /** Release the picked peer at once (sequential requests). Default true. */
  readonly releaseAfter?: boolean;
}

const header = (req: ProxyRequest, name: string): string[] =>
  req.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

/** Routes one request. Never throws on any request; problems are outcomes (400, 502, …) in the trace. */
export function routeRequest(compiled: CompiledHttp, req: ProxyRequest, options: RouteOptions = {}): RouteResult {
  const trace: TraceStep[] = [];
  const fail = (status: number, message: string, rest: Partial<RouteResult> = {}): RouteResult => {
    trace.push({ stage: 'request', text: message });
    return {
      server: null,
      location: null,
      target: null,
      ...rest,
      outcome: { kind: 'error', status, message },
      trace,
    };
  };
  const names = compiled.ports.get(req.port);
  if (names === undefined) return fail(0, `nothing listens on port ${req.port}: the connection is refused`);
  const hosts = header(req, 'host');
  if (hosts.length > 1) return fail(400, '400 Bad Request: client sent duplicate host header');
  let host: string | null = null;
  if (hosts[0] !== undefined) {
    host = validateHost(hosts[0]);
    if (host === null) return fail(400, `400 Bad Request: client sent invalid host header "${hosts[0]}"`);
  } else if (req.httpVersion !== '1.0') {
    return fail(400, '400 Bad Request: client sent HTTP/1.1 request without "Host" header');
  }
  const target = parseTarget(req.target);
  if (!target.ok) return fail(400, target.error.message);
  const server = findServer(names, host);
  trace.push({ stage: 'server', text: describeServer(server, host) });
  if (server.server.ret !== null) {
    const r = server.server.ret;
    const text = evaluate(r.text, lookupFor(req, target.value, server.server, null));
    trace.push({ stage: 'server', text: `server-level "return ${r.status}" runs before any location is chosen` });
    return { server, location: null, target: target.value, outcome: { kind: 'return', status: r.status, text }, trace };
  }
  const level = compiled.levels.get(server.server) as LocationLevel;
  const location = findLocation(target.value.uri, level);
  describeLocation(location, trace);
  const base = { server, location, target: target.value };
  if (location.kind === 'redirect') {
    const loc = escapeUri(location.location.name) + (target.value.args.length > 0 ? `?${target.value.args}` : '');
    return { ...base, outcome: { kind: 'redirect', status: 301, location: loc }, trace };
  }
  if (location.kind === 'none') {
    return { ...base, outcome: { kind: 'static', reason: 'no location matched: nginx serves files from root' }, trace };
  }
  const chosen = location.location;
  const lookup = lookupFor(req, target.value, server.server, null);
  if (chosen.ret !== null) {
    const text = evaluate(chosen.ret.text, lookup);
    return { ...base, outcome: { kind: 'return', status: chosen.ret.status, text }, trace };
  }
  if (chosen.proxyPass === null) {
    return {
      ...base,
      outcome: { kind: 'static', reason: `"${chosen.label}" has no proxy_pass or return: nginx serves files` },
      trace,
    };
  }
  const upstreamReq = buildUpstreamRequest(compiled, req, target.value, server.server, chosen, chosen.proxyPass);
  if ('error' in upstreamReq) return fail(upstreamReq.status, upstreamReq.error, base);
  trace.push({ stage: 'proxy', text: describeUri(upstreamReq.value, chosen) });
  const picked = options.balance === false ? null : balance(compiled, upstreamReq.value, req, target.value, options);
  if (picked !== null) describePick(picked, trace);
  if (picked !== null && picked.status === 'bad-gateway') {
    return fail(502, '502 Bad Gateway: no upstream server could be reached', base);
  }
  return { ...base, outcome: { kind: 'proxy', request: upstreamReq.value, pick: picked }, trace };
}

function balance(
  compiled: CompiledHttp,
  up: UpstreamRequest,
  req: ProxyRequest,
  target: ParsedTarget,
  options: RouteOptions,
): PickResult {
  let state = compiled.balancers.get(up.upstream);
  if (state === undefined) {
    // An address in proxy_pass is an implicit upstream of one server.
    const [host, port] = splitHostPort(up.upstream);
    const server: UpstreamServer = {
      name: up.upstream,
      host,
      port: Number(port ?? 80),
      weight: 1,
      maxFails: 1,
      failTimeout: 10,
      backup: false,
      down: false,
      position: { line: 1, column: 1 },
    };
    const implicit: Upstream = {
      name: up.upstream,
      method: 'round-robin',
      hashKey: null,
      servers: [server],
      keepalive: null,
      position: server.position,
    };
    state = createBalancer(implicit);
    compiled.balancers.set(up.upstream, state);
  }
  const key =
    state.upstream.hashKey === null ? '' : evaluate(state.upstream.hashKey, lookupFor(req, target, null, null));
  const failed = options.failed ?? new Set<string>();
  const result = pick(state, {
    now: options.now ?? 0,
    clientIp: req.clientIp,
    hashKey: key,
    refuses: (s) => failed.has(s.name),
  });
  if (result.peer !== null && options.releaseAfter !== false) release(state, result.peer);
  return result;
}

/** Variable lookup for one request (ngx_http_variables.c semantics for the supported names). */
function lookupFor(
  req: ProxyRequest,
  target: ParsedTarget,
  server: Server | null,
  proxyHost: string | null,
): (name: string) => string | null {
  return (name) => {
    if (name.startsWith('http_')) {
      const wanted = name.slice(5).replace(/_/g, '-');
      return header(req, wanted)[0] ?? null;
    }
    if (name.startsWith('arg_')) {
      const wanted = name.slice(4);
      for (const pair of target.args.split('&')) {
        const eq = pair.indexOf('=');
        if ((eq === -1 ? pair : pair.slice(0, eq)).toLowerCase() === wanted) return eq === -1 ? '' : pair.slice(eq + 1);
      }
      return null;
    }
    switch (name) {
      case 'remote_addr':
        return req.clientIp;
      case 'remote_port':
        return String(req.clientPort);
      case 'server_port':
        return String(req.port);
      case 'host': {
        const h = header(req, 'host')[0];
        const valid = h === undefined ? null : validateHost(h);
        return valid ?? serverName(server);
      }
      case 'request_uri':
        return target.unparsed;
      case 'uri':
      case 'document_uri':
        return target.uri;
      case 'args':
      case 'query_string':
        return target.args;
      case 'is_args':
        return target.args.length > 0 ? '?' : '';
      case 'scheme':
        return req.scheme;
      case 'request_method':
        return req.method;
      case 'server_name':
        return serverName(server);
      case 'server_protocol':
        return req.httpVersion === '1.0' ? 'HTTP/1.0' : 'HTTP/1.1';
      case 'proxy_host':
        return proxyHost;
      case 'proxy_add_x_forwarded_for': {
        const xff = header(req, 'x-forwarded-for');
        return xff.length === 0 ? req.clientIp : `${xff.join(', ')}, ${req.clientIp}`;
      }
      default:
        return null;
    }
  };
}

/** cscf->server_name: the first name, a regex with its "~", a ".name" without its dot. */
function serverName(server: Server | null): string {
  const first = server?.names[0];
  if (first === undefined) return '';
  if (first.kind === 'regex') return `~${first.name}`;
  return first.kind === 'dot' ? first.name.slice(1) : first.name;
}

/** Default headers of ngx_http_proxy_module (Content-Length / Transfer-Encoding: only with a body; none here). */
const DEFAULT_HEADERS: readonly (readonly [string, string])[] = [
  ['Host', '$proxy_host'],
  ['Connection', 'close'],
  ['TE', ''],
  ['Keep-Alive', ''],
  ['Expect', ''],
  ['Upgrade', ''],
];
const BODY_HEADERS = ['content-length', 'transfer-encoding'];

/** The nearest `proxy_set_header` list: location, enclosing locations, server, http. */
function effectiveSetHeaders(compiled: CompiledHttp, location: Location): readonly SetHeader[] {
  let node: Location | Server | undefined = location;
  // Parents form a finite chain ending at a server.
  while (node !== undefined) {
    if (node.setHeaders !== null) return node.setHeaders;
    if ('listens' in node) break;
    node = compiled.parents.get(node);
  }
  return compiled.http.setHeaders ?? [];
}

function buildUpstreamRequest(
  compiled: CompiledHttp,
  req: ProxyRequest,
  target: ParsedTarget,
  server: Server,
  location: Location,
  pp: ProxyPass,
): { value: UpstreamRequest } | { error: string; status: number } {
  let hostPort = pp.hostPort;
  let uri: string;
  let uriRule: UpstreamRequest['uriRule'];
  const plainLookup = lookupFor(req, target, server, null);
  if (pp.hasVariables) {
    const url = evaluate(pp.url, plainLookup);
    const rest = url.slice(pp.scheme.length + 3);
    const cut = rest.search(/[/?]/);
    hostPort = cut === -1 ? rest : rest.slice(0, cut);
    const evaluatedUri = cut === -1 ? '' : rest.slice(cut);
    uri = evaluatedUri === '' ? target.unparsed : evaluatedUri.startsWith('?') ? `/${evaluatedUri}` : evaluatedUri;
    uriRule = evaluatedUri === '' ? 'unparsed' : 'variables';
    const [h, port] = splitHostPort(hostPort);
    const known = compiled.http.upstreams.some((u) => u.name === h && port === null);
    if (!known && !(isIpv4(h) && port !== null)) {
      return { status: 502, error: `502 Bad Gateway: no resolver defined to resolve "${h}" (from "${pp.url}")` };
    }
  } else if (pp.uri === null) {
    uri = target.unparsed;
    uriRule = 'unparsed';
  } else {
    const locLen = location.regex === null ? location.name.length : 0;
    const tail = target.uri.slice(locLen);
    uri = pp.uri + (target.quoted ? escapeUri(tail) : tail) + (target.args.length > 0 ? `?${target.args}` : '');
    uriRule = 'replaced-prefix';
  }
  const [h, port] = splitHostPort(hostPort);
  const proxyHost = port === null || port === (pp.scheme === 'https' ? '443' : '80') ? h : `${h}:${port}`;
  const lookup = lookupFor(req, target, server, proxyHost);
  const sets = effectiveSetHeaders(compiled, location);
  const headers: [string, string][] = [];
  const replaced = new Set<string>(BODY_HEADERS);
  for (const s of sets) {
    replaced.add(s.name.toLowerCase());
    const v = evaluate(s.value, lookup);
    if (v !== '') headers.push([s.name, v]);
  }
  for (const [name, value] of DEFAULT_HEADERS) {
    if (replaced.has(name.toLowerCase())) continue;
    replaced.add(name.toLowerCase());
    const v = evaluate(value, lookup);
    if (v !== '') headers.push([name, v]);
  }
  for (const [name, value] of req.headers) {
    if (!replaced.has(name.toLowerCase())) headers.push([name, value]);
  }
  return { value: { upstream: hostPort, method: req.method, uri, headers, uriRule } };
}

function describeServer(choice: ServerChoice, host: string | null): string {
  const s = `server #${choice.server.index + 1} (line ${choice.server.position.line})`;
  const h = host === null ? 'no Host header' : `Host "${host}"`;
  switch (choice.reason.kind) {
    case 'exact':
      return `${h} equals server_name "${choice.reason.name}" → ${s}`;
    case 'head':
      return `${h} matches the leading wildcard "${choice.reason.name}" (longest one that matches) → ${s}`;
    case 'tail':
      return `${h} matches the trailing wildcard "${choice.reason.name}" (longest one that matches) → ${s}`;
    case 'regex':
      return `${h} matches regex server_name "~${choice.reason.name}" (first regex in config order) → ${s}`;
    default:
      return `${h} matches no server_name → the ${choice.reason.explicit ? 'default_server' : 'first server on this port'}, ${s}`;
  }
}

function describeLocation(result: LocationResult, trace: TraceStep[]): void {
  for (const step of result.steps) {
    const l = step.location.label;
    const text: Record<typeof step.verdict, string> = {
      exact: `"${l}" matches exactly: the search stops here`,
      prefix: `"${l}" is the longest matching prefix so far${step.location.modifier === '^~' ? ' (^~: regexes are skipped)' : ''}`,
      'regex-match': `"${l}" matches: the first matching regex wins`,
      'regex-miss': `"${l}" does not match`,
      'regex-skipped': `"${l}" is not tried (the prefix match was ^~)`,
      redirect: `"${l}" is the URI plus "/" and proxies: nginx answers 301 to add the slash`,
    };
    trace.push({ stage: 'location', text: text[step.verdict] });
  }
  if (result.kind === 'none') trace.push({ stage: 'location', text: 'no location matched' });
  else trace.push({ stage: 'location', text: `chosen: "${result.location.label}"` });
}

function describeUri(up: UpstreamRequest, location: Location): string {
  if (up.uriRule === 'unparsed')
    return `proxy_pass has no URI part: the original request URI "${up.uri}" is sent unchanged`;
  if (up.uriRule === 'variables')
    return `proxy_pass uses variables: the URI "${up.uri}" is sent as evaluated, with no prefix replacement`;
  return `proxy_pass has a URI part: "${location.name}" is replaced, the upstream gets "${up.uri}"`;
}

function describePick(result: PickResult, trace: TraceStep[]): void {
  for (const a of result.attempts) {
    trace.push({
      stage: 'balance',
      text: a.failed
        ? `${a.peer.server.name} refused the connection: marked failed (${a.peer.fails}/${a.peer.server.maxFails}), next server`
        : `${a.peer.server.name}${a.peer.backup ? ' (backup)' : ''} gets the request`,
    });
  }
}
