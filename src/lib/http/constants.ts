import { PROTOCOL, type SourcedConstant, TCP_INITIAL_WINDOW_BYTES } from '../handshake/constants';

/** Browser limit on HTTP/1.x connections per origin (see `HTTP_CONSTANTS.connectionsPerOrigin`). */
export const CONNECTIONS_PER_ORIGIN = 6;
/** Concurrent HTTP/2 / HTTP/3 streams a server allows (see `HTTP_CONSTANTS.maxConcurrentStreams`). */
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
 * Constants the page-load model relies on, each with its source. Transport constants (MSS, TCP initial window)
 * come from the handshake model's `PROTOCOL` table so the two models can never disagree. The numbers above and the transport constants, each with its source. The engine imports the plain numbers, so
 * this table (and its text) stays out of the browser bundle unless a page shows it.
 */
export const HTTP_CONSTANTS = {
  connectionsPerOrigin: {
    value: CONNECTIONS_PER_ORIGIN,
    unit: 'count',
    source:
      'Chromium net/socket/client_socket_pool_manager.cc (g_max_sockets_per_group = 6); Firefox network.http.max-persistent-connections-per-server = 6',
    note: 'Browsers open at most six HTTP/1.x connections to one origin; RFC 9112 §9.4 sets no fixed number.',
  },
  maxConcurrentStreams: {
    value: MAX_CONCURRENT_STREAMS,
    unit: 'count',
    source:
      'RFC 9113 §6.5.2 (SETTINGS_MAX_CONCURRENT_STREAMS ≥ 100 recommended); RFC 9000 §4.6 (initial_max_streams_bidi)',
    note: 'Servers typically allow 100 concurrent streams; further requests wait for a stream to finish.',
  },
  mssBytes: {
    value: PROTOCOL.tcpMssBytes.value,
    unit: 'bytes',
    source: PROTOCOL.tcpMssBytes.source,
    note: 'Every response is cut into packets of this payload size — for QUIC too (see quicPacketBytes).',
  },
  quicPacketBytes: {
    value: PROTOCOL.tcpMssBytes.value,
    unit: 'bytes',
    source: 'RFC 9000 §14.3 (path MTU discovery); model choice',
    note: 'QUIC starts at 1200-byte datagrams and grows with PMTU discovery; using the TCP MSS makes a seed lose the same packets over TCP and QUIC.',
  },
  initialWindowSegments: {
    value: PROTOCOL.tcpInitialWindowSegments.value,
    unit: 'segments',
    source: 'RFC 6928 §2; RFC 9002 §7.2',
    note: 'IW10: 14 600 bytes for TCP; RFC 9002’s min(10·1460, max(14 720, 2·1460)) gives the same for QUIC at 1460-byte packets.',
  },
  minimumWindowSegments: {
    value: MINIMUM_WINDOW_SEGMENTS,
    unit: 'segments',
    source: 'RFC 5681 §3.1 (eq. 4); RFC 9002 §7.2 (kMinimumWindow)',
    note: 'After a loss the window is halved but never below two packets.',
  },
  http1RequestHeaderBytes: {
    value: HTTP1_REQUEST_HEADER_BYTES,
    unit: 'bytes',
    source: 'SPDY whitepaper (chromium.org, 2009): request headers average 700–800 bytes; model default',
    note: 'Request line, Host, User-Agent, Accept*, a small Cookie — sent again in full on every HTTP/1.x request.',
  },
  http1ResponseHeaderBytes: {
    value: HTTP1_RESPONSE_HEADER_BYTES,
    unit: 'bytes',
    source: 'HTTP Archive (typical response header size); model default',
    note: 'Status line, Content-Type, Content-Length, caching and security headers.',
  },
  headerFirstRatio: {
    value: HEADER_FIRST_RATIO,
    unit: 'factor',
    source: 'RFC 7541 §5.2 and Appendix B (Huffman code); RFC 9204 §4.1.2',
    note: 'The first HPACK/QPACK header block on a connection is only Huffman-coded: ≈ 80 % of the HTTP/1.x size.',
  },
  headerRepeatRatio: {
    value: HEADER_REPEAT_RATIO,
    unit: 'factor',
    source: 'RFC 7541 §2.3.2 (dynamic table); RFC 9204 §3.2',
    note: 'Later header blocks mostly reference the dynamic table: ≈ 10 % of the HTTP/1.x size (the path still changes).',
  },
  maxRetransmissions: {
    value: MAX_RETRANSMISSIONS,
    unit: 'count',
    source: 'model limit',
    note: 'A packet lost again is resent again, each time one RTT later; after ten tries it is treated as delivered.',
  },
} as const satisfies Record<string, SourcedConstant>;

/** Limits on user input, so a page always simulates in well under a second. */
export const HTTP_LIMITS = {
  maxResources: 500,
  maxResourceBytes: 1_000_000_000,
  maxPageBytes: 2_000_000_000,
  maxRttMs: 10_000,
  maxBandwidthMbps: 100_000,
  maxLossRate: 0.3,
  maxServerMs: 60_000,
  maxDnsMs: 10_000,
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
