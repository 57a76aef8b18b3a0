/**
 * The journey playground's fields (declared once with the playground toolkit, bounds from src/lib/bounds), their
 * labels, and the conversion of the controls' text to the journey model's input for both visits.
 *
 * Shape of the state: `{ url, network, visit, warm, http, tls, proxy, hsts, via, server }` — the URL as typed
 * (untrusted text, only ever shown as text and handed to the model's WHATWG parser), the choices by id, the flags,
 * and the server time as typed.
 */
import { BOUNDS } from '../bounds/index.ts';
// Only the model's types and choice lists (types.ts has no code beyond them). The presets, defaults and URL limit are
// copied below, each checked equal to the model's by tests/unit/lib/journey-playground/state.test.ts: the model's
// options.ts and url.ts share a chunk with the worker's run, and importing them would put their code (and the TLS
// calculator's state, which the presets derive from) in the island's first download.
import {
  HTTP_VERSIONS,
  type HttpVersion,
  type JourneyInput,
  TLS_VERSIONS,
  type TlsVersion,
  VISITS,
  type Visit,
  WARM_CONNECTIONS,
  type WarmConnection,
} from '../journey/types.ts';
import {
  booleanField,
  defineCodec,
  enumField,
  numberField,
  type Result,
  type StateError,
  type StateOf,
  stringField,
} from '../playground/index.ts';

/** The URL the page opens with: the one the journey guide follows in prose. */
export const SAMPLE_URL = 'https://www.example.com/blog/5';

/** Longest URL the model reads (its MAX_URL_LENGTH). */
export const MAX_URL_LENGTH = 2048;

/** The model's defaults the controls start from (its JOURNEY_DEFAULTS). */
const DEFAULTS = {
  preset: 'cross-continent',
  visit: 'cold',
  warmConnection: 'reused',
  dnsTransport: 'udp',
  httpVersion: '2',
  tlsVersion: '1.3',
  hstsPreloaded: false,
  proxy: true,
  serverMs: 20,
} as const;

/** The model's network presets (JOURNEY_PRESETS: the TLS calculator's networks), near to far: id and label. */
export const NETWORK_CHOICES = [
  { id: 'same-city', label: 'Same city (~5 ms)' },
  { id: 'cross-continent', label: 'Cross-continent (~80 ms)' },
  { id: 'mobile', label: 'Mobile (~120 ms)' },
  { id: 'satellite', label: 'Geostationary satellite (~600 ms)' },
] as const;

/** Network preset ids, as a tuple type for the codec. */
const PRESET_IDS = NETWORK_CHOICES.map((p) => p.id);

/** How the stub asks its resolver (the DNS model's transports). */
export const DNS_TRANSPORTS = ['udp', 'tcp', 'dot', 'doh'] as const;
export type DnsTransport = (typeof DNS_TRANSPORTS)[number];

/** Words for each choice, as the controls show them. */
export const VISIT_LABELS: Readonly<Record<Visit, string>> = {
  cold: 'First visit (cold)',
  warm: 'Second visit (warm)',
};
export const WARM_LABELS: Readonly<Record<WarmConnection, string>> = {
  reused: 'Connection still open (reused)',
  resumed: 'Connection closed, TLS ticket kept (resumed)',
};
export const HTTP_LABELS: Readonly<Record<HttpVersion, string>> = {
  '1.1': 'HTTP/1.1',
  '2': 'HTTP/2',
  '3': 'HTTP/3 (QUIC)',
};
export const TLS_LABELS: Readonly<Record<TlsVersion, string>> = { '1.2': 'TLS 1.2', '1.3': 'TLS 1.3' };
export const TRANSPORT_LABELS: Readonly<Record<DnsTransport, string>> = {
  udp: 'UDP (port 53)',
  tcp: 'TCP (port 53)',
  dot: 'DNS over TLS (DoT)',
  doh: 'DNS over HTTPS (DoH)',
};

/** The label of a network preset (its id when unknown). */
export function presetLabel(id: string): string {
  return NETWORK_CHOICES.find((p) => p.id === id)?.label ?? id;
}

/** The playground's fields: URL parameter, label, default and bounds of each, once. */
export const JOURNEY_CODEC = defineCodec({
  // One character over the model's limit: a longer link is clipped (with a notice) to a text the model refuses as
  // too long, instead of to a shorter URL that would silently be a different address.
  url: stringField({ param: 'url', label: 'URL', default: SAMPLE_URL, maxLength: MAX_URL_LENGTH + 1 }),
  network: enumField({
    param: 'net',
    label: 'Network',
    values: PRESET_IDS,
    default: DEFAULTS.preset,
    noun: 'network preset',
    describe: presetLabel,
  }),
  visit: enumField({
    param: 'visit',
    label: 'Visit',
    values: VISITS,
    default: DEFAULTS.visit,
    noun: 'visit',
    describe: (v) => VISIT_LABELS[v],
  }),
  warm: enumField({
    param: 'warm',
    label: 'On the second visit',
    values: WARM_CONNECTIONS,
    default: DEFAULTS.warmConnection,
    noun: 'second-visit connection',
    describe: (v) => WARM_LABELS[v],
  }),
  http: enumField({
    param: 'http',
    label: 'HTTP version',
    values: HTTP_VERSIONS,
    default: DEFAULTS.httpVersion,
    noun: 'HTTP version',
    describe: (v) => HTTP_LABELS[v],
  }),
  tls: enumField({
    param: 'tls',
    label: 'TLS version',
    values: TLS_VERSIONS,
    default: DEFAULTS.tlsVersion,
    noun: 'TLS version',
    describe: (v) => TLS_LABELS[v],
  }),
  proxy: booleanField({ param: 'proxy', label: 'Through a CDN / reverse proxy', default: DEFAULTS.proxy }),
  hsts: booleanField({
    param: 'hsts',
    label: 'Host on the HSTS preload list',
    default: DEFAULTS.hstsPreloaded,
  }),
  via: enumField({
    param: 'via',
    label: 'Browser → resolver',
    values: DNS_TRANSPORTS,
    default: DEFAULTS.dnsTransport,
    noun: 'DNS transport',
    describe: (v) => TRANSPORT_LABELS[v],
  }),
  server: numberField({
    param: 'server',
    label: 'Server time',
    bound: BOUNDS.serverMs,
    default: String(DEFAULTS.serverMs),
  }),
});

/** Everything the controls hold, as typed. */
export type JourneyPlaygroundState = StateOf<typeof JOURNEY_CODEC.fields>;

/** Why the controls cannot be turned into model input (the URL itself is checked by the model). */
export type JourneyPlaygroundError = StateError<keyof JourneyPlaygroundState>;

/** What the server renders. */
export const JOURNEY_STATE_DEFAULTS: JourneyPlaygroundState = JOURNEY_CODEC.defaults;

/** The model input of one visit from the controls. The URL goes through as typed: the model parses it. */
export function journeyInput(
  state: JourneyPlaygroundState,
  visit: Visit,
): Result<JourneyInput, JourneyPlaygroundError> {
  const parsed = JOURNEY_CODEC.parse(state);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      url: v.url,
      preset: v.network,
      visit,
      warmConnection: v.warm,
      dnsTransport: v.via,
      httpVersion: v.http,
      tlsVersion: v.tls,
      proxy: v.proxy,
      hstsPreloaded: v.hsts,
      serverMs: v.server,
    },
  };
}

/** The fields a run depends on: all but the visit (a run plans both visits, so switching needs no new run). */
export const RUN_KEYS: readonly (keyof JourneyPlaygroundState)[] = JOURNEY_CODEC.keys.filter((key) => key !== 'visit');

/** The input of one run: the same options on the first visit and on the second, so the two can be compared. */
export interface JourneyRunInput {
  readonly cold: JourneyInput;
  readonly warm: JourneyInput;
}

/** Both visits' model input from the controls, or every refused field. */
export function runInput(state: JourneyPlaygroundState): Result<JourneyRunInput, JourneyPlaygroundError> {
  const cold = journeyInput(state, 'cold');
  if (!cold.ok) return cold;
  return { ok: true, value: { cold: cold.value, warm: { ...cold.value, visit: 'warm' } } };
}
