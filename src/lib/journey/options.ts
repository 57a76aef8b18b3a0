/**
 * The journey's inputs at the edge: network presets (the TLS calculator's networks, with the DNS playground's
 * resolver distances), defaults, and one check per field against the site-wide bounds (src/lib/bounds).
 */
import { BOUNDS, type Bound, checkBound } from '../bounds/index.ts';
import type { Result } from '../playground/result.ts';
import { NETWORK_PRESETS } from '../tls-calculator/state.ts';
import {
  HTTP_VERSIONS,
  type JourneyError,
  type JourneyInput,
  type JourneyNetwork,
  RESOLVER_CACHES,
  type ResolvedInput,
  TLS_VERSIONS,
  VISITS,
  WARM_CONNECTIONS,
} from './types.ts';

/** A whole network to start from: the client link of a TLS-calculator preset plus the other hops. */
export interface JourneyPreset {
  readonly id: string;
  readonly label: string;
  readonly network: JourneyNetwork;
  /** Where the numbers come from. */
  readonly source: string;
}

/** Resolver and origin distances per client link; the client link itself is the TLS calculator's preset. */
const OTHER_HOPS: Readonly<
  Record<string, Pick<JourneyNetwork, 'clientResolverRttMs' | 'resolverAuthoritativeRttMs' | 'proxyOriginRttMs'>>
> = {
  'same-city': { clientResolverRttMs: 5, resolverAuthoritativeRttMs: 60, proxyOriginRttMs: 2 },
  'cross-continent': { clientResolverRttMs: 10, resolverAuthoritativeRttMs: 60, proxyOriginRttMs: 2 },
  mobile: { clientResolverRttMs: 60, resolverAuthoritativeRttMs: 60, proxyOriginRttMs: 2 },
  satellite: { clientResolverRttMs: 600, resolverAuthoritativeRttMs: 60, proxyOriginRttMs: 2 },
};

const HOPS_SOURCE =
  "The resolver is the access network's (one access round trip away; on a satellite link that is the whole link); the resolver ↔ authoritatives round trip is the DNS playground's default; the proxy sits next to the origin.";

/** Network presets, near to far (ids are the TLS calculator's). */
export const JOURNEY_PRESETS: readonly JourneyPreset[] = NETWORK_PRESETS.map((p) => ({
  id: p.id,
  label: p.label,
  network: {
    clientEdgeRttMs: p.rttMs,
    bandwidthMbps: p.bandwidthMbps,
    ...(OTHER_HOPS[p.id] ?? { clientResolverRttMs: 10, resolverAuthoritativeRttMs: 60, proxyOriginRttMs: 2 }),
  },
  source: `${p.source} ${HOPS_SOURCE}`,
}));

export const NETWORK_PRESET_IDS: readonly string[] = JOURNEY_PRESETS.map((p) => p.id);

/** Defaults of every option. */
export const JOURNEY_DEFAULTS: Omit<ResolvedInput, 'network'> = {
  preset: 'cross-continent',
  visit: 'cold',
  warmConnection: 'reused',
  resolverCache: 'cold',
  dnsTransport: 'udp',
  httpVersion: '2',
  tlsVersion: '1.3',
  hstsPreloaded: false,
  proxy: true,
  upstreamKeepalive: false,
  serverMs: 20,
  responseBytes: 30_000,
  certChainBytes: 2_500,
};

const NETWORK_BOUNDS: Readonly<Record<keyof JourneyNetwork, Bound>> = {
  clientResolverRttMs: BOUNDS.rttMs,
  resolverAuthoritativeRttMs: BOUNDS.rttMs,
  clientEdgeRttMs: BOUNDS.rttMs,
  proxyOriginRttMs: BOUNDS.rttMs,
  bandwidthMbps: BOUNDS.bandwidthMbps,
};

const CHOICES = {
  visit: VISITS,
  warmConnection: WARM_CONNECTIONS,
  resolverCache: RESOLVER_CACHES,
  dnsTransport: ['udp', 'tcp', 'dot', 'doh'],
  httpVersion: HTTP_VERSIONS,
  tlsVersion: TLS_VERSIONS,
} as const;

const invalid = (field: string, message: string): { ok: false; error: JourneyError } => ({
  ok: false,
  error: { code: 'invalid-option', field, message },
});

/** Fills defaults and checks every option (not the URL); never throws on any object. */
export function resolveInput(input: JourneyInput): Result<ResolvedInput, JourneyError> {
  const presetId = input.preset ?? JOURNEY_DEFAULTS.preset;
  const preset = JOURNEY_PRESETS.find((p) => p.id === presetId);
  if (preset === undefined)
    return invalid(
      'preset',
      `Unknown network preset '${String(presetId).slice(0, 40)}': use one of ${NETWORK_PRESET_IDS.join(', ')}.`,
    );
  const network: Record<string, number> = { ...preset.network };
  for (const [key, bound] of Object.entries(NETWORK_BOUNDS)) {
    const value = (input.network as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) continue;
    if (key === 'bandwidthMbps' && value === Number.POSITIVE_INFINITY) {
      network[key] = value;
      continue;
    }
    const error = checkBound(key, value, bound);
    if (error !== undefined) return invalid(key, error.message);
    network[key] = value as number;
  }
  const out: Record<string, unknown> = { ...JOURNEY_DEFAULTS, preset: presetId };
  for (const [key, values] of Object.entries(CHOICES)) {
    const value = (input as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!(values as readonly unknown[]).includes(value))
      return invalid(key, `${key} is '${String(value).slice(0, 40)}' but must be one of ${values.join(', ')}.`);
    out[key] = value;
  }
  for (const key of ['hstsPreloaded', 'proxy', 'upstreamKeepalive'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean')
      return invalid(key, `${key} must be true or false, got '${String(value).slice(0, 40)}'.`);
    out[key] = value;
  }
  const numbers: readonly [keyof JourneyInput & keyof ResolvedInput, Bound][] = [
    ['serverMs', BOUNDS.serverMs],
    ['responseBytes', { ...BOUNDS.responseBytes, max: 100_000_000 }],
    ['certChainBytes', BOUNDS.certChainBytes],
  ];
  for (const [key, bound] of numbers) {
    const value = input[key];
    if (value === undefined) continue;
    const error = checkBound(key, value, bound);
    if (error !== undefined) return invalid(key, error.message);
    out[key] = value;
  }
  return {
    ok: true,
    value: { ...(out as Omit<ResolvedInput, 'network'>), network: network as unknown as JourneyNetwork },
  };
}
