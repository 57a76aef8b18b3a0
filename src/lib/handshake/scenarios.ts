/** Every protocol scenario the model knows, in teaching order. */
export const scenarioIds = [
  'tcp-new',
  'tcp-fast-open',
  'tcp-reused',
  'tls12-full',
  'tls12-resumed',
  'tls12-false-start',
  'tls13-full',
  'tls13-hrr',
  'tls13-psk',
  'tls13-0rtt',
  'tls13-tfo',
  'quic-new',
  'quic-0rtt',
] as const;

/** Identifier of a connection-setup scenario. */
export type ScenarioId = (typeof scenarioIds)[number];

/** What a scenario is, for headings, selects and tables. */
export interface ScenarioInfo {
  readonly id: ScenarioId;
  /** Heading, e.g. 'TLS 1.3 full handshake'. */
  readonly title: string;
  /** Short label for selects and table rows. */
  readonly short: string;
  readonly transport: 'tcp' | 'quic';
  readonly tls: 'none' | '1.2' | '1.3';
  /** Needs state from an earlier visit (session ticket, TFO cookie, open connection). */
  readonly repeatVisit: boolean;
  /** Sends the request before the handshake completes (0-RTT / TFO data). */
  readonly earlyData: boolean;
  /** One sentence on what happens. */
  readonly summary: string;
  /** Primary sources for the message flow. */
  readonly sources: readonly string[];
}

/** The scenario table, one row per id. */
export const SCENARIOS: { readonly [K in ScenarioId]: ScenarioInfo & { readonly id: K } } = {
  'tcp-new': {
    id: 'tcp-new',
    title: 'New TCP connection (plain HTTP)',
    short: 'TCP, new',
    transport: 'tcp',
    tls: 'none',
    repeatVisit: false,
    earlyData: false,
    summary: 'SYN, SYN-ACK, ACK: one round trip before the request can be sent.',
    sources: ['RFC 9293 §3.5 (three-way handshake)'],
  },
  'tcp-fast-open': {
    id: 'tcp-fast-open',
    title: 'TCP Fast Open with a cookie (repeat visit)',
    short: 'TCP Fast Open',
    transport: 'tcp',
    tls: 'none',
    repeatVisit: true,
    earlyData: true,
    summary:
      'The request rides in the SYN with a cookie from an earlier visit; the server answers before the handshake ends.',
    sources: ['RFC 7413 §3 (protocol overview)', 'RFC 7413 §4.2 (server delivers SYN data to the application)'],
  },
  'tcp-reused': {
    id: 'tcp-reused',
    title: 'Reused connection (keep-alive)',
    short: 'Reused connection',
    transport: 'tcp',
    tls: 'none',
    repeatVisit: true,
    earlyData: false,
    summary: 'An already open (and, for HTTPS, already secured) connection: no setup at all.',
    sources: ['RFC 9112 §9.3 (persistent connections)'],
  },
  'tls12-full': {
    id: 'tls12-full',
    title: 'TLS 1.2 full handshake (ECDHE)',
    short: 'TLS 1.2 full',
    transport: 'tcp',
    tls: '1.2',
    repeatVisit: false,
    earlyData: false,
    summary: 'Two TLS round trips after TCP: the request waits for the server Finished.',
    sources: ['RFC 5246 §7.3 (Figure 1)', 'RFC 8422 §2 (ECDHE key exchange)', 'RFC 5077 §3.2 (NewSessionTicket)'],
  },
  'tls12-resumed': {
    id: 'tls12-resumed',
    title: 'TLS 1.2 resumed (session ID or ticket)',
    short: 'TLS 1.2 resumed',
    transport: 'tcp',
    tls: '1.2',
    repeatVisit: true,
    earlyData: false,
    summary: 'Abbreviated handshake: the server sends its Finished first, so one TLS round trip.',
    sources: ['RFC 5246 §7.3 (Figure 2)', 'RFC 5077 §3.1 (Figure 2)'],
  },
  'tls12-false-start': {
    id: 'tls12-false-start',
    title: 'TLS 1.2 with False Start',
    short: 'TLS 1.2 False Start',
    transport: 'tcp',
    tls: '1.2',
    repeatVisit: false,
    earlyData: false,
    summary: 'The client sends its request right after its own Finished, without waiting for the server Finished.',
    sources: ['RFC 7918 §1, §4 (client-side False Start)'],
  },
  'tls13-full': {
    id: 'tls13-full',
    title: 'TLS 1.3 full handshake (1-RTT)',
    short: 'TLS 1.3 full',
    transport: 'tcp',
    tls: '1.3',
    repeatVisit: false,
    earlyData: false,
    summary: 'The key share travels in the ClientHello, so one TLS round trip after TCP.',
    sources: ['RFC 8446 §2 (Figure 1)', 'RFC 8446 §4.6.1 (NewSessionTicket)'],
  },
  'tls13-hrr': {
    id: 'tls13-hrr',
    title: 'TLS 1.3 with HelloRetryRequest',
    short: 'TLS 1.3 + HRR',
    transport: 'tcp',
    tls: '1.3',
    repeatVisit: false,
    earlyData: false,
    summary: 'The client guessed a key-share group the server does not accept: one more round trip.',
    sources: ['RFC 8446 §2.1 (Figure 2)', 'RFC 8446 §4.1.4'],
  },
  'tls13-psk': {
    id: 'tls13-psk',
    title: 'TLS 1.3 PSK resumption',
    short: 'TLS 1.3 resumed',
    transport: 'tcp',
    tls: '1.3',
    repeatVisit: true,
    earlyData: false,
    summary: 'A ticket from the last visit: no Certificate, still one TLS round trip.',
    sources: ['RFC 8446 §2.2 (Figure 3)'],
  },
  'tls13-0rtt': {
    id: 'tls13-0rtt',
    title: 'TLS 1.3 0-RTT early data',
    short: 'TLS 1.3 0-RTT',
    transport: 'tcp',
    tls: '1.3',
    repeatVisit: true,
    earlyData: true,
    summary: 'The request travels with the ClientHello, encrypted with a key from the ticket (replayable).',
    sources: ['RFC 8446 §2.3 (Figure 4)', 'RFC 8446 §8 (replay)', 'RFC 8470 (early data in HTTP)'],
  },
  'tls13-tfo': {
    id: 'tls13-tfo',
    title: 'TLS 1.3 over TCP Fast Open (repeat visit)',
    short: 'TLS 1.3 + TFO',
    transport: 'tcp',
    tls: '1.3',
    repeatVisit: true,
    earlyData: false,
    summary:
      'The ClientHello rides in the SYN with a cookie from an earlier visit: one round trip before the request, not two.',
    sources: ['RFC 7413 §3, §4.1, §6.1, §7.1', 'RFC 8446 §2 (Figure 1)'],
  },
  'quic-new': {
    id: 'quic-new',
    title: 'QUIC / HTTP/3 new connection',
    short: 'QUIC new',
    transport: 'quic',
    tls: '1.3',
    repeatVisit: false,
    earlyData: false,
    summary: 'Transport and TLS 1.3 handshakes are one: the request goes after one round trip.',
    sources: ['RFC 9000 §7 (Figure 4)', 'RFC 9001 §4', 'RFC 9114 §3'],
  },
  'quic-0rtt': {
    id: 'quic-0rtt',
    title: 'QUIC / HTTP/3 0-RTT resumption',
    short: 'QUIC 0-RTT',
    transport: 'quic',
    tls: '1.3',
    repeatVisit: true,
    earlyData: true,
    summary: 'The request goes in 0-RTT packets with the first Initial: zero round trips.',
    sources: ['RFC 9000 §7 (Figure 5)', 'RFC 9001 §4.6 (0-RTT)', 'RFC 9001 §8.3 (no EndOfEarlyData)'],
  },
};

/** True if `value` is a known scenario id (for parsing URL state and props). */
export function isScenarioId(value: string): value is ScenarioId {
  return (scenarioIds as readonly string[]).includes(value);
}
