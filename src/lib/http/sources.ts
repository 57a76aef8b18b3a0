/** The page-load model's constants with their sources: documentation, never read by the simulator. */
import { type ModelConstant, PROTOCOL } from '../handshake/constants.ts';
import { type ConstantSource, PROTOCOL_SOURCES } from '../handshake/sources.ts';
import {
  CONNECTIONS_PER_ORIGIN,
  HEADER_FIRST_RATIO,
  HEADER_REPEAT_RATIO,
  HTTP1_REQUEST_HEADER_BYTES,
  HTTP1_RESPONSE_HEADER_BYTES,
  LOSS_BETA,
  MAX_CONCURRENT_STREAMS,
  MAX_RETRANSMISSIONS,
  MINIMUM_WINDOW_SEGMENTS,
} from './constants.ts';

/**
 * Constants the page-load model relies on, each with its source. Transport constants (MSS, TCP initial window)
 * come from the handshake model's `PROTOCOL` table so the two models can never disagree. The engine imports the
 * plain numbers from constants.ts; this table and its text live here so the island does not bundle them.
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
    source: PROTOCOL_SOURCES.tcpMssBytes.source,
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
    note: 'After a loss the window is cut (to 0.7 × cwnd, see lossBeta) but never below two packets.',
  },
  lossBeta: {
    value: LOSS_BETA,
    unit: 'factor',
    source: 'RFC 9438 §4.6 (CUBIC β_cubic = 0.7); Linux net.ipv4.tcp_congestion_control = cubic by default',
    note: 'After a round with a loss the window becomes 0.7 × cwnd, as CUBIC does; Reno (RFC 5681 §3.1) would halve it. Growth stays Reno-like.',
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
} as const satisfies Record<string, ModelConstant & ConstantSource>;
