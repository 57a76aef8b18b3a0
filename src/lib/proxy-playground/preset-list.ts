/**
 * The playground's presets without their config texts (ids, labels, hints, the request each one sends): small
 * enough for the island's first load. The configs are in preset-configs.ts, loaded when a preset is picked.
 */
import type { TrafficMode } from '../proxy/index.ts';

export interface PresetRequest {
  readonly id: PresetId;
  readonly label: string;
  /** One sentence: what to look at. */
  readonly hint: string;
  readonly host: string;
  readonly path: string;
  readonly client: string;
  readonly mode: TrafficMode;
}

export const PRESET_IDS = [
  'l7-api',
  'trailing-slash',
  'regex-beats-prefix',
  'caret-tilde',
  'wildcard-names',
  'weighted-round-robin',
  'ip-hash',
  'consistent-hash',
  'tls-passthrough',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const PRESET_REQUESTS: Readonly<Record<PresetId, PresetRequest>> = {
  'l7-api': {
    id: 'l7-api',
    label: 'The L7 guide: /api/ to the API pool',
    hint: 'The longest matching prefix wins: /api/users goes to api_servers, /about to web_servers.',
    host: 'app.example.com',
    path: '/api/users?page=2',
    client: '203.0.113.7',
    mode: 'tls-termination',
  },
  'trailing-slash': {
    id: 'trailing-slash',
    label: 'The trailing-slash trap',
    hint: 'With a URI part ("/") in proxy_pass, the matched prefix is replaced: "/api" + "/users" becomes "//users".',
    host: 'example.com',
    path: '/api/users',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'regex-beats-prefix': {
    id: 'regex-beats-prefix',
    label: 'A regex beats a longer prefix',
    hint: 'nginx remembers the longest prefix, then tries the regexes in order; the first match wins.',
    host: 'example.com',
    path: '/images/thumbnails/cat.png',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'caret-tilde': {
    id: 'caret-tilde',
    label: '^~ stops the regex search',
    hint: 'When the longest prefix is marked ^~, the regexes are not tried at all.',
    host: 'example.com',
    path: '/images/cat.png',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'wildcard-names': {
    id: 'wildcard-names',
    label: 'Wildcard server names',
    hint: 'Exact name first, then the longest *.name, then the longest name.*, then the first regex, else the default.',
    host: 'www.example.com',
    path: '/',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'weighted-round-robin': {
    id: 'weighted-round-robin',
    label: 'Weighted round-robin',
    hint: 'Smooth weighted round-robin: weights 5, 1, 1 give a a b a c a a — never five a in a row.',
    host: 'example.com',
    path: '/',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'ip-hash': {
    id: 'ip-hash',
    label: 'ip_hash stickiness',
    hint: 'ip_hash hashes the first three octets of an IPv4 client: every client in one /24 lands on one server.',
    host: 'example.com',
    path: '/',
    client: '198.51.100.23',
    mode: 'plain-http',
  },
  'consistent-hash': {
    id: 'consistent-hash',
    label: 'Consistent hashing when a backend leaves',
    hint: 'Mark one server failed: only the keys it held move (about a quarter), the rest stay where they were.',
    host: 'example.com',
    path: '/products/42',
    client: '203.0.113.7',
    mode: 'plain-http',
  },
  'tls-passthrough': {
    id: 'tls-passthrough',
    label: 'TLS passthrough vs termination',
    hint: 'Switch the traffic mode: passing TLS through, the proxy sees the SNI and nothing of HTTP.',
    host: 'api.example.com',
    path: '/v1/orders',
    client: '203.0.113.7',
    mode: 'tls-passthrough',
  },
};
