/**
 * Types of the journey model: one request from the address bar to the page's last byte, composed from the site's
 * DNS, handshake, HTTP and proxy models. See index.ts for the API in one place.
 */
import type { StubTransport } from '../dns/index.ts';

/** Cold: nothing cached in the browser. Warm: the same URL a moment later (browser DNS cache, connection or ticket). */
export const VISITS = ['cold', 'warm'] as const;
export type Visit = (typeof VISITS)[number];

/**
 * What the warm visit still holds: the open connection (keep-alive; nothing to set up) or only a TLS session
 * ticket (a new TCP connection with an abbreviated handshake: TLS 1.2 session resumption, TLS 1.3 PSK, QUIC 0-RTT).
 */
export const WARM_CONNECTIONS = ['reused', 'resumed'] as const;
export type WarmConnection = (typeof WARM_CONNECTIONS)[number];

/** The resolver's cache when the browser asks (cold: empty, the resolver walks from the root). */
export const RESOLVER_CACHES = ['cold', 'warm'] as const;
export type ResolverCache = (typeof RESOLVER_CACHES)[number];

export const HTTP_VERSIONS = ['1.1', '2', '3'] as const;
export type HttpVersion = (typeof HTTP_VERSIONS)[number];

export const TLS_VERSIONS = ['1.2', '1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** The columns of the ladder, left to right. */
export const LANES = ['client', 'resolver', 'authoritative', 'proxy', 'origin'] as const;
export type Lane = (typeof LANES)[number];

/** Round trips (ms) of each hop, and the client's bottleneck bandwidth. Delays are symmetric: one way = RTT / 2. */
export interface JourneyNetwork {
  /** Browser (stub) ↔ recursive resolver. */
  readonly clientResolverRttMs: number;
  /** Recursive resolver ↔ every authoritative server (root, TLD, the domain's). */
  readonly resolverAuthoritativeRttMs: number;
  /** Browser ↔ the server it connects to: the proxy/CDN edge when there is one, else the origin. */
  readonly clientEdgeRttMs: number;
  /** Proxy ↔ origin (ignored without a proxy). */
  readonly proxyOriginRttMs: number;
  /** Client link bandwidth (Mbit/s); `Infinity` = unlimited. */
  readonly bandwidthMbps: number;
}

/** Everything planJourney reads; every field but `url` has a default (JOURNEY_DEFAULTS). */
export interface JourneyInput {
  /** What was typed in the address bar (untrusted; at most MAX_URL_LENGTH characters are read). */
  readonly url: string;
  /** A network preset id (NETWORK_PRESET_IDS); `network` fields override it. Default 'cross-continent'. */
  readonly preset?: string;
  readonly network?: Partial<JourneyNetwork>;
  readonly visit?: Visit;
  readonly warmConnection?: WarmConnection;
  readonly resolverCache?: ResolverCache;
  readonly dnsTransport?: StubTransport;
  readonly httpVersion?: HttpVersion;
  readonly tlsVersion?: TlsVersion;
  /** The host is on the browser's HSTS preload list: `http://` is upgraded to `https://` before anything is sent. */
  readonly hstsPreloaded?: boolean;
  /** A reverse proxy / CDN edge terminates the connection and opens its own to the origin. */
  readonly proxy?: boolean;
  /** The proxy keeps idle connections to the origin (nginx `keepalive`); nginx's default is a new one per request. */
  readonly upstreamKeepalive?: boolean;
  /** Origin time from request received to first response byte (ms). */
  readonly serverMs?: number;
  /** The HTML document's body (bytes); the HTTP model adds the response header bytes. */
  readonly responseBytes?: number;
  /** The server's certificate chain (bytes). */
  readonly certChainBytes?: number;
}

/** The input with every default filled in and every number checked. */
export interface ResolvedInput {
  readonly preset: string;
  readonly network: JourneyNetwork;
  readonly visit: Visit;
  readonly warmConnection: WarmConnection;
  readonly resolverCache: ResolverCache;
  readonly dnsTransport: StubTransport;
  readonly httpVersion: HttpVersion;
  readonly tlsVersion: TlsVersion;
  readonly hstsPreloaded: boolean;
  readonly proxy: boolean;
  readonly upstreamKeepalive: boolean;
  readonly serverMs: number;
  readonly responseBytes: number;
  readonly certChainBytes: number;
}

/** What kind of host the URL names. */
export type HostKind = 'domain' | 'ipv4' | 'ipv6' | 'localhost';

/** The URL as the WHATWG parser (the platform's `URL`) sees it, plus what the browser does with it. */
export interface ParsedUrl {
  /** As typed (clipped to MAX_URL_LENGTH). */
  readonly input: string;
  /** The serialised URL actually requested (after a missing scheme is filled in and HSTS). */
  readonly href: string;
  /** 'https' or 'http' (after HSTS). */
  readonly scheme: 'https' | 'http';
  /** The scheme as typed or as the address bar filled it in, before HSTS. */
  readonly typedScheme: 'https' | 'http';
  /** True when no scheme was typed and the address bar added `https://`. */
  readonly schemeAdded: boolean;
  /** True when `http://` became `https://` because the host is HSTS-preloaded. */
  readonly hstsUpgraded: boolean;
  /** ASCII host (punycode for IDNs; IPv6 without brackets). */
  readonly host: string;
  /** The host in Unicode (equal to `host` when it has no `xn--` label). */
  readonly unicodeHost: string;
  readonly hostKind: HostKind;
  readonly port: number;
  /** True when the port is the scheme's default (443 / 80), whether typed or not. */
  readonly defaultPort: boolean;
  /** True when the URL spelled out a port. */
  readonly portTyped: boolean;
  /** Percent-encoded path ('/' at least). */
  readonly path: string;
  /** Query without '?', '' when none. */
  readonly query: string;
  /** Fragment without '#', '' when none: never sent to the server. */
  readonly fragment: string;
  /** True when the URL carried `user:password@` (sent nowhere by fetch; browsers warn). */
  readonly hasCredentials: boolean;
}

/** Why a URL (or an option) is refused. */
export const JOURNEY_ERROR_CODES = [
  'empty-url',
  'url-too-long',
  'invalid-url',
  'unsupported-scheme',
  'empty-host',
  'invalid-host',
  'invalid-port',
  'name-not-found',
  'invalid-option',
] as const;
export type JourneyErrorCode = (typeof JOURNEY_ERROR_CODES)[number];

export interface JourneyError {
  readonly code: JourneyErrorCode;
  /** Plain words, quoting the input (clipped). */
  readonly message: string;
  /** For invalid-option: the input field. */
  readonly field?: string;
}

export const PHASE_IDS = [
  'url',
  'dns',
  'connect',
  'tls',
  'request',
  'proxy-connect',
  'proxy-request',
  'server',
  'proxy-response',
  'response',
  'download',
] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

/** A link into a playground, preloaded with this journey's values through that playground's own URL codec. */
export interface PlaygroundLink {
  readonly label: string;
  /** Docs slug (no slashes at the ends), e.g. 'playgrounds/dns'. */
  readonly slug: string;
  /** The query without '?', e.g. 'name=www.example.com&stub=10'. */
  readonly query: string;
}

/**
 * One phase of the timeline. Phases are consecutive (each starts where the previous ended) and never overlap;
 * zero-length phases are kept when they explain something (a DNS cache hit, a reused connection).
 */
export interface JourneyPhase {
  readonly id: PhaseId;
  /** DevTools-style name: 'DNS Lookup', 'Initial connection', 'SSL', 'Request sent', 'Waiting (TTFB)'… */
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Who takes part, in LANES order. */
  readonly lanes: readonly Lane[];
  /** One line, plain words, with this journey's numbers. */
  readonly explanation: string;
  /** Docs slug of the guide for this phase. */
  readonly guide: string;
  readonly playground: PlaygroundLink | null;
}

/** One arrow on the ladder. */
export interface LadderMessage {
  readonly from: Lane;
  readonly to: Lane;
  readonly sendMs: number;
  readonly arriveMs: number;
  readonly label: string;
  readonly phase: PhaseId;
}

/**
 * curl's `-w` timers for the same transfer (ms since the start): when the name was resolved, the TCP connection
 * open, the TLS handshake done (equal to `connect` without TLS; curl prints 0 there), the first response byte
 * received and the last. On a reused connection curl reports 0 for the first three, and so does the model.
 */
export interface CurlMarks {
  readonly namelookup: number;
  readonly connect: number;
  readonly appconnect: number;
  readonly starttransfer: number;
  readonly total: number;
}

/** One thing the warm visit does differently. */
export interface WarmChange {
  readonly id: 'dns-cache' | 'connection-reused' | 'tls-resumed' | 'quic-0rtt' | 'tcp-warm-window' | 'hsts';
  readonly text: string;
  /** Milliseconds the warm visit saves by it (≥ 0). */
  readonly savedMs: number;
}

/** What the proxy does with the request (from the proxy model, nginx 1.22 semantics). */
export interface ProxyHop {
  /** The backend the origin connection goes to. */
  readonly backend: string;
  /** Request line sent upstream. */
  readonly requestLine: string;
  /** Headers the origin sees, in nginx's order. */
  readonly headers: readonly (readonly [string, string])[];
  /** The config the model ran (nginx syntax). */
  readonly config: string;
}

/** The whole journey. */
export interface Journey {
  readonly url: ParsedUrl;
  readonly input: ResolvedInput;
  /** HTTP version actually used (plain http:// is HTTP/1.1: browsers speak HTTP/2 and 3 only over TLS). */
  readonly httpVersion: HttpVersion;
  /** TLS version used, null for plain http://. HTTP/3 always uses TLS 1.3. */
  readonly tlsVersion: TlsVersion | null;
  /** The handshake model's scenario for the client's connection ('tcp-reused' when reused). */
  readonly scenario: string;
  readonly phases: readonly JourneyPhase[];
  readonly messages: readonly LadderMessage[];
  readonly marks: CurlMarks;
  /** The same journey's warm visit compared with its cold one (empty on a cold-only view is never the case). */
  readonly warmChanges: readonly WarmChange[];
  readonly proxy: ProxyHop | null;
  /** The address the name resolved to (or the literal), null for localhost. */
  readonly address: string | null;
  readonly totalMs: number;
  /** Plain-language caveats (fallbacks, what the model leaves out for this input). */
  readonly notes: readonly string[];
}
