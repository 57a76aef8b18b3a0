/**
 * The proxy playground's view model: from (config text, request fields, failed backends) to everything the island
 * shows — the positioned config error or the routing result with its trace, the request as the backend receives
 * it, the L4/L7 visibility table, the flow diagram data, and the "send 100 requests" distribution. Pure: the island
 * only renders this.
 */
// Direct module imports (not the diagram index): the island's lazy chunk needs only the flow layout.
import { layoutFlow } from '../diagram/flow.ts';
import type { Scene } from '../diagram/scene.ts';
import {
  type ConfigError,
  compileHttp,
  layerView,
  type ProxyConfig,
  type ProxyRequest,
  parseConfig,
  type RouteResult,
  routeRequest,
  routeStream,
  type StreamOutcome,
  type TrafficMode,
  type VisibleField,
} from '../proxy/index.ts';

export interface PlaygroundInput {
  readonly config: string;
  readonly host: string;
  readonly path: string;
  readonly client: string;
  readonly mode: TrafficMode;
  /** Backends (`address:port`) marked failed: they refuse connections. */
  readonly failed: readonly string[];
}

export interface PlaygroundView {
  readonly config: { ok: true; value: ProxyConfig } | { ok: false; error: ConfigError };
  /** Problems with the request fields (quoted). */
  readonly requestError: string | null;
  readonly http: RouteResult | null;
  readonly stream: StreamOutcome | null;
  readonly layers: readonly VisibleField[];
  /** Every upstream server, for the "mark failed" controls. */
  readonly backends: readonly string[];
  readonly flow: FlowData | null;
}

/** What the flow diagram shows: client → proxy → backend, with the deciding labels. */
export interface FlowData {
  readonly client: string;
  readonly proxy: string;
  readonly backend: string;
  readonly request: string;
  readonly forwarded: string;
  readonly ok: boolean;
}

/** The flow diagram laid out (client → proxy → backend) with its accessible name, for `<Scene>`. */
export function flowScene(f: FlowData): { readonly scene: Scene; readonly title: string } {
  const scene = layoutFlow({
    nodes: [
      { id: 'c', label: 'Client', sublabel: f.client, col: 0, row: 0, kind: 'client' },
      { id: 'p', label: 'Proxy', sublabel: f.proxy, col: 1, row: 0, kind: 'proxy' },
      { id: 'b', label: f.ok ? 'Backend' : 'Answer', sublabel: f.backend, col: 2, row: 0, kind: 'server' },
    ],
    edges: [
      { from: 'c', to: 'p', label: f.request },
      { from: 'p', to: 'b', label: f.forwarded || ' ', dashed: !f.ok },
    ],
  });
  return { scene, title: `Client ${f.client} to proxy to ${f.backend}` };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Checks the request fields; null when they are usable. */
export function checkRequest(input: Pick<PlaygroundInput, 'host' | 'path' | 'client'>): string | null {
  if (!IPV4.test(input.client))
    return `Client address '${input.client.slice(0, 60)}' is not an IPv4 address such as 203.0.113.7.`;
  if (!input.path.startsWith('/')) return `Path '${input.path.slice(0, 60)}' must start with "/".`;
  if (input.path.length > 2000) return 'The path is longer than 2,000 characters.';
  if (input.host.length > 255) return 'The Host is longer than 255 characters.';
  return null;
}

/** The request the fields describe (the port is the first one the config listens on, 80 without one). */
export function buildRequest(input: PlaygroundInput, config: ProxyConfig | null): ProxyRequest {
  const ports = config?.http?.servers.flatMap((s) => s.listens) ?? [];
  const first = ports[0];
  const https = input.mode !== 'plain-http' || first?.ssl === true;
  return {
    clientIp: input.client,
    clientPort: 51_234,
    port: first?.port ?? 80,
    scheme: https ? 'https' : 'http',
    method: 'GET',
    target: input.path,
    headers: input.host === '' ? [] : [['Host', input.host]],
  };
}

/** Builds the whole view. Never throws on any input. */
export function buildView(input: PlaygroundInput): PlaygroundView {
  const parsed = parseConfig(input.config);
  const requestError = checkRequest(input);
  if (!parsed.ok) {
    return { config: parsed, requestError, http: null, stream: null, layers: [], backends: [], flow: null };
  }
  const config = parsed.value;
  const backends = [...(config.http?.upstreams ?? []), ...(config.stream?.upstreams ?? [])].flatMap((u) =>
    u.servers.map((s) => s.name),
  );
  const req = buildRequest(input, config);
  const sni = input.mode === 'plain-http' ? null : input.host.replace(/:\d+$/, '') || null;
  const layers = requestError === null ? layerView(req, input.mode, sni) : [];
  if (requestError !== null)
    return { config: parsed, requestError, http: null, stream: null, layers, backends, flow: null };
  const failed = new Set(input.failed);
  const http = config.http === null ? null : routeRequest(compileHttp(config.http), req, { failed });
  const streamPort = config.stream?.servers[0]?.listens[0]?.port ?? 443;
  const stream =
    config.stream === null
      ? null
      : routeStream(config.stream, { port: streamPort, udp: false, clientIp: input.client, sni });
  return {
    config: parsed,
    requestError,
    http,
    stream,
    layers,
    backends: [...new Set(backends)],
    flow: flowData(input, http, stream),
  };
}

function flowData(input: PlaygroundInput, http: RouteResult | null, stream: StreamOutcome | null): FlowData {
  const client = input.client;
  if (http !== null) {
    const o = http.outcome;
    const backend =
      o.kind === 'proxy'
        ? (o.pick?.peer?.server.name ?? o.request.upstream)
        : o.kind === 'return'
          ? `nginx answers ${o.status}`
          : o.kind === 'redirect'
            ? 'nginx answers 301'
            : o.kind === 'static'
              ? 'files on the proxy'
              : `error ${o.status || '(refused)'}`;
    return {
      client,
      proxy: http.location?.kind === 'found' ? http.location.location.label : 'nginx',
      backend,
      request: `GET ${input.path}`,
      forwarded: o.kind === 'proxy' ? `GET ${o.request.uri}` : '',
      ok: o.kind === 'proxy',
    };
  }
  const backend = stream?.kind === 'proxy' ? (stream.backend ?? stream.upstream) : 'no backend';
  return {
    client,
    proxy: 'nginx stream (L4)',
    backend,
    request: 'TLS bytes',
    forwarded: 'same bytes',
    ok: stream?.kind === 'proxy',
  };
}
