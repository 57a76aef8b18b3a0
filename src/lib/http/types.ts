/** The five protocol variants the simulator compares (order = history). */
export const PROTOCOL_IDS = ['http1.0', 'http1.1', 'http1.1-pipelined', 'h2', 'h3'] as const;

/** One of `PROTOCOL_IDS`. */
export type ProtocolId = (typeof PROTOCOL_IDS)[number];

/** Kinds of sub-resource (only used for labels and colours). */
export const RESOURCE_TYPES = ['document', 'css', 'js', 'image', 'font', 'other'] as const;

/** One of `RESOURCE_TYPES`. */
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** A sub-resource of the page. */
export interface ResourceInput {
  /** Shown in the waterfall, e.g. 'style.css'. */
  readonly name: string;
  /** Body size in bytes (compressed, as sent). */
  readonly bytes: number;
  readonly type?: ResourceType;
  /** Index (in `resources`) of the resource that references this one: it is discovered when that one has arrived. */
  readonly dependsOn?: number;
  /** Server time to produce this response (ms); default the network's `serverProcessingMs`. */
  readonly serverMs?: number;
}

/** A page: the HTML document, then the sub-resources it references (discovered once it has fully arrived). */
export interface PageInput {
  readonly html: { readonly name?: string; readonly bytes: number; readonly serverMs?: number };
  readonly resources: readonly ResourceInput[];
}

/** Transport security for HTTP/1.x and HTTP/2 (HTTP/3 always runs QUIC, which has TLS 1.3 built in). */
export const TLS_MODES = ['tls13', 'tls12', 'none'] as const;

/** One of `TLS_MODES`. */
export type TlsMode = (typeof TLS_MODES)[number];

/** The network and browser settings; every field has a default. */
export interface NetworkInput {
  /** Round-trip time (ms), default 100. */
  readonly rttMs?: number;
  /** Bottleneck bandwidth shared by all connections (Mbit/s), default 50; `Infinity` = unlimited. */
  readonly bandwidthMbps?: number;
  /** Probability that a response packet is lost, 0–0.3; default 0. */
  readonly lossRate?: number;
  /** Seed for the loss pattern (an integer); default 1. */
  readonly seed?: number;
  /** Default 'tls13'. */
  readonly tls?: TlsMode;
  /** Resolver round trip for the one DNS lookup before the first connection (ms); default 0 (cached). */
  readonly dnsMs?: number;
  /** Default server time per response (ms); default 0. */
  readonly serverProcessingMs?: number;
  /** HTTP/1.x connections per origin; default 6 (Chrome, Firefox). */
  readonly connectionsPerOrigin?: number;
  /** Initial congestion window in packets (1–100); default 10 (RFC 6928). Linux: `ip route … initcwnd N`. */
  readonly initialWindowSegments?: number;
}

/** Validated network settings with every default filled in. */
export interface Network {
  readonly rttMs: number;
  readonly bandwidthMbps: number;
  readonly lossRate: number;
  readonly seed: number;
  readonly tls: TlsMode;
  readonly dnsMs: number;
  readonly serverProcessingMs: number;
  readonly connectionsPerOrigin: number;
  readonly initialWindowSegments: number;
}

/** A validated page: index 0 is the HTML document, 1… the resources in input order. */
export interface Page {
  readonly requests: readonly PageRequest[];
}

/** One request of a validated page. */
export interface PageRequest {
  readonly index: number;
  readonly name: string;
  readonly type: ResourceType;
  readonly bytes: number;
  /** Request index (0 = the HTML) whose arrival reveals this one; null for the HTML itself. */
  readonly discoveredBy: number | null;
  readonly serverMs: number | undefined;
}

/** Closed set of input error codes. */
export type HttpErrorCode =
  | 'not-a-number'
  | 'out-of-range'
  | 'not-integer'
  | 'too-many-resources'
  | 'too-large'
  | 'bad-dependency'
  | 'bad-name'
  | 'unknown-protocol'
  | 'unknown-tls'
  | 'unknown-preset'
  | 'unknown-type';

/** A rejected input: the field, a code, and a message quoting the value and saying what to do. */
export interface HttpInputError {
  readonly code: HttpErrorCode;
  readonly field: string;
  readonly message: string;
}

/** Result of anything that takes user input. */
export type HttpResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: HttpInputError };

/** DevTools' phase names, in the order they happen. */
export const PHASE_NAMES = [
  'Queueing',
  'Stalled',
  'DNS Lookup',
  'Initial connection',
  'SSL',
  'Request sent',
  'Waiting (TTFB)',
  'Content Download',
] as const;

/** One of `PHASE_NAMES`. */
export type PhaseName = (typeof PHASE_NAMES)[number];

/** A phase of one request (ms since navigation start); zero-length phases are left out. */
export interface Phase {
  readonly name: PhaseName;
  readonly startMs: number;
  readonly endMs: number;
}

/** Timing of one request, DevTools-style. */
export interface RequestTiming {
  readonly index: number;
  readonly name: string;
  readonly type: ResourceType;
  /** Body bytes. */
  readonly bytes: number;
  /** Request header bytes sent (HPACK/QPACK-compressed for HTTP/2 and 3). */
  readonly requestBytes: number;
  /** Response bytes sent: headers + body. */
  readonly responseBytes: number;
  readonly connectionId: number;
  /** HTTP/2 stream id (1, 3, 5… RFC 9113 §5.1.1) or QUIC stream id (0, 4, 8… RFC 9000 §2.1); null for HTTP/1.x. */
  readonly streamId: number | null;
  readonly discoveredMs: number;
  /** Request leaves the client. */
  readonly requestSentMs: number;
  /** First response byte delivered to the browser. */
  readonly firstByteMs: number;
  /** Last response byte delivered: the request is complete. */
  readonly endMs: number;
  readonly phases: readonly Phase[];
  /** Packets of this response that were lost (each cost at least one RTT). */
  readonly lostPackets: number;
  /** Longest time a delivered packet of this response waited for another response's lost packet (TCP head-of-line blocking). */
  readonly headOfLineBlockedMs: number;
}

/** One transport connection. */
export interface ConnectionTiming {
  readonly id: number;
  readonly transport: 'tcp' | 'quic';
  /** Connection attempt starts (after DNS for the first one). */
  readonly openedMs: number;
  /** Handshake done: requests may be sent. */
  readonly readyMs: number;
  /** Last response byte delivered on it. */
  readonly lastUsedMs: number;
  /** Request indexes carried, in order. */
  readonly requests: readonly number[];
  /** Round trips its handshake took (from the handshake model). */
  readonly setupRoundTrips: number;
}

/** The whole page load for one protocol. */
export interface PageLoadResult {
  readonly protocol: ProtocolId;
  readonly network: Network;
  readonly requests: readonly RequestTiming[];
  readonly connections: readonly ConnectionTiming[];
  /** Navigation start → last byte of the last resource (ms): the model's "load" time. */
  readonly totalMs: number;
  readonly connectionsOpened: number;
  /** Payload bytes both ways: handshake messages, HTTP headers and bodies, retransmissions (no IP/TCP/UDP headers). */
  readonly bytesOnWire: number;
  /** Round trips spent in connection setup, summed over connections (parallel ones count each). */
  readonly setupRoundTrips: number;
  readonly lostPackets: number;
}
