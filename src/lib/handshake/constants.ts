/**
 * A number the model relies on. Where each comes from (RFC section, browser source, or 'model default') and why is in
 * `sources.ts`, kept apart so the islands that run the model do not ship the documentation.
 */
export interface ModelConstant {
  readonly value: number;
  readonly unit: 'bytes' | 'segments' | 'factor' | 'ms' | 'Mbit/s' | 'count';
}

/**
 * Protocol constants. Only these decide round trips; message sizes below only matter for bandwidth
 * and for whether a flight fits in the first window.
 */
export const PROTOCOL = {
  tcpMssBytes: { value: 1460, unit: 'bytes' },
  tcpInitialWindowSegments: { value: 10, unit: 'segments' },
  quicMaxDatagramBytes: { value: 1200, unit: 'bytes' },
  quicInitialWindowDatagrams: { value: 10, unit: 'count' },
  quicAmplificationFactor: { value: 3, unit: 'factor' },
} as const satisfies Record<string, ModelConstant>;

/**
 * Approximate on-the-wire sizes of handshake messages (handshake header and TLS record overhead included).
 * Exact sizes depend on extensions, key types and the record protection; these are typical.
 */
export const MESSAGE_BYTES = {
  clientHello: { value: 512, unit: 'bytes' },
  serverHello: { value: 128, unit: 'bytes' },
  helloRetryRequest: { value: 100, unit: 'bytes' },
  encryptedExtensions: { value: 40, unit: 'bytes' },
  certificateVerify: { value: 100, unit: 'bytes' },
  finished: { value: 58, unit: 'bytes' },
  serverKeyExchange: { value: 150, unit: 'bytes' },
  serverHelloDone: { value: 9, unit: 'bytes' },
  clientKeyExchange: { value: 42, unit: 'bytes' },
  changeCipherSpec: { value: 6, unit: 'bytes' },
  newSessionTicket: { value: 250, unit: 'bytes' },
  endOfEarlyData: { value: 26, unit: 'bytes' },
  quicHandshakeDone: { value: 50, unit: 'bytes' },
  quicAck: { value: 50, unit: 'bytes' },
  dnsQuery: { value: 40, unit: 'bytes' },
  dnsResponse: { value: 80, unit: 'bytes' },
} as const satisfies Record<string, ModelConstant>;

/** Defaults for inputs the caller leaves out. Illustrative values, not protocol constants. */
export const DEFAULTS = {
  rttMs: { value: 100, unit: 'ms' },
  bandwidthMbps: { value: 50, unit: 'Mbit/s' },
  serverProcessingMs: { value: 0, unit: 'ms' },
  requestBytes: { value: 500, unit: 'bytes' },
  responseBytes: { value: 30_000, unit: 'bytes' },
  certChainBytes: { value: 2500, unit: 'bytes' },
  dnsLookups: { value: 1, unit: 'count' },
} as const satisfies Record<string, ModelConstant>;

/** Initial TCP congestion window in bytes (RFC 6928 §2). */
export const TCP_INITIAL_WINDOW_BYTES = PROTOCOL.tcpInitialWindowSegments.value * PROTOCOL.tcpMssBytes.value;

/** Initial QUIC congestion window in bytes (RFC 9002 §7.2). */
export const QUIC_INITIAL_WINDOW_BYTES = Math.min(
  PROTOCOL.quicInitialWindowDatagrams.value * PROTOCOL.quicMaxDatagramBytes.value,
  Math.max(14_720, 2 * PROTOCOL.quicMaxDatagramBytes.value),
);
