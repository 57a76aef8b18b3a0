/**
 * How each protocol variant uses connections, as data: the engine reads these rules and never compares protocol
 * names. One row per `ProtocolId`, each with the RFC section that makes it so.
 */
import type { ScenarioId } from '../handshake/scenarios.ts';
import type { ProtocolId, TlsMode } from './types.ts';

/** The connection rules of one protocol variant. */
export interface ProtocolRules {
  /** 'per-origin': up to `connectionsPerOrigin` connections (HTTP/1.x); 'one': a single connection (HTTP/2, 3). */
  readonly connectionLimit: 'per-origin' | 'one';
  /** Several requests in flight on one connection, their responses interleaved packet by packet. */
  readonly multiplexing: boolean;
  /** When every connection is busy, send the request anyway on the least busy one; responses return in order. */
  readonly pipelining: boolean;
  /** The server closes the connection after one response, so every request opens a new one. */
  readonly closesAfterResponse: boolean;
  readonly transport: 'tcp' | 'quic';
  /** Header blocks compressed with a per-connection dynamic table (HPACK / QPACK) rather than sent in full. */
  readonly headerCompression: boolean;
  /** Stream id of the n-th request on a connection (n = 0 first), or null where there are no streams. */
  readonly streamId: (nth: number) => number | null;
  readonly source: string;
}

const none = (): null => null;

/** The rules per variant. */
export const PROTOCOL_RULES: Readonly<Record<ProtocolId, ProtocolRules>> = {
  'http1.0': {
    connectionLimit: 'per-origin',
    multiplexing: false,
    pipelining: false,
    closesAfterResponse: true,
    transport: 'tcp',
    headerCompression: false,
    streamId: none,
    source: 'RFC 1945 §1.3 (one request per connection)',
  },
  'http1.1': {
    connectionLimit: 'per-origin',
    multiplexing: false,
    pipelining: false,
    closesAfterResponse: false,
    transport: 'tcp',
    headerCompression: false,
    streamId: none,
    source: 'RFC 9112 §9.3 (persistent connections)',
  },
  'http1.1-pipelined': {
    connectionLimit: 'per-origin',
    multiplexing: false,
    pipelining: true,
    closesAfterResponse: false,
    transport: 'tcp',
    headerCompression: false,
    streamId: none,
    source: 'RFC 9112 §9.3.2 (pipelining: responses in request order)',
  },
  h2: {
    connectionLimit: 'one',
    multiplexing: true,
    pipelining: false,
    closesAfterResponse: false,
    transport: 'tcp',
    headerCompression: true,
    // Client-initiated streams are odd: 1, 3, 5… (RFC 9113 §5.1.1).
    streamId: (nth) => 2 * nth + 1,
    source: 'RFC 9113 §5 (streams), RFC 7541 (HPACK)',
  },
  h3: {
    connectionLimit: 'one',
    multiplexing: true,
    pipelining: false,
    closesAfterResponse: false,
    transport: 'quic',
    headerCompression: true,
    // Client-initiated bidirectional streams: 0, 4, 8… (RFC 9000 §2.1).
    streamId: (nth) => 4 * nth,
    source: 'RFC 9114 §4, RFC 9000 §2.1, RFC 9204 (QPACK)',
  },
};

/** The handshake-model scenario a new connection of this variant runs. */
export function setupScenario(rules: ProtocolRules, tls: TlsMode): ScenarioId {
  if (rules.transport === 'quic') return 'quic-new';
  if (tls === 'none') return 'tcp-new';
  return tls === 'tls12' ? 'tls12-full' : 'tls13-full';
}
