/**
 * Where each constant of the handshake model comes from and why it has its value: one entry per constant in
 * `constants.ts` (the types make a missing or extra entry a compile error). Documentation, not model input: the
 * simulator never reads it, so the islands that run the model do not bundle it.
 */
import type { DEFAULTS, MESSAGE_BYTES, PROTOCOL } from './constants.ts';

/** The citation and the one-line reason for a constant. */
export interface ConstantSource {
  /** RFC section, browser source or measurement; 'model default' marks an illustrative choice. */
  readonly source: string;
  /** Why this value, in one line. */
  readonly note: string;
}

export const PROTOCOL_SOURCES: Readonly<Record<keyof typeof PROTOCOL, ConstantSource>> = {
  tcpMssBytes: {
    source: 'RFC 6928 §2 (SMSS); RFC 9293 §3.7.1',
    note: '1500-byte Ethernet MTU minus 20 bytes IPv4 and 20 bytes TCP header.',
  },
  tcpInitialWindowSegments: {
    source: 'RFC 6928 §2',
    note: 'IW = min(10·MSS, max(2·MSS, 14600 bytes)) = 14 600 bytes with a 1460-byte MSS.',
  },
  quicMaxDatagramBytes: {
    source: 'RFC 9000 §14.1',
    note: 'Smallest allowed max_udp_payload; a client pads datagrams carrying Initial packets to at least this.',
  },
  quicInitialWindowDatagrams: {
    source: 'RFC 9002 §7.2',
    note: 'Initial window = min(10·max_datagram_size, max(14 720, 2·max_datagram_size)) = 12 000 bytes at 1200.',
  },
  quicAmplificationFactor: {
    source: 'RFC 9000 §8.1',
    note: 'Before validating the client address a server may send at most 3× the bytes it has received.',
  },
};

export const MESSAGE_SOURCES: Readonly<Record<keyof typeof MESSAGE_BYTES, ConstantSource>> = {
  clientHello: {
    source: 'RFC 7685 §3 (padding extension)',
    note: 'Browsers padded ClientHello to 512 bytes; hybrid post-quantum key shares (X25519MLKEM768) make it ~1.8 KB.',
  },
  serverHello: {
    source: 'RFC 8446 §4.1.3 structure',
    note: '2+32+1+32+2+1 bytes of fields, key_share (36) and supported_versions (6) extensions, 9 bytes of headers.',
  },
  helloRetryRequest: {
    source: 'RFC 8446 §4.1.4',
    note: 'A ServerHello with a special random, naming the group the server wants.',
  },
  encryptedExtensions: {
    source: 'RFC 8446 §4.3.1',
    note: 'ALPN and a few small extensions, plus 22 bytes of record protection.',
  },
  certificateVerify: {
    source: 'RFC 8446 §4.4.3',
    note: 'An ECDSA P-256 signature (~72 bytes) with headers; RSA-2048 would be ~280.',
  },
  finished: {
    source: 'RFC 8446 §4.4.4; RFC 5246 §7.4.9',
    note: 'A 32-byte HMAC (12 bytes in TLS 1.2) with handshake header and record protection.',
  },
  serverKeyExchange: {
    source: 'RFC 8422 §5.4',
    note: 'Curve, a 32-byte X25519 public key and an ECDSA signature over the randoms.',
  },
  serverHelloDone: {
    source: 'RFC 5246 §7.4.5',
    note: 'Empty body: headers only.',
  },
  clientKeyExchange: {
    source: 'RFC 8422 §5.7',
    note: "The client's 32-byte X25519 public key with headers.",
  },
  changeCipherSpec: {
    source: 'RFC 5246 §7.1',
    note: 'One byte in a 5-byte record.',
  },
  newSessionTicket: {
    source: 'RFC 5077 §3.3; RFC 8446 §4.6.1',
    note: 'Ticket length is server-defined; a few hundred bytes is common.',
  },
  endOfEarlyData: {
    source: 'RFC 8446 §4.5',
    note: 'Empty body with record protection.',
  },
  quicHandshakeDone: {
    source: 'RFC 9000 §19.20',
    note: 'A one-byte frame in a short-header packet with ACKs.',
  },
  quicAck: {
    source: 'RFC 9000 §19.3',
    note: 'An ACK frame in a small packet.',
  },
  dnsQuery: {
    source: 'RFC 1035 §4.1',
    note: 'Header (12) + question; UDP.',
  },
  dnsResponse: {
    source: 'RFC 1035 §4.1',
    note: 'Query plus one A record.',
  },
};

export const DEFAULT_SOURCES: Readonly<Record<keyof typeof DEFAULTS, ConstantSource>> = {
  rttMs: {
    source: 'model default',
    note: 'A cross-continent round trip, easy to count in.',
  },
  bandwidthMbps: {
    source: 'model default',
    note: 'A typical broadband downlink; use Infinity to see latency alone.',
  },
  serverProcessingMs: {
    source: 'model default',
    note: 'Isolates network cost.',
  },
  requestBytes: {
    source: 'model default',
    note: 'A GET with typical browser headers is a few hundred bytes.',
  },
  responseBytes: {
    source: 'model default',
    note: 'A compressed HTML document of a few tens of KB: needs two slow-start rounds.',
  },
  certChainBytes: {
    source: 'model default',
    note: 'Leaf + one intermediate certificate (~1.1–1.4 KB each); fits QUIC’s first 3600-byte allowance.',
  },
  dnsLookups: {
    source: 'model default',
    note: 'One uncached A/AAAA lookup.',
  },
};
