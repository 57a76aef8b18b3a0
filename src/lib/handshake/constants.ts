/** A number the model relies on, with where it comes from. */
export interface SourcedConstant {
  readonly value: number;
  readonly unit: 'bytes' | 'segments' | 'factor' | 'ms' | 'Mbit/s' | 'count';
  /** RFC section, browser source or measurement; 'model default' marks an illustrative choice. */
  readonly source: string;
  /** Why this value, in one line. */
  readonly note: string;
}

/**
 * Protocol constants. Only these decide round trips; message sizes below only matter for bandwidth
 * and for whether a flight fits in the first window.
 */
export const PROTOCOL = {
  tcpMssBytes: {
    value: 1460,
    unit: 'bytes',
    source: 'RFC 6928 §2 (SMSS); RFC 9293 §3.7.1',
    note: '1500-byte Ethernet MTU minus 20 bytes IPv4 and 20 bytes TCP header.',
  },
  tcpInitialWindowSegments: {
    value: 10,
    unit: 'segments',
    source: 'RFC 6928 §2',
    note: 'IW = min(10·MSS, max(2·MSS, 14600 bytes)) = 14 600 bytes with a 1460-byte MSS.',
  },
  quicMaxDatagramBytes: {
    value: 1200,
    unit: 'bytes',
    source: 'RFC 9000 §14.1',
    note: 'Smallest allowed max_udp_payload; a client pads datagrams carrying Initial packets to at least this.',
  },
  quicInitialWindowDatagrams: {
    value: 10,
    unit: 'count',
    source: 'RFC 9002 §7.2',
    note: 'Initial window = min(10·max_datagram_size, max(14 720, 2·max_datagram_size)) = 12 000 bytes at 1200.',
  },
  quicAmplificationFactor: {
    value: 3,
    unit: 'factor',
    source: 'RFC 9000 §8.1',
    note: 'Before validating the client address a server may send at most 3× the bytes it has received.',
  },
} as const satisfies Record<string, SourcedConstant>;

/**
 * Approximate on-the-wire sizes of handshake messages (handshake header and TLS record overhead included).
 * Exact sizes depend on extensions, key types and the record protection; these are typical.
 */
export const MESSAGE_BYTES = {
  clientHello: {
    value: 512,
    unit: 'bytes',
    source: 'RFC 7685 §3 (padding extension)',
    note: 'Browsers padded ClientHello to 512 bytes; hybrid post-quantum key shares (X25519MLKEM768) make it ~1.8 KB.',
  },
  serverHello: {
    value: 128,
    unit: 'bytes',
    source: 'RFC 8446 §4.1.3 structure',
    note: '2+32+1+32+2+1 bytes of fields, key_share (36) and supported_versions (6) extensions, 9 bytes of headers.',
  },
  helloRetryRequest: {
    value: 100,
    unit: 'bytes',
    source: 'RFC 8446 §4.1.4',
    note: 'A ServerHello with a special random, naming the group the server wants.',
  },
  encryptedExtensions: {
    value: 40,
    unit: 'bytes',
    source: 'RFC 8446 §4.3.1',
    note: 'ALPN and a few small extensions, plus 22 bytes of record protection.',
  },
  certificateVerify: {
    value: 100,
    unit: 'bytes',
    source: 'RFC 8446 §4.4.3',
    note: 'An ECDSA P-256 signature (~72 bytes) with headers; RSA-2048 would be ~280.',
  },
  finished: {
    value: 58,
    unit: 'bytes',
    source: 'RFC 8446 §4.4.4; RFC 5246 §7.4.9',
    note: 'A 32-byte HMAC (12 bytes in TLS 1.2) with handshake header and record protection.',
  },
  serverKeyExchange: {
    value: 150,
    unit: 'bytes',
    source: 'RFC 8422 §5.4',
    note: 'Curve, a 32-byte X25519 public key and an ECDSA signature over the randoms.',
  },
  serverHelloDone: { value: 9, unit: 'bytes', source: 'RFC 5246 §7.4.5', note: 'Empty body: headers only.' },
  clientKeyExchange: {
    value: 42,
    unit: 'bytes',
    source: 'RFC 8422 §5.7',
    note: "The client's 32-byte X25519 public key with headers.",
  },
  changeCipherSpec: { value: 6, unit: 'bytes', source: 'RFC 5246 §7.1', note: 'One byte in a 5-byte record.' },
  newSessionTicket: {
    value: 250,
    unit: 'bytes',
    source: 'RFC 5077 §3.3; RFC 8446 §4.6.1',
    note: 'Ticket length is server-defined; a few hundred bytes is common.',
  },
  endOfEarlyData: { value: 26, unit: 'bytes', source: 'RFC 8446 §4.5', note: 'Empty body with record protection.' },
  quicHandshakeDone: {
    value: 50,
    unit: 'bytes',
    source: 'RFC 9000 §19.20',
    note: 'A one-byte frame in a short-header packet with ACKs.',
  },
  quicAck: { value: 50, unit: 'bytes', source: 'RFC 9000 §19.3', note: 'An ACK frame in a small packet.' },
  dnsQuery: { value: 40, unit: 'bytes', source: 'RFC 1035 §4.1', note: 'Header (12) + question; UDP.' },
  dnsResponse: { value: 80, unit: 'bytes', source: 'RFC 1035 §4.1', note: 'Query plus one A record.' },
} as const satisfies Record<string, SourcedConstant>;

/** Defaults for inputs the caller leaves out. Illustrative values, not protocol constants. */
export const DEFAULTS = {
  rttMs: {
    value: 100,
    unit: 'ms',
    source: 'model default',
    note: 'A cross-continent round trip, easy to count in.',
  },
  bandwidthMbps: {
    value: 50,
    unit: 'Mbit/s',
    source: 'model default',
    note: 'A typical broadband downlink; use Infinity to see latency alone.',
  },
  serverProcessingMs: { value: 0, unit: 'ms', source: 'model default', note: 'Isolates network cost.' },
  requestBytes: {
    value: 500,
    unit: 'bytes',
    source: 'model default',
    note: 'A GET with typical browser headers is a few hundred bytes.',
  },
  responseBytes: {
    value: 30_000,
    unit: 'bytes',
    source: 'model default',
    note: 'A compressed HTML document of a few tens of KB: needs two slow-start rounds.',
  },
  certChainBytes: {
    value: 2500,
    unit: 'bytes',
    source: 'model default',
    note: 'Leaf + one intermediate certificate (~1.1–1.4 KB each); fits QUIC’s first 3600-byte allowance.',
  },
  dnsLookups: { value: 1, unit: 'count', source: 'model default', note: 'One uncached A/AAAA lookup.' },
} as const satisfies Record<string, SourcedConstant>;

/** Initial TCP congestion window in bytes (RFC 6928 §2). */
export const TCP_INITIAL_WINDOW_BYTES = PROTOCOL.tcpInitialWindowSegments.value * PROTOCOL.tcpMssBytes.value;

/** Initial QUIC congestion window in bytes (RFC 9002 §7.2). */
export const QUIC_INITIAL_WINDOW_BYTES = Math.min(
  PROTOCOL.quicInitialWindowDatagrams.value * PROTOCOL.quicMaxDatagramBytes.value,
  Math.max(14_720, 2 * PROTOCOL.quicMaxDatagramBytes.value),
);
