/**
 * The DNS playground's view model: its fields (declared once with the playground toolkit), presets, the name/type
 * validation and the run that turns a state into everything the island shows.
 *
 * Shape of the state: `{ name, type, cache, after, qmin, transport, stubRtt, serverRtt, zone, zoneText }` — the text
 * of each control as typed; `zoneText` is the edited zone file of `zone` ('' while the zone is as built in).
 * `cache`: cold (empty cache), warm (the same lookup a moment before) or after (the same lookup `after` seconds
 * before, so TTLs have counted down or expired).
 */
import { BOUNDS, type Bound } from '../bounds/index.ts';
import { DATA_TYPES, type DataTypeName } from '../dns/data-types.ts';
import { canonicalName } from '../dns/name.ts';
import {
  booleanField,
  defineCodec,
  enumField,
  type FieldError,
  numberField,
  quote,
  type Result,
  type StateError,
  type StateOf,
  stringField,
} from '../playground/index.ts';

/** How long before the shown lookup the earlier one ran (s): up to two days, past every TTL but the root's. */
export const AFTER_SECONDS: Bound = { min: 0, max: 172_800, unit: 's', integer: true };

export const CACHE_STATES = ['cold', 'warm', 'after'] as const;
export type CacheState = (typeof CACHE_STATES)[number];
const CACHE_LABELS: Record<CacheState, string> = {
  cold: 'Cold (empty cache)',
  warm: 'Warm (asked a moment ago)',
  after: 'Asked N seconds ago',
};

export const TRANSPORTS = ['udp', 'tcp', 'dot', 'doh'] as const;
export type Transport = (typeof TRANSPORTS)[number];
const TRANSPORT_LABELS: Record<Transport, string> = {
  udp: 'UDP (port 53)',
  tcp: 'TCP (port 53)',
  dot: 'DNS over TLS (DoT)',
  doh: 'DNS over HTTPS (DoH)',
};

/** The zones a reader may edit: small domain zones, each served by one name server of the built-in internet. */
export const EDITABLE_ZONES = ['example.org.', 'example.net.', 'cdn-provider.net.', 'broken.example.com.'] as const;
export type EditableZone = (typeof EDITABLE_ZONES)[number];

/** Longest edited zone text (characters): a zone of a few dozen records, and a link well under 8 KB. */
export const MAX_ZONE_TEXT = 3000;

/** The playground's fields: URL parameter, label, bounds and default of each, once. */
export const DNS_CODEC = defineCodec({
  name: stringField({ param: 'name', label: 'Name', default: 'www.example.com', maxLength: 300 }),
  type: enumField({ param: 'type', label: 'Type', values: DATA_TYPES, default: 'A', noun: 'record type' }),
  cache: enumField({
    param: 'cache',
    label: 'Resolver cache',
    values: CACHE_STATES,
    default: 'cold',
    noun: 'cache state',
    describe: (c) => CACHE_LABELS[c],
  }),
  after: numberField({ param: 'after', label: 'Seconds since the earlier lookup', bound: AFTER_SECONDS, default: 60 }),
  qmin: booleanField({ param: 'qmin', label: 'QNAME minimisation', default: true }),
  transport: enumField({
    param: 'via',
    label: 'Stub → resolver transport',
    values: TRANSPORTS,
    default: 'udp',
    noun: 'transport',
    describe: (t) => TRANSPORT_LABELS[t],
  }),
  stubRtt: numberField({ param: 'stub', label: 'Stub ↔ resolver RTT', bound: BOUNDS.rttMs, default: 10 }),
  serverRtt: numberField({ param: 'auth', label: 'Resolver ↔ servers RTT', bound: BOUNDS.rttMs, default: 60 }),
  zone: enumField({
    param: 'zone',
    label: 'Zone to edit',
    values: EDITABLE_ZONES,
    default: 'example.org.',
    noun: 'zone',
  }),
  /** The edited zone's text; empty: the zone as built in. */
  zoneText: stringField({ param: 'zt', label: 'Zone file', default: '', maxLength: MAX_ZONE_TEXT }),
});

export type DnsPlaygroundState = StateOf<typeof DNS_CODEC.fields>;
export type DnsPlaygroundError = StateError<keyof DnsPlaygroundState>;
export const DNS_DEFAULTS: DnsPlaygroundState = DNS_CODEC.defaults;

export { CACHE_LABELS, TRANSPORT_LABELS };

/** Validated input for one run. */
export interface DnsRunInput {
  readonly name: string;
  readonly type: DataTypeName;
  readonly cache: CacheState;
  readonly afterSeconds: number;
  readonly qmin: boolean;
  readonly transport: Transport;
  readonly stubRttMs: number;
  readonly serverRttMs: number;
  /** An edited zone, resolved against instead of the built-in one; absent: the built-in internet. */
  readonly zone?: { readonly origin: EditableZone; readonly text: string };
}

/** Parses the controls: numbers through the codec, the name as a domain name (quoted error when it is not one). */
export function parseDnsState(state: DnsPlaygroundState): Result<DnsRunInput, DnsPlaygroundError> {
  const parsed = DNS_CODEC.parse(state);
  const errors: FieldError<keyof DnsPlaygroundState>[] = parsed.ok ? [] : [...parsed.error.fields];
  const trimmed = state.name.trim();
  const name = trimmed === '' ? undefined : canonicalName(trimmed);
  if (name === undefined) {
    errors.push({
      code: trimmed === '' ? 'empty' : 'rejected',
      field: 'name',
      message:
        trimmed === ''
          ? 'Name is empty: type a domain name such as www.example.com.'
          : `Name ${quote(trimmed)} is not a domain name: labels of 1–63 octets separated by dots, 255 octets at most.`,
    });
  }
  // Typed text is bounded by the textarea and links by the codec; a state built in code is checked here too.
  if (state.zoneText.length > MAX_ZONE_TEXT) {
    errors.push({
      code: 'too-long',
      field: 'zoneText',
      message: `The zone file is ${state.zoneText.length} characters; the editor holds at most ${MAX_ZONE_TEXT}.`,
    });
  }
  if (!parsed.ok || name === undefined || errors.length > 0) {
    return {
      ok: false,
      error: { code: 'invalid-fields', message: errors.map((e) => e.message).join(' '), fields: errors },
    };
  }
  const v = parsed.value;
  return {
    ok: true,
    value: {
      name,
      type: v.type,
      cache: v.cache,
      afterSeconds: v.after,
      qmin: v.qmin,
      transport: v.transport,
      stubRttMs: v.stubRtt,
      serverRttMs: v.serverRtt,
      ...(v.zoneText === '' ? {} : { zone: { origin: v.zone, text: v.zoneText } }),
    },
  };
}

/** A starting point from the list: what to look at, and the state that shows it. */
export interface DnsPreset {
  readonly id: string;
  readonly label: string;
  readonly explains: string;
  readonly state: Partial<DnsPlaygroundState>;
}

export const DNS_PRESETS: readonly DnsPreset[] = [
  {
    id: 'cold',
    label: 'Cold cache',
    explains: 'Every step from the root down: priming, referrals, the answer.',
    state: { name: 'www.example.com', type: 'A', cache: 'cold' },
  },
  {
    id: 'warm',
    label: 'Warm cache',
    explains: 'The same lookup again: the resolver answers from its cache.',
    state: { name: 'www.example.com', type: 'A', cache: 'warm' },
  },
  {
    id: 'cdn',
    label: 'CNAME to a CDN',
    explains: 'blog.example.org → cdn.example.com → a CDN in another TLD: every link costs round trips.',
    state: { name: 'blog.example.org', type: 'AAAA', cache: 'cold' },
  },
  {
    id: 'nxdomain',
    label: 'NXDOMAIN and its negative TTL',
    explains: 'A name that does not exist, cached for min(SOA TTL, MINIMUM) = 5 s; ask again after 6 s.',
    state: { name: 'nope.example.org', type: 'A', cache: 'after', after: '6' },
  },
  {
    id: 'qmin-on',
    label: 'QNAME minimisation on',
    explains: 'Each server learns only one more label of the name.',
    state: { name: '10.2.0.192.in-addr.arpa', type: 'PTR', cache: 'cold', qmin: true },
  },
  {
    id: 'qmin-off',
    label: 'QNAME minimisation off',
    explains: 'Every server sees the full name: fewer queries, more leaked.',
    state: { name: '10.2.0.192.in-addr.arpa', type: 'PTR', cache: 'cold', qmin: false },
  },
  {
    id: 'doh',
    label: 'DoH vs plain UDP',
    explains: 'DNS over HTTPS pays a TCP and a TLS handshake before the first query.',
    state: { name: 'www.example.com', type: 'A', cache: 'warm', transport: 'doh' },
  },
  {
    id: 'truncation',
    label: 'Truncation and TCP fallback',
    explains: 'An answer over 1,232 octets: TC set, the stub retries over TCP.',
    state: { name: 'big.example.com', type: 'TXT', cache: 'cold', transport: 'udp' },
  },
  {
    id: 'lame',
    label: 'Lame delegation',
    explains: 'One of broken.example.com’s two servers never answers: a timeout, then the other one.',
    state: { name: 'www.broken.example.com', type: 'A', cache: 'cold' },
  },
];
