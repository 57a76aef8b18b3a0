/**
 * Links from a journey's phases into the playgrounds, each query built by that playground's own URL codec (so a
 * renamed parameter or a changed default can never break the link silently).
 */
import { DNS_CODEC } from '../dns-playground/state.ts';
import type { ScenarioId } from '../handshake/index.ts';
import { TIMELINE_CODEC, DEFAULT_STATE as TIMELINE_DEFAULTS } from '../http-timeline/state.ts';
import { PROXY_CODEC } from '../proxy-playground/state.ts';
import { CALCULATOR_DEFAULTS, TLS_CODEC } from '../tls-calculator/state.ts';
import type { HttpVersion, PlaygroundLink, ResolvedInput } from './types.ts';

/** Number text as a field holds it (no exponent for the bounded values used here). */
const text = (n: number): string => String(Math.round(n * 1000) / 1000);

export function dnsLink(host: string, input: ResolvedInput): PlaygroundLink {
  const query = DNS_CODEC.encode({
    ...DNS_CODEC.defaults,
    name: host,
    type: 'A',
    cache: input.resolverCache,
    transport: input.dnsTransport,
    stubRtt: text(input.network.clientResolverRttMs),
    serverRtt: text(input.network.resolverAuthoritativeRttMs),
  });
  return { label: 'Open this lookup in the DNS playground', slug: 'playgrounds/dns', query };
}

export function tlsLink(scenario: ScenarioId, input: ResolvedInput, edgeWaitMs: number): PlaygroundLink {
  const query = TLS_CODEC.encode({
    ...CALCULATOR_DEFAULTS,
    scenario,
    rtt: text(input.network.clientEdgeRttMs),
    bandwidth: Number.isFinite(input.network.bandwidthMbps) ? text(input.network.bandwidthMbps) : '',
    cert: text(input.certChainBytes),
    response: text(input.responseBytes),
    processing: text(edgeWaitMs),
    dns: '',
  });
  return { label: 'Open these round trips in the TLS calculator', slug: 'playgrounds/tls-round-trips', query };
}

const TIMELINE_PROTOCOL = { '1.1': 'http1.1', '2': 'h2', '3': 'h3' } as const;

export function httpLink(version: HttpVersion, input: ResolvedInput): PlaygroundLink {
  const query = TIMELINE_CODEC.encode({
    ...TIMELINE_DEFAULTS,
    preset: 'custom',
    protocol: TIMELINE_PROTOCOL[version],
    rtt: text(input.network.clientEdgeRttMs),
    bandwidth: Number.isFinite(input.network.bandwidthMbps) ? text(input.network.bandwidthMbps) : '100000',
    count: '1',
    size: text(input.responseBytes / 1000),
  });
  return { label: 'Open this page load in the HTTP timeline', slug: 'playgrounds/http-timeline', query };
}

export function proxyLink(host: string, target: string, tls: boolean): PlaygroundLink {
  const query = PROXY_CODEC.encode({
    ...PROXY_CODEC.defaults,
    host,
    path: target,
    mode: tls ? 'tls-termination' : 'plain-http',
  });
  return { label: 'Route this request in the proxy playground', slug: 'playgrounds/proxy', query };
}
