import { BOUNDS } from '../bounds/index.ts';
import { PROTOCOL, TCP_INITIAL_WINDOW_BYTES } from '../handshake/constants.ts';

/** Browser limit on HTTP/1.x connections per origin (see `HTTP_CONSTANTS.connectionsPerOrigin` in sources.ts). */
export const CONNECTIONS_PER_ORIGIN = 6;
/** Concurrent HTTP/2 / HTTP/3 streams a server allows (see `HTTP_CONSTANTS.maxConcurrentStreams` in sources.ts). */
export const MAX_CONCURRENT_STREAMS = 100;
/** HTTP/1.x request header bytes, sent in full every time. */
export const HTTP1_REQUEST_HEADER_BYTES = 500;
/** HTTP/1.x response header bytes. */
export const HTTP1_RESPONSE_HEADER_BYTES = 300;
/** First HPACK/QPACK header block on a connection, as a fraction of the HTTP/1.x size. */
export const HEADER_FIRST_RATIO = 0.8;
/** Later HPACK/QPACK header blocks, as a fraction of the HTTP/1.x size. */
export const HEADER_REPEAT_RATIO = 0.1;
/** Times a packet is resent before the model treats it as delivered. */
export const MAX_RETRANSMISSIONS = 10;
/** Smallest congestion window after a loss, in packets. */
export const MINIMUM_WINDOW_SEGMENTS = 2;
/**
 * Multiplicative decrease on loss: the window becomes β × cwnd. 0.7 is CUBIC's β (RFC 9438 §4.6), Linux's default
 * congestion control since 2.6.19; Reno and RFC 5681 §3.1 use 0.5. The model keeps Reno's growth (one packet per
 * round in congestion avoidance) and only takes CUBIC's decrease — see README.md, "Loss".
 */
export const LOSS_BETA = 0.7;
/** Default initial congestion window in packets (RFC 6928 IW10); `NetworkInput.initialWindowSegments` overrides it. */
export const INITIAL_WINDOW_SEGMENTS = PROTOCOL.tcpInitialWindowSegments.value;

/**
 * Limits on user input, taken from the site-wide bounds table (src/lib/bounds) so the model and the playground
 * fields agree. Kept under this name for existing importers.
 */
export const HTTP_LIMITS = {
  maxResources: BOUNDS.resources.max,
  maxResourceBytes: BOUNDS.responseBytes.max,
  maxPageBytes: BOUNDS.pageBytes.max,
  maxRttMs: BOUNDS.rttMs.max,
  maxBandwidthMbps: BOUNDS.bandwidthMbps.max,
  maxLossRate: BOUNDS.lossRate.max,
  maxServerMs: BOUNDS.serverMs.max,
  maxDnsMs: BOUNDS.dnsMs.max,
  maxNameLength: 80,
} as const;

/** Payload bytes per packet (TCP MSS; QUIC packets are modelled at the same size). */
export const PACKET_BYTES = PROTOCOL.tcpMssBytes.value;

/**
 * Initial congestion window in bytes: the handshake model's TCP IW10 (RFC 6928). QUIC gets the same: RFC 9002 §7.2's
 * min(10·1460, max(14 720, 2·1460)) = 14 600 at the 1460-byte packets this model uses.
 */
export const INITIAL_WINDOW_BYTES = TCP_INITIAL_WINDOW_BYTES;

/** Smallest congestion window after a loss (bytes). */
export const MINIMUM_WINDOW_BYTES = MINIMUM_WINDOW_SEGMENTS * PACKET_BYTES;
