/**
 * The catalogue of messages the scenario scripts send: RFC names, sizes (constants.ts) and what each carries.
 * Scripts decide when; this file decides what.
 */
import { MESSAGE_BYTES, PROTOCOL } from './constants.ts';
import type { Part } from './wire.ts';

const B = MESSAGE_BYTES;

/** Where a request travels: its protection and whether it is early data. */
export type RequestKind = 'plain' | 'tls' | 'early' | 'quic' | 'quic-early' | 'tfo';

const REQUEST_DETAIL: Record<RequestKind, string> = {
  plain: 'plain text',
  tls: 'application data',
  early: '0-RTT early data, replayable (RFC 8446 §8)',
  quic: 'HEADERS on stream 0, in a 1-RTT packet',
  'quic-early': 'HEADERS on stream 0, in a 0-RTT packet (RFC 9001 §4.6)',
  tfo: 'data in the SYN (RFC 7413 §3)',
};

/** The HTTP request, `bytes` long. */
export function request(kind: RequestKind, bytes: number): Part {
  const http3 = kind === 'quic' || kind === 'quic-early';
  return {
    name: 'HTTP request',
    label: http3 ? 'HTTP/3 GET /' : 'HTTP GET /',
    detail: REQUEST_DETAIL[kind],
    bytes,
    layer: 'http',
    encrypted: kind !== 'plain' && kind !== 'tfo',
    early: kind === 'early' || kind === 'quic-early' || kind === 'tfo',
  };
}

/** The HTTP response, `bytes` long. */
export function response(kind: 'plain' | 'tls' | 'quic', bytes: number): Part {
  return {
    name: 'HTTP response',
    label: kind === 'quic' ? 'HTTP/3 200 OK' : 'HTTP 200 OK',
    detail: `${bytes} bytes`,
    bytes,
    layer: 'http',
    encrypted: kind !== 'plain',
  };
}

/** Bytes of the first response packet (TCP segment or QUIC datagram). */
export function firstPacketBytes(kind: 'plain' | 'tls' | 'quic'): number {
  return kind === 'quic' ? PROTOCOL.quicMaxDatagramBytes.value : PROTOCOL.tcpMssBytes.value;
}

/** TCP control segments. */
export const TCP = {
  syn: { name: 'SYN', bytes: 0, layer: 'tcp' },
  synAck: { name: 'SYN-ACK', bytes: 0, layer: 'tcp' },
  ack: { name: 'ACK', bytes: 0, layer: 'tcp' },
  synWithCookie: {
    name: 'SYN',
    label: 'SYN + TFO cookie',
    bytes: 0,
    layer: 'tcp',
    detail: 'cookie from an earlier visit (RFC 7413 §4.1)',
  },
  synAckForData: { name: 'SYN-ACK', bytes: 0, layer: 'tcp', detail: 'acknowledges the SYN data' },
} as const satisfies Record<string, Part>;

/** DNS query and response sizes. */
export const DNS_BYTES = { query: B.dnsQuery.value, response: B.dnsResponse.value } as const;

/** TLS messages shared by 1.2 and 1.3. */
export const TLS = {
  finished: { name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true },
  changeCipherSpec: { name: 'ChangeCipherSpec', bytes: B.changeCipherSpec.value, layer: 'tls' },
} as const satisfies Record<string, Part>;

/** TLS 1.2 (RFC 5246 §7.3). */
export const TLS12 = {
  clientHello: {
    name: 'ClientHello',
    bytes: B.clientHello.value,
    layer: 'tls',
    detail: 'cipher suites, supported_groups',
  },
  clientHelloResume: {
    name: 'ClientHello',
    label: 'ClientHello + session ID / SessionTicket',
    bytes: B.clientHello.value + B.newSessionTicket.value,
    layer: 'tls',
    detail: 'offers the saved session (RFC 5077 §3.1)',
  },
  serverHello: { name: 'ServerHello', bytes: B.serverHello.value, layer: 'tls' },
  serverHelloResumed: {
    name: 'ServerHello',
    bytes: B.serverHello.value,
    layer: 'tls',
    detail: 'same session: no Certificate',
  },
  serverKeyExchange: {
    name: 'ServerKeyExchange',
    bytes: B.serverKeyExchange.value,
    layer: 'tls',
    detail: 'ECDHE public key, signed',
  },
  serverHelloDone: { name: 'ServerHelloDone', bytes: B.serverHelloDone.value, layer: 'tls' },
  clientKeyExchange: {
    name: 'ClientKeyExchange',
    bytes: B.clientKeyExchange.value,
    layer: 'tls',
    detail: 'ECDHE public key',
  },
  ticketIfOffered: {
    name: 'NewSessionTicket',
    bytes: B.newSessionTicket.value,
    layer: 'tls',
    optional: true,
    detail: 'if the client offered SessionTicket (RFC 5077 §3.2)',
  },
  ticketIfRenewed: {
    name: 'NewSessionTicket',
    bytes: B.newSessionTicket.value,
    layer: 'tls',
    optional: true,
    detail: 'only if the server renews the ticket',
  },
} as const satisfies Record<string, Part>;

/** The server's certificate chain (TLS 1.2 and 1.3 alike; encrypted in 1.3). */
export function certificate(bytes: number, encrypted: boolean): Part {
  return encrypted
    ? { name: 'Certificate', bytes, layer: 'tls', encrypted: true }
    : { name: 'Certificate', bytes, layer: 'tls' };
}

/** How a TLS 1.3 handshake goes (RFC 8446 §2): full, retried, resumed, resumed with early data, or over TFO. */
export type Tls13Mode = 'full' | 'hrr' | 'psk' | '0rtt' | 'tfo';

const HELLO13_DETAIL: Record<Tls13Mode, string> = {
  full: 'supported_versions, signature_algorithms',
  hrr: 'second ClientHello, with the requested group',
  psk: 'ticket from the last visit, psk_key_exchange_modes',
  '0rtt': 'early_data, psk_key_exchange_modes',
  tfo: 'in the SYN, with a TFO cookie (RFC 7413 §3)',
};

/** The TLS 1.3 ClientHello for a mode (with a PSK for resumption). */
export function clientHello13(mode: Tls13Mode): Part {
  const psk = mode === 'psk' || mode === '0rtt';
  return {
    name: 'ClientHello',
    label: psk ? 'ClientHello + key_share + pre_shared_key' : 'ClientHello + key_share',
    bytes: B.clientHello.value + (psk ? B.newSessionTicket.value : 0),
    layer: 'tls',
    detail: HELLO13_DETAIL[mode],
    // Inside a TFO SYN counts as early (see HandshakeMessage.early), though a ClientHello is safe to replay.
    ...(mode === 'tfo' ? { early: true } : {}),
  };
}

/** TLS 1.3 messages of the HelloRetryRequest exchange (RFC 8446 §4.1.4). */
export const TLS13_RETRY = {
  firstHello: {
    name: 'ClientHello',
    label: 'ClientHello + key_share',
    bytes: B.clientHello.value,
    layer: 'tls',
    detail: 'key share for a group the server does not pick',
  },
  helloRetryRequest: {
    name: 'HelloRetryRequest',
    label: 'HelloRetryRequest + key_share',
    bytes: B.helloRetryRequest.value,
    layer: 'tls',
    detail: 'names the group to use (RFC 8446 §4.1.4)',
  },
} as const satisfies Record<string, Part>;

/** The TLS 1.3 server flight: ServerHello, EncryptedExtensions, (Certificate, CertificateVerify,) Finished. */
export function tls13ServerFlight(certChainBytes: number, psk: boolean, earlyAccepted: boolean): Part[] {
  const parts: Part[] = [
    {
      name: 'ServerHello',
      label: psk ? 'ServerHello + pre_shared_key' : 'ServerHello + key_share',
      bytes: B.serverHello.value,
      layer: 'tls',
      detail: psk ? 'key_share too: (EC)DHE keeps forward secrecy' : 'handshake keys derived from here on',
    },
    {
      name: 'EncryptedExtensions',
      label: earlyAccepted ? 'EncryptedExtensions + early_data' : 'EncryptedExtensions',
      bytes: B.encryptedExtensions.value,
      layer: 'tls',
      encrypted: true,
    },
  ];
  if (!psk) {
    parts.push(certificate(certChainBytes, true), {
      name: 'CertificateVerify',
      bytes: B.certificateVerify.value,
      layer: 'tls',
      encrypted: true,
    });
  }
  parts.push(TLS.finished);
  return parts;
}

/** TLS 1.3 post-handshake and early-data messages. */
export const TLS13 = {
  newSessionTicket: {
    name: 'NewSessionTicket',
    bytes: B.newSessionTicket.value,
    layer: 'tls',
    encrypted: true,
    optional: true,
    detail: 'post-handshake (RFC 8446 §4.6.1)',
  },
  endOfEarlyData: {
    name: 'EndOfEarlyData',
    bytes: B.endOfEarlyData.value,
    layer: 'tls',
    encrypted: true,
    early: true,
    detail: 'under the early traffic key (RFC 8446 §4.5)',
  },
} as const satisfies Record<string, Part>;

/** QUIC packets carrying the TLS 1.3 handshake (RFC 9000 §7, RFC 9001 §4). */
export const QUIC = {
  clientInitial(bytes: number, zeroRtt: boolean, datagram: number): Part {
    return {
      name: 'Initial',
      label: zeroRtt ? 'Initial: ClientHello + pre_shared_key' : 'Initial: ClientHello',
      carries: ['ClientHello'],
      bytes,
      layer: 'quic',
      detail: `padded to ${datagram} bytes (RFC 9000 §14.1)`,
    };
  },
  serverInitial: {
    name: 'Initial',
    label: 'Initial: ServerHello',
    carries: ['ServerHello', 'ACK'],
    bytes: B.serverHello.value + B.quicAck.value,
    layer: 'quic',
  } as Part,
  serverHandshake(certChainBytes: number, zeroRtt: boolean): Part {
    return {
      name: 'Handshake',
      label: zeroRtt
        ? 'Handshake: EncryptedExtensions, Finished'
        : 'Handshake: EncryptedExtensions, Certificate, CertificateVerify, Finished',
      carries: zeroRtt
        ? ['EncryptedExtensions', 'Finished']
        : ['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished'],
      bytes: zeroRtt
        ? B.encryptedExtensions.value + B.finished.value
        : B.encryptedExtensions.value + certChainBytes + B.certificateVerify.value + B.finished.value,
      layer: 'quic',
      encrypted: true,
    };
  },
  clientAck(datagram: number): Part {
    return {
      name: 'Initial',
      label: 'Initial: ACK',
      carries: ['ACK'],
      bytes: datagram - B.finished.value,
      layer: 'quic',
      detail: 'same datagram as the Handshake packet, padded',
    };
  },
  clientFinished: {
    name: 'Handshake',
    label: 'Handshake: Finished',
    carries: ['Finished', 'ACK'],
    bytes: B.finished.value,
    layer: 'quic',
    encrypted: true,
  } as Part,
  handshakeDone: {
    name: '1-RTT',
    label: '1-RTT: HANDSHAKE_DONE, NewSessionTicket',
    carries: ['HANDSHAKE_DONE', 'NewSessionTicket'],
    bytes: B.quicHandshakeDone.value + B.newSessionTicket.value,
    layer: 'quic',
    encrypted: true,
    detail: 'handshake confirmed (RFC 9001 §4.1.2)',
  } as Part,
};
