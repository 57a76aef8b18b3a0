import type { ScenarioId } from './scenarios.ts';

/** Who sends or receives a message. */
export type Endpoint = 'client' | 'server' | 'resolver';

/** The protocol layer a message belongs to (QUIC packets carry TLS messages but are shown as QUIC). */
export type MessageLayer = 'dns' | 'tcp' | 'tls' | 'quic' | 'http';

/** How DNS is resolved before connecting. */
export type DnsInput =
  | { readonly kind: 'cached' }
  | {
      readonly kind: 'uncached';
      /** Round-trip time to the recursive resolver (ms). */
      readonly resolverRttMs: number;
      /** Sequential lookups (e.g. a CNAME chain resolved one step at a time); default 1. */
      readonly lookups?: number;
    };

/** What the caller may set; every field has a sourced default (see `DEFAULTS`). */
export interface HandshakeInput {
  /** Round-trip time client ↔ server (ms). Ignored when both one-way delays are given (they define it). */
  readonly rttMs?: number;
  /** One-way delay client → server (ms); default rttMs / 2. Give both one-way delays or neither. */
  readonly clientToServerMs?: number;
  /** One-way delay server → client (ms); default rttMs / 2. */
  readonly serverToClientMs?: number;
  /** Bottleneck bandwidth (Mbit/s), same both ways; `Infinity` means unlimited. */
  readonly bandwidthMbps?: number;
  /** Time the server spends producing the HTTP response (ms). Handshake crypto is treated as instant. */
  readonly serverProcessingMs?: number;
  /** DNS resolution before the connection; default cached. */
  readonly dns?: DnsInput;
  /** Size of the HTTP request (bytes). */
  readonly requestBytes?: number;
  /** Size of the HTTP response, headers and body (bytes). */
  readonly responseBytes?: number;
  /** Size of the server's Certificate message: the whole chain (bytes). */
  readonly certChainBytes?: number;
  /** TCP's initial congestion window in segments (1–100); default 10 (RFC 6928). QUIC keeps RFC 9002's window. */
  readonly initialWindowSegments?: number;
}

/** Fully resolved, validated input: what the model actually ran with. */
export interface NetworkConditions {
  readonly rttMs: number;
  readonly clientToServerMs: number;
  readonly serverToClientMs: number;
  readonly bandwidthMbps: number;
  readonly serverProcessingMs: number;
  readonly dns:
    | { readonly kind: 'cached' }
    | { readonly kind: 'uncached'; readonly resolverRttMs: number; readonly lookups: number };
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly certChainBytes: number;
  readonly initialWindowSegments: number;
}

/**
 * Closed set of input error codes. Numbers are checked against src/lib/bounds, which gives 'not-a-number',
 * 'out-of-range' or 'not-integer'; 'negative' and 'zero-bandwidth' are no longer produced (a negative value or a
 * zero bandwidth is 'out-of-range') and stay in the union only so existing exhaustive switches keep compiling.
 */
export type InputErrorCode =
  | 'not-a-number'
  | 'out-of-range'
  | 'negative'
  | 'zero-bandwidth'
  | 'one-way-pair'
  | 'rtt-mismatch'
  | 'not-integer';

/** A rejected input: which field, and a message quoting the value and saying what to do. */
export interface InputError {
  readonly code: InputErrorCode;
  readonly field: string;
  readonly message: string;
}

/** Result of validating user input. */
export type InputResult =
  | { readonly ok: true; readonly value: NetworkConditions }
  | { readonly ok: false; readonly error: InputError };

/** One message on the wire (a TLS handshake message, a TCP control segment, a QUIC packet, an HTTP message). */
export interface HandshakeMessage {
  /** RFC name: 'ClientHello', 'SYN-ACK', 'Initial', 'HTTP request'… */
  readonly name: string;
  /** Short display label (may add the key extension, e.g. 'ClientHello + key_share'). */
  readonly label: string;
  /** Smaller explanatory text (RFC section, what it carries). */
  readonly detail?: string;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly layer: MessageLayer;
  /** For QUIC packets: the TLS messages or frames inside. */
  readonly carries?: readonly string[];
  /** 1-based flight number: consecutive messages one side sends back to back without waiting. */
  readonly flight: number;
  /** When the first byte leaves the sender (ms since the start, DNS included). */
  readonly sendAtMs: number;
  /** When the last byte reaches the receiver (ms since the start). */
  readonly receiveAtMs: number;
  /** Approximate size on the wire (bytes of payload; 0 for bare TCP control segments). */
  readonly bytes: number;
  /** Protected by handshake or application traffic keys (QUIC Initial packets are not: their keys are public). */
  readonly encrypted: boolean;
  /** Sent before the handshake completes under 0-RTT keys (TLS/QUIC early data) or inside a TFO SYN. */
  readonly early: boolean;
  /** Optional message (e.g. a NewSessionTicket the server may skip). */
  readonly optional: boolean;
}

/** Where the time to the last byte went; the six parts add up to `timeToLastByteMs`. */
export interface TimeBreakdown {
  /** DNS lookups. */
  readonly dns: number;
  /** Transport setup before the request can be sent (TCP three-way handshake; 0 for TFO, reuse, QUIC). */
  readonly tcp: number;
  /** Cryptographic handshake before the request can be sent (QUIC's combined handshake counts here). */
  readonly tls: number;
  /** Request on the wire: sent → fully received by the server. */
  readonly request: number;
  /** Server: request received → first response byte sent (processing and any handshake wait). */
  readonly server: number;
  /** Response on the wire: first byte sent → last byte received (one-way delay, slow start, bandwidth). */
  readonly transfer: number;
}

/** Everything the model computed for one scenario. */
export interface ScenarioResult {
  readonly scenario: ScenarioId;
  readonly conditions: NetworkConditions;
  /** Messages in order of sending (ties keep protocol order). */
  readonly messages: readonly HandshakeMessage[];
  /** Full round trips (client ↔ server) spent after DNS before the request can be sent, extra slow-start rounds included. */
  readonly setupRoundTrips: number;
  /** Extra round trips caused by a server first flight larger than the window (TCP IW10 or QUIC's 3× limit). */
  readonly extraFlightRoundTrips: number;
  /** When DNS finished and the connection attempt starts (ms). */
  readonly connectStartMs: number;
  /** When the client's side of the handshake is complete (Node's `secureConnect`; for plain TCP, `connect`). */
  readonly handshakeCompleteMs: number;
  /** When the client sends the HTTP request (ms). */
  readonly requestSentMs: number;
  /** Time to first byte: start → first response byte at the client (ms, DNS included). */
  readonly ttfbMs: number;
  /** Start → last response byte at the client (ms). */
  readonly timeToLastByteMs: number;
  readonly breakdown: TimeBreakdown;
  /** Plain-language remarks: extra round trips and why, replay caveats… */
  readonly notes: readonly string[];
}
