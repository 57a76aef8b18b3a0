/**
 * The round-trip model. A scenario is a script of flights: each flight leaves one side at a known time,
 * and each message in it arrives after the one-way delay plus slow-start rounds or serialization
 * (see transfer.ts). A side only sends when the message it needs has arrived, so every time is a sum of
 * one-way delays, extra rounds, serialization and server processing.
 */
import { MESSAGE_BYTES, PROTOCOL, QUIC_INITIAL_WINDOW_BYTES, TCP_INITIAL_WINDOW_BYTES } from './constants.ts';
import { SCENARIOS, type ScenarioId, scenarioIds } from './scenarios.ts';
import { flightArrivalOffsetMs, type PathTiming, slowStartRounds } from './transfer.ts';
import type {
  Endpoint,
  HandshakeInput,
  HandshakeMessage,
  MessageLayer,
  NetworkConditions,
  ScenarioResult,
} from './types.ts';
import { validateInput } from './validate.ts';

/** One message to put in a flight. */
interface Part {
  readonly name: string;
  readonly label?: string;
  readonly detail?: string;
  readonly bytes: number;
  readonly layer: MessageLayer;
  readonly encrypted?: boolean;
  readonly early?: boolean;
  readonly optional?: boolean;
  readonly carries?: readonly string[];
}

type Draft = Omit<HandshakeMessage, 'flight'>;

interface Flight {
  readonly sendAtMs: number;
  /** Arrival of each part's last byte, in part order. */
  readonly arrivals: readonly number[];
  readonly lastArrivalMs: number;
  readonly extraRounds: number;
}

/** What a scenario script reports back. */
interface Outcome {
  readonly transportReadyMs: number;
  readonly handshakeCompleteMs: number;
  readonly requestSentMs: number;
  readonly requestArrivedMs: number;
  readonly responseSentMs: number;
  readonly firstByteMs: number;
  readonly lastByteMs: number;
  /** Extra rounds of server handshake flights (window or amplification limited). */
  readonly extraRounds: number;
  readonly notes: readonly string[];
}

const B = MESSAGE_BYTES;
const QUIC_DATAGRAM = PROTOCOL.quicMaxDatagramBytes.value;
const AMPLIFICATION = PROTOCOL.quicAmplificationFactor.value;

/** Collects messages; the only state the scripts share. */
class Wire {
  readonly drafts: Draft[] = [];
  readonly path: PathTiming;
  readonly window: number;
  readonly conditions: NetworkConditions;

  constructor(conditions: NetworkConditions, transport: 'tcp' | 'quic') {
    this.conditions = conditions;
    this.path = conditions;
    this.window = transport === 'tcp' ? TCP_INITIAL_WINDOW_BYTES : QUIC_INITIAL_WINDOW_BYTES;
  }

  /** Each side's latest flight, so a second send by that side at the same moment continues it. */
  private readonly latest: Partial<Record<'client' | 'server', { at: number; bytes: number; capBytes: number }>> = {};

  /**
   * Sends `parts` back to back from `from` at `at`; `capBytes` limits the first window (QUIC amplification).
   * Sends by one side at the same instant form one flight: bytes queue behind the earlier parts.
   */
  send(from: 'client' | 'server', at: number, parts: readonly Part[], capBytes = Number.POSITIVE_INFINITY): Flight {
    const to: Endpoint = from === 'client' ? 'server' : 'client';
    const direction = from === 'client' ? 'toServer' : 'toClient';
    const previous = this.latest[from];
    const continues = previous !== undefined && previous.at === at;
    let cumulative = continues ? previous.bytes : 0;
    const cap = continues ? previous.capBytes : capBytes;
    const arrivals: number[] = [];
    for (const part of parts) {
      cumulative += part.bytes;
      const receiveAtMs = at + flightArrivalOffsetMs(cumulative, direction, this.path, this.window, cap);
      arrivals.push(receiveAtMs);
      this.drafts.push(toDraft(part, from, to, at, receiveAtMs));
    }
    this.latest[from] = { at, bytes: cumulative, capBytes: cap };
    const lastArrivalMs = arrivals.at(-1) ?? at;
    return { sendAtMs: at, arrivals, lastArrivalMs, extraRounds: slowStartRounds(cumulative, this.window, cap) - 1 };
  }

  /** Arrival of the `index`-th part of a flight (throws on a script bug). */
  static arrival(flight: Flight, index: number): number {
    const value = flight.arrivals[index];
    if (value === undefined) throw new Error(`Flight has no part ${index}`);
    return value;
  }
}

function toDraft(part: Part, from: Endpoint, to: Endpoint, sendAtMs: number, receiveAtMs: number): Draft {
  return {
    name: part.name,
    label: part.label ?? part.name,
    ...(part.detail === undefined ? {} : { detail: part.detail }),
    from,
    to,
    layer: part.layer,
    ...(part.carries === undefined ? {} : { carries: part.carries }),
    sendAtMs,
    receiveAtMs,
    bytes: part.bytes,
    encrypted: part.encrypted ?? false,
    early: part.early ?? false,
    optional: part.optional ?? false,
  };
}

/** DNS lookups, one after another; returns when the last answer is in. */
function resolveDns(wire: Wire): number {
  const dns = wire.conditions.dns;
  if (dns.kind === 'cached') return 0;
  let t = 0;
  for (let i = 0; i < dns.lookups; i += 1) {
    const answerAt = t + dns.resolverRttMs;
    const half = t + dns.resolverRttMs / 2;
    const n = dns.lookups > 1 ? ` ${i + 1}/${dns.lookups}` : '';
    wire.drafts.push({
      name: 'DNS query',
      label: `DNS query${n}`,
      from: 'client',
      to: 'resolver',
      layer: 'dns',
      sendAtMs: t,
      receiveAtMs: half,
      bytes: B.dnsQuery.value,
      encrypted: false,
      early: false,
      optional: false,
    });
    wire.drafts.push({
      name: 'DNS response',
      label: `DNS response${n}`,
      from: 'resolver',
      to: 'client',
      layer: 'dns',
      sendAtMs: half,
      receiveAtMs: answerAt,
      bytes: B.dnsResponse.value,
      encrypted: false,
      early: false,
      optional: false,
    });
    t = answerAt;
  }
  return t;
}

/** SYN, SYN-ACK; returns when the client may send (the ACK goes with its first data). */
function tcpHandshake(wire: Wire, t: number): number {
  const syn = wire.send('client', t, [{ name: 'SYN', bytes: 0, layer: 'tcp' }]);
  const synAck = wire.send('server', syn.lastArrivalMs, [{ name: 'SYN-ACK', bytes: 0, layer: 'tcp' }]);
  wire.send('client', synAck.lastArrivalMs, [{ name: 'ACK', bytes: 0, layer: 'tcp' }]);
  return synAck.lastArrivalMs;
}

function requestPart(wire: Wire, kind: 'plain' | 'tls' | 'early' | 'quic' | 'quic-early' | 'tfo'): Part {
  const http3 = kind === 'quic' || kind === 'quic-early';
  const name = 'HTTP request';
  const label = http3 ? 'HTTP/3 GET /' : 'HTTP GET /';
  const details: Record<typeof kind, string> = {
    plain: 'plain text',
    tls: 'application data',
    early: '0-RTT early data, replayable (RFC 8446 §8)',
    quic: 'HEADERS on stream 0, in a 1-RTT packet',
    'quic-early': 'HEADERS on stream 0, in a 0-RTT packet (RFC 9001 §4.6)',
    tfo: 'data in the SYN (RFC 7413 §3)',
  };
  return {
    name,
    label,
    detail: details[kind],
    bytes: wire.conditions.requestBytes,
    layer: 'http',
    encrypted: kind !== 'plain' && kind !== 'tfo',
    early: kind === 'early' || kind === 'quic-early' || kind === 'tfo',
  };
}

/** The server answers once it has the request, has processed it and is allowed to send. */
function respond(
  wire: Wire,
  requestArrivedMs: number,
  serverMaySendMs: number,
  kind: 'plain' | 'tls' | 'quic',
): Pick<Outcome, 'responseSentMs' | 'firstByteMs' | 'lastByteMs'> & { rounds: number } {
  const c = wire.conditions;
  const responseSentMs = Math.max(requestArrivedMs + c.serverProcessingMs, serverMaySendMs);
  const flight = wire.send('server', responseSentMs, [
    {
      name: 'HTTP response',
      label: kind === 'quic' ? 'HTTP/3 200 OK' : 'HTTP 200 OK',
      detail: `${c.responseBytes} bytes`,
      bytes: c.responseBytes,
      layer: 'http',
      encrypted: kind !== 'plain',
    },
  ]);
  const firstPacket = Math.min(kind === 'quic' ? QUIC_DATAGRAM : PROTOCOL.tcpMssBytes.value, c.responseBytes);
  const firstByteMs = responseSentMs + flightArrivalOffsetMs(firstPacket, 'toClient', wire.path, wire.window);
  return { responseSentMs, firstByteMs, lastByteMs: flight.lastArrivalMs, rounds: flight.extraRounds + 1 };
}

function tls13ServerFlight(wire: Wire, psk: boolean, earlyAccepted: boolean): Part[] {
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
    parts.push(
      { name: 'Certificate', bytes: wire.conditions.certChainBytes, layer: 'tls', encrypted: true },
      { name: 'CertificateVerify', bytes: B.certificateVerify.value, layer: 'tls', encrypted: true },
    );
  }
  parts.push({ name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true });
  return parts;
}

function newSessionTicket13(wire: Wire, at: number): void {
  wire.send('server', at, [
    {
      name: 'NewSessionTicket',
      bytes: B.newSessionTicket.value,
      layer: 'tls',
      encrypted: true,
      optional: true,
      detail: 'post-handshake (RFC 8446 §4.6.1)',
    },
  ]);
}

function windowNote(bytes: number, extra: number, what: string): string {
  return (
    `${what} (${bytes} bytes) is larger than TCP's initial window of ${TCP_INITIAL_WINDOW_BYTES} bytes ` +
    `(10 × ${PROTOCOL.tcpMssBytes.value}, RFC 6928): the server waits for ACKs, ${extra} extra round trip${extra === 1 ? '' : 's'}.`
  );
}

/** TLS 1.2 full handshake over a new TCP connection; `falseStart` sends the request with the client Finished. */
function tls12Full(wire: Wire, t0: number, falseStart: boolean): Outcome {
  const ready = tcpHandshake(wire, t0);
  const hello = wire.send('client', ready, [
    { name: 'ClientHello', bytes: B.clientHello.value, layer: 'tls', detail: 'cipher suites, supported_groups' },
  ]);
  const serverParts: Part[] = [
    { name: 'ServerHello', bytes: B.serverHello.value, layer: 'tls' },
    { name: 'Certificate', bytes: wire.conditions.certChainBytes, layer: 'tls' },
    { name: 'ServerKeyExchange', bytes: B.serverKeyExchange.value, layer: 'tls', detail: 'ECDHE public key, signed' },
    { name: 'ServerHelloDone', bytes: B.serverHelloDone.value, layer: 'tls' },
  ];
  const first = wire.send('server', hello.lastArrivalMs, serverParts);
  const clientParts: Part[] = [
    { name: 'ClientKeyExchange', bytes: B.clientKeyExchange.value, layer: 'tls', detail: 'ECDHE public key' },
    { name: 'ChangeCipherSpec', bytes: B.changeCipherSpec.value, layer: 'tls' },
    { name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true },
  ];
  if (falseStart) {
    clientParts.push({ ...requestPart(wire, 'tls'), detail: 'False Start: before the server Finished (RFC 7918)' });
  }
  const second = wire.send('client', first.lastArrivalMs, clientParts);
  const finishedAt = second.lastArrivalMs; // the server reacts to the whole flight (with False Start: + request)
  const last = wire.send('server', finishedAt, [
    {
      name: 'NewSessionTicket',
      bytes: B.newSessionTicket.value,
      layer: 'tls',
      optional: true,
      detail: 'if the client offered SessionTicket (RFC 5077 §3.2)',
    },
    { name: 'ChangeCipherSpec', bytes: B.changeCipherSpec.value, layer: 'tls' },
    { name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true },
  ]);
  const handshakeCompleteMs = last.lastArrivalMs;
  let requestSentMs: number;
  let requestArrivedMs: number;
  if (falseStart) {
    requestSentMs = second.sendAtMs;
    requestArrivedMs = Wire.arrival(second, 3);
  } else {
    const request = wire.send('client', handshakeCompleteMs, [requestPart(wire, 'tls')]);
    requestSentMs = request.sendAtMs;
    requestArrivedMs = request.lastArrivalMs;
  }
  const response = respond(wire, requestArrivedMs, last.sendAtMs, 'tls');
  const notes: string[] = [];
  if (first.extraRounds > 0) notes.push(windowNote(sum(serverParts), first.extraRounds, "The server's first flight"));
  if (falseStart) {
    notes.push(
      'False Start needs a forward-secret key exchange (ECDHE) and an ALPN-negotiated protocol; ' +
        'the request is sent before the server has proven it holds the key (RFC 7918 §3–§4).',
    );
  }
  return {
    transportReadyMs: ready,
    handshakeCompleteMs,
    requestSentMs,
    requestArrivedMs,
    ...response,
    extraRounds: first.extraRounds,
    notes,
  };
}

function tls12Resumed(wire: Wire, t0: number): Outcome {
  const ready = tcpHandshake(wire, t0);
  const hello = wire.send('client', ready, [
    {
      name: 'ClientHello',
      label: 'ClientHello + session ID / SessionTicket',
      bytes: B.clientHello.value + B.newSessionTicket.value,
      layer: 'tls',
      detail: 'offers the saved session (RFC 5077 §3.1)',
    },
  ]);
  const server = wire.send('server', hello.lastArrivalMs, [
    { name: 'ServerHello', bytes: B.serverHello.value, layer: 'tls', detail: 'same session: no Certificate' },
    {
      name: 'NewSessionTicket',
      bytes: B.newSessionTicket.value,
      layer: 'tls',
      optional: true,
      detail: 'only if the server renews the ticket',
    },
    { name: 'ChangeCipherSpec', bytes: B.changeCipherSpec.value, layer: 'tls' },
    { name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true },
  ]);
  const client = wire.send('client', server.lastArrivalMs, [
    { name: 'ChangeCipherSpec', bytes: B.changeCipherSpec.value, layer: 'tls' },
    { name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true },
    requestPart(wire, 'tls'),
  ]);
  const requestArrivedMs = Wire.arrival(client, 2);
  return {
    transportReadyMs: ready,
    handshakeCompleteMs: server.lastArrivalMs,
    requestSentMs: client.sendAtMs,
    requestArrivedMs,
    ...respond(wire, requestArrivedMs, requestArrivedMs, 'tls'),
    extraRounds: 0,
    notes: [],
  };
}

/** TLS 1.3 over a new TCP connection: full, with HelloRetryRequest, PSK, or PSK + 0-RTT. */
function tls13(wire: Wire, t0: number, mode: 'full' | 'hrr' | 'psk' | '0rtt'): Outcome {
  const ready = tcpHandshake(wire, t0);
  const psk = mode === 'psk' || mode === '0rtt';
  let helloSentAt = ready;
  if (mode === 'hrr') {
    const first = wire.send('client', ready, [
      {
        name: 'ClientHello',
        label: 'ClientHello + key_share',
        bytes: B.clientHello.value,
        layer: 'tls',
        detail: 'key share for a group the server does not pick',
      },
    ]);
    const retry = wire.send('server', first.lastArrivalMs, [
      {
        name: 'HelloRetryRequest',
        label: 'HelloRetryRequest + key_share',
        bytes: B.helloRetryRequest.value,
        layer: 'tls',
        detail: 'names the group to use (RFC 8446 §4.1.4)',
      },
    ]);
    helloSentAt = retry.lastArrivalMs;
  }
  const helloParts: Part[] = [
    {
      name: 'ClientHello',
      label: psk ? 'ClientHello + key_share + pre_shared_key' : 'ClientHello + key_share',
      bytes: B.clientHello.value + (psk ? B.newSessionTicket.value : 0),
      layer: 'tls',
      detail:
        mode === '0rtt'
          ? 'early_data, psk_key_exchange_modes'
          : mode === 'hrr'
            ? 'second ClientHello, with the requested group'
            : psk
              ? 'ticket from the last visit, psk_key_exchange_modes'
              : 'supported_versions, signature_algorithms',
    },
  ];
  if (mode === '0rtt') helloParts.push(requestPart(wire, 'early'));
  const hello = wire.send('client', helloSentAt, helloParts);
  const serverParts = tls13ServerFlight(wire, psk, mode === '0rtt');
  const server = wire.send('server', Wire.arrival(hello, 0), serverParts);
  const handshakeCompleteMs = server.lastArrivalMs;
  const clientParts: Part[] = [];
  if (mode === '0rtt') {
    clientParts.push({
      name: 'EndOfEarlyData',
      bytes: B.endOfEarlyData.value,
      layer: 'tls',
      encrypted: true,
      early: true,
      detail: 'under the early traffic key (RFC 8446 §4.5)',
    });
  }
  clientParts.push({ name: 'Finished', bytes: B.finished.value, layer: 'tls', encrypted: true });
  if (mode !== '0rtt') clientParts.push(requestPart(wire, 'tls'));
  const client = wire.send('client', handshakeCompleteMs, clientParts);
  // The server handles the client's flight once it is in (OpenSSL issues tickets on the client Finished).
  const clientFinishedAt = client.lastArrivalMs;
  const notes: string[] = [];
  let requestSentMs: number;
  let requestArrivedMs: number;
  let response: ReturnType<typeof respond>;
  if (mode === '0rtt') {
    requestSentMs = hello.sendAtMs;
    requestArrivedMs = Wire.arrival(hello, 1);
    // 0.5-RTT data: the server may answer right after its own Finished (RFC 8446 §2.3).
    response = respond(wire, requestArrivedMs, server.sendAtMs, 'tls');
    newSessionTicket13(wire, clientFinishedAt);
    notes.push(
      'Early data can be replayed by an attacker: servers accept it only for safe, idempotent requests ' +
        '(RFC 8446 §8; HTTP answers 425 Too Early, RFC 8470).',
    );
  } else {
    requestSentMs = client.sendAtMs;
    requestArrivedMs = Wire.arrival(client, 1);
    newSessionTicket13(wire, clientFinishedAt);
    response = respond(wire, requestArrivedMs, server.sendAtMs, 'tls');
  }
  if (server.extraRounds > 0) notes.push(windowNote(sum(serverParts), server.extraRounds, "The server's first flight"));
  return {
    transportReadyMs: ready,
    handshakeCompleteMs,
    requestSentMs,
    requestArrivedMs,
    ...response,
    extraRounds: server.extraRounds,
    notes,
  };
}

/** QUIC + TLS 1.3 + HTTP/3: a new connection, or 0-RTT resumption. */
function quic(wire: Wire, t0: number, zeroRtt: boolean): Outcome {
  const helloBytes = Math.max(QUIC_DATAGRAM, B.clientHello.value + (zeroRtt ? B.newSessionTicket.value : 0));
  const clientParts: Part[] = [
    {
      name: 'Initial',
      label: zeroRtt ? 'Initial: ClientHello + pre_shared_key' : 'Initial: ClientHello',
      carries: ['ClientHello'],
      bytes: helloBytes,
      layer: 'quic',
      detail: `padded to ${QUIC_DATAGRAM} bytes (RFC 9000 §14.1)`,
    },
  ];
  if (zeroRtt) clientParts.push(requestPart(wire, 'quic-early'));
  const hello = wire.send('client', t0, clientParts);
  const received = sum(clientParts);
  const cap = AMPLIFICATION * received;
  const serverParts: Part[] = [
    {
      name: 'Initial',
      label: 'Initial: ServerHello',
      carries: ['ServerHello', 'ACK'],
      bytes: B.serverHello.value + B.quicAck.value,
      layer: 'quic',
    },
    {
      name: 'Handshake',
      label: zeroRtt
        ? 'Handshake: EncryptedExtensions, Finished'
        : 'Handshake: EncryptedExtensions, Certificate, CertificateVerify, Finished',
      carries: zeroRtt
        ? ['EncryptedExtensions', 'Finished']
        : ['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished'],
      bytes: zeroRtt
        ? B.encryptedExtensions.value + B.finished.value
        : B.encryptedExtensions.value + wire.conditions.certChainBytes + B.certificateVerify.value + B.finished.value,
      layer: 'quic',
      encrypted: true,
    },
  ];
  const server = wire.send('server', Wire.arrival(hello, 0), serverParts, cap);
  const handshakeCompleteMs = server.lastArrivalMs;
  const finishParts: Part[] = [
    {
      name: 'Initial',
      label: 'Initial: ACK',
      carries: ['ACK'],
      bytes: QUIC_DATAGRAM - B.finished.value,
      layer: 'quic',
      detail: 'same datagram as the Handshake packet, padded',
    },
    {
      name: 'Handshake',
      label: 'Handshake: Finished',
      carries: ['Finished', 'ACK'],
      bytes: B.finished.value,
      layer: 'quic',
      encrypted: true,
    },
  ];
  if (!zeroRtt) finishParts.push(requestPart(wire, 'quic'));
  const finish = wire.send('client', handshakeCompleteMs, finishParts);
  const requestSentMs = zeroRtt ? hello.sendAtMs : finish.sendAtMs;
  const requestArrivedMs = zeroRtt ? Wire.arrival(hello, 1) : Wire.arrival(finish, 2);
  const confirmAt = finish.lastArrivalMs;
  const done = (): void => {
    wire.send('server', confirmAt, [
      {
        name: '1-RTT',
        label: '1-RTT: HANDSHAKE_DONE, NewSessionTicket',
        carries: ['HANDSHAKE_DONE', 'NewSessionTicket'],
        bytes: B.quicHandshakeDone.value + B.newSessionTicket.value,
        layer: 'quic',
        encrypted: true,
        detail: 'handshake confirmed (RFC 9001 §4.1.2)',
      },
    ]);
  };
  let response: ReturnType<typeof respond>;
  if (zeroRtt) {
    response = respond(wire, requestArrivedMs, server.sendAtMs, 'quic');
    done();
  } else {
    done();
    response = respond(wire, requestArrivedMs, server.sendAtMs, 'quic');
  }
  const notes: string[] = [];
  if (server.extraRounds > 0) {
    // With one 1200-byte client datagram the 3600-byte allowance binds long before the 12 000-byte window.
    notes.push(
      `The server's first flight (${sum(serverParts)} bytes) exceeds the ${cap} bytes (3 × ${received} received) it may send ` +
        `before the client's address is validated (RFC 9000 §8.1): it waits for the client's next packet, ` +
        `${server.extraRounds} extra round trip(s). Smaller (or compressed, RFC 8879) certificate chains avoid this.`,
    );
  }
  if (zeroRtt) {
    notes.push('0-RTT data can be replayed: only safe requests should use it (RFC 9001 §9.2, RFC 8470).');
  }
  return {
    transportReadyMs: t0,
    handshakeCompleteMs,
    requestSentMs,
    requestArrivedMs,
    ...response,
    extraRounds: server.extraRounds,
    notes,
  };
}

function sum(parts: readonly Part[]): number {
  return parts.reduce((total, part) => total + part.bytes, 0);
}

function run(scenario: ScenarioId, wire: Wire): Outcome {
  const t0 = resolveDns(wire);
  switch (scenario) {
    case 'tcp-new': {
      const ready = tcpHandshake(wire, t0);
      const request = wire.send('client', ready, [requestPart(wire, 'plain')]);
      return {
        transportReadyMs: ready,
        handshakeCompleteMs: ready,
        requestSentMs: ready,
        requestArrivedMs: request.lastArrivalMs,
        ...respond(wire, request.lastArrivalMs, request.lastArrivalMs, 'plain'),
        extraRounds: 0,
        notes: [],
      };
    }
    case 'tcp-fast-open': {
      const syn = wire.send('client', t0, [
        {
          name: 'SYN',
          label: 'SYN + TFO cookie',
          bytes: 0,
          layer: 'tcp',
          detail: 'cookie from an earlier visit (RFC 7413 §4.1)',
        },
        requestPart(wire, 'tfo'),
      ]);
      const synAck = wire.send('server', Wire.arrival(syn, 0), [
        { name: 'SYN-ACK', bytes: 0, layer: 'tcp', detail: 'acknowledges the SYN data' },
      ]);
      wire.send('client', synAck.lastArrivalMs, [{ name: 'ACK', bytes: 0, layer: 'tcp' }]);
      const arrived = Wire.arrival(syn, 1);
      // The server hands SYN data to the application at once and may answer before the ACK (RFC 7413 §4.2).
      const response = respond(wire, arrived, synAck.sendAtMs, 'plain');
      return {
        transportReadyMs: t0,
        handshakeCompleteMs: synAck.lastArrivalMs,
        requestSentMs: t0,
        requestArrivedMs: arrived,
        ...response,
        extraRounds: 0,
        notes: [
          'Needs a cookie from an earlier connection; on a first visit the SYN only asks for one. ' +
            'SYN data can be replayed, and middleboxes that drop it limited deployment (RFC 7413 §6).',
        ],
      };
    }
    case 'tcp-reused': {
      const request = wire.send('client', t0, [requestPart(wire, 'plain')]);
      return {
        transportReadyMs: t0,
        handshakeCompleteMs: t0,
        requestSentMs: t0,
        requestArrivedMs: request.lastArrivalMs,
        ...respond(wire, request.lastArrivalMs, request.lastArrivalMs, 'plain'),
        extraRounds: 0,
        notes: ['The connection (and its TLS session, for HTTPS) is already open: no setup round trips.'],
      };
    }
    case 'tls12-full':
      return tls12Full(wire, t0, false);
    case 'tls12-false-start':
      return tls12Full(wire, t0, true);
    case 'tls12-resumed':
      return tls12Resumed(wire, t0);
    case 'tls13-full':
      return tls13(wire, t0, 'full');
    case 'tls13-hrr':
      return tls13(wire, t0, 'hrr');
    case 'tls13-psk':
      return tls13(wire, t0, 'psk');
    case 'tls13-0rtt':
      return tls13(wire, t0, '0rtt');
    case 'quic-new':
      return quic(wire, t0, false);
    case 'quic-0rtt':
      return quic(wire, t0, true);
  }
}

/** Sorts by send time (stable: ties keep protocol order) and numbers the flights. */
function finalise(drafts: readonly Draft[]): HandshakeMessage[] {
  const ordered = drafts.map((draft, index) => ({ draft, index }));
  ordered.sort((a, b) => a.draft.sendAtMs - b.draft.sendAtMs || a.index - b.index);
  let flight = 0;
  let previous: Draft | undefined;
  return ordered.map(({ draft }) => {
    if (previous === undefined || previous.from !== draft.from || previous.sendAtMs !== draft.sendAtMs) flight += 1;
    previous = draft;
    return { ...draft, flight };
  });
}

function resolve(input: HandshakeInput): NetworkConditions {
  const result = validateInput(input);
  if (!result.ok) throw new RangeError(result.error.message, { cause: result.error });
  return result.value;
}

/** Round trips in RTT units: the same script on a 1-RTT, unlimited-bandwidth path with no processing. */
function roundTripsBeforeRequest(scenario: ScenarioId, c: NetworkConditions): number {
  const unit: NetworkConditions = {
    ...c,
    rttMs: 1,
    clientToServerMs: 0.5,
    serverToClientMs: 0.5,
    bandwidthMbps: Number.POSITIVE_INFINITY,
    serverProcessingMs: 0,
    dns: { kind: 'cached' },
  };
  const outcome = run(scenario, new Wire(unit, SCENARIOS[scenario].transport));
  return Math.round(outcome.requestSentMs * 1e6) / 1e6;
}

/**
 * Runs one scenario. Invalid input throws a RangeError whose `cause` is the InputError:
 * validate user input with `validateInput` first to show the message instead.
 */
export function simulateHandshake(scenario: ScenarioId, input: HandshakeInput = {}): ScenarioResult {
  const conditions = resolve(input);
  const wire = new Wire(conditions, SCENARIOS[scenario].transport);
  const outcome = run(scenario, wire);
  const dnsMs = resolveDnsTime(conditions);
  const notes = [...outcome.notes];
  if (conditions.dns.kind === 'uncached') {
    notes.unshift(
      `DNS: ${conditions.dns.lookups} uncached lookup(s) at ${conditions.dns.resolverRttMs} ms each before connecting.`,
    );
  }
  const responseRounds = slowStartRounds(
    conditions.responseBytes,
    SCENARIOS[scenario].transport === 'tcp' ? TCP_INITIAL_WINDOW_BYTES : QUIC_INITIAL_WINDOW_BYTES,
  );
  if (responseRounds > 1) {
    notes.push(
      `The ${conditions.responseBytes}-byte response needs ${responseRounds} slow-start rounds ` +
        '(the window starts at about 10 packets and doubles each round trip, RFC 6928 / RFC 5681).',
    );
  }
  return {
    scenario,
    conditions,
    messages: finalise(wire.drafts),
    setupRoundTrips: roundTripsBeforeRequest(scenario, conditions),
    extraFlightRoundTrips: outcome.extraRounds,
    connectStartMs: dnsMs,
    handshakeCompleteMs: outcome.handshakeCompleteMs,
    requestSentMs: outcome.requestSentMs,
    ttfbMs: outcome.firstByteMs,
    timeToLastByteMs: outcome.lastByteMs,
    breakdown: {
      dns: dnsMs,
      tcp: outcome.transportReadyMs - dnsMs,
      tls: outcome.requestSentMs - outcome.transportReadyMs,
      request: outcome.requestArrivedMs - outcome.requestSentMs,
      server: outcome.responseSentMs - outcome.requestArrivedMs,
      transfer: outcome.lastByteMs - outcome.responseSentMs,
    },
    notes,
  };
}

function resolveDnsTime(c: NetworkConditions): number {
  return c.dns.kind === 'cached' ? 0 : c.dns.resolverRttMs * c.dns.lookups;
}

/** Runs several scenarios (default: all) with the same input, for comparison tables. */
export function compareScenarios(
  input: HandshakeInput = {},
  scenarios: readonly ScenarioId[] = scenarioIds,
): ScenarioResult[] {
  const conditions = resolve(input);
  return scenarios.map((id) => simulateHandshake(id, conditions));
}
