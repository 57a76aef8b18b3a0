/** TLS 1.3 over TCP: full, HelloRetryRequest, PSK resumption, 0-RTT, and the full handshake over TCP Fast Open. */
import {
  clientHello13,
  request,
  TCP,
  TLS,
  TLS13,
  TLS13_RETRY,
  type Tls13Mode,
  tls13ServerFlight,
} from '../messages.ts';
import { type Outcome, type Part, sum, Wire } from '../wire.ts';
import { respond, tcpHandshake, windowNote } from './shared.ts';

/**
 * Opens the transport and sends the ClientHello flight; returns when and how it went. Over TFO the ClientHello
 * rides in the SYN (RFC 7413 §3) and the server's flight follows its SYN-ACK at once; otherwise the three-way
 * handshake comes first, and with HRR the first ClientHello is refused (RFC 8446 §4.1.4).
 */
function openAndHello(wire: Wire, t0: number, mode: Tls13Mode): { ready: number; hello: ReturnType<Wire['send']> } {
  const parts: Part[] = [clientHello13(mode)];
  if (mode === '0rtt') parts.push(request('early', wire.conditions.requestBytes));
  if (mode === 'tfo') {
    const syn = wire.send('client', t0, [TCP.synWithCookie, ...parts]);
    const synAck = wire.send('server', Wire.arrival(syn, 0), [TCP.synAckForData]);
    wire.send('client', synAck.lastArrivalMs, [TCP.ack]);
    // The hello is the SYN's data: what arrived is the flight from its second part on.
    return { ready: t0, hello: { ...syn, arrivals: syn.arrivals.slice(1) } };
  }
  const ready = tcpHandshake(wire, t0);
  let helloAt = ready;
  if (mode === 'hrr') {
    const first = wire.send('client', ready, [TLS13_RETRY.firstHello]);
    helloAt = wire.send('server', first.lastArrivalMs, [TLS13_RETRY.helloRetryRequest]).lastArrivalMs;
  }
  return { ready, hello: wire.send('client', helloAt, parts) };
}

/** RFC 8446 §2 Figures 1–4, and the full handshake over TFO. */
export function tls13(wire: Wire, t0: number, mode: Tls13Mode): Outcome {
  const psk = mode === 'psk' || mode === '0rtt';
  const { ready, hello } = openAndHello(wire, t0, mode);
  const serverParts = tls13ServerFlight(wire.conditions.certChainBytes, psk, mode === '0rtt');
  const server = wire.send('server', Wire.arrival(hello, 0), serverParts);
  const handshakeCompleteMs = server.lastArrivalMs;
  const clientParts: Part[] = mode === '0rtt' ? [TLS13.endOfEarlyData, TLS.finished] : [TLS.finished];
  if (mode !== '0rtt') clientParts.push(request('tls', wire.conditions.requestBytes));
  const client = wire.send('client', handshakeCompleteMs, clientParts);
  // The server handles the client's flight once it is in (OpenSSL issues tickets on the client Finished).
  const clientFinishedAt = client.lastArrivalMs;
  const notes: string[] = [];
  let requestSentMs: number;
  let requestArrivedMs: number;
  let answer: ReturnType<typeof respond>;
  if (mode === '0rtt') {
    requestSentMs = hello.sendAtMs;
    requestArrivedMs = Wire.arrival(hello, 1);
    // 0.5-RTT data: the server may answer right after its own Finished (RFC 8446 §2.3).
    answer = respond(wire, requestArrivedMs, server.sendAtMs, 'tls');
    wire.send('server', clientFinishedAt, [TLS13.newSessionTicket]);
    notes.push(
      'Early data can be replayed by an attacker: servers accept it only for safe, idempotent requests ' +
        '(RFC 8446 §8; HTTP answers 425 Too Early, RFC 8470).',
    );
  } else {
    requestSentMs = client.sendAtMs;
    requestArrivedMs = Wire.arrival(client, 1);
    wire.send('server', clientFinishedAt, [TLS13.newSessionTicket]);
    answer = respond(wire, requestArrivedMs, server.sendAtMs, 'tls');
  }
  if (server.extraRounds > 0) {
    notes.push(windowNote(wire, sum(serverParts), server.extraRounds, "The server's first flight"));
  }
  if (mode === 'tfo') notes.push(TFO_TLS13_NOTE);
  return {
    transportReadyMs: ready,
    handshakeCompleteMs,
    requestSentMs,
    requestArrivedMs,
    ...answer,
    extraRounds: server.extraRounds,
    notes,
  };
}

/** What TFO + TLS 1.3 saves and what it costs. */
const TFO_TLS13_NOTE =
  'TCP Fast Open puts the ClientHello in the SYN, saving the TCP round trip (RFC 7413 §3): the request goes after one ' +
  'round trip instead of two. It needs a cookie from an earlier connection to this server (RFC 7413 §4.1). SYN data ' +
  'may be delivered twice, so it must be idempotent (RFC 7413 §6.1) — a ClientHello is (a replay starts a handshake ' +
  'nobody can finish), unlike 0-RTT application data. Middleboxes that drop SYNs carrying data or unknown options ' +
  'make clients fall back or give up on TFO (RFC 7413 §7.1), and major browsers do not use it.';
