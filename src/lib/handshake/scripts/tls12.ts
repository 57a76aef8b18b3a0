/** TLS 1.2 over a new TCP connection: full handshake (optionally False Start) and abbreviated resumption. */
import { certificate, request, TLS, TLS12 } from '../messages.ts';
import { type Outcome, type Part, sum, Wire } from '../wire.ts';
import { respond, tcpHandshake, windowNote } from './shared.ts';

/** Full handshake (RFC 5246 §7.3 Figure 1); `falseStart` sends the request with the client Finished (RFC 7918). */
export function tls12Full(wire: Wire, t0: number, falseStart: boolean): Outcome {
  const ready = tcpHandshake(wire, t0);
  const hello = wire.send('client', ready, [TLS12.clientHello]);
  const serverParts: Part[] = [
    TLS12.serverHello,
    certificate(wire.conditions.certChainBytes, false),
    TLS12.serverKeyExchange,
    TLS12.serverHelloDone,
  ];
  const first = wire.send('server', hello.lastArrivalMs, serverParts);
  const clientParts: Part[] = [TLS12.clientKeyExchange, TLS.changeCipherSpec, TLS.finished];
  if (falseStart) {
    clientParts.push({
      ...request('tls', wire.conditions.requestBytes),
      detail: 'False Start: before the server Finished (RFC 7918)',
    });
  }
  const second = wire.send('client', first.lastArrivalMs, clientParts);
  const finishedAt = second.lastArrivalMs; // the server reacts to the whole flight (with False Start: + request)
  const last = wire.send('server', finishedAt, [TLS12.ticketIfOffered, TLS.changeCipherSpec, TLS.finished]);
  const handshakeCompleteMs = last.lastArrivalMs;
  let requestSentMs: number;
  let requestArrivedMs: number;
  if (falseStart) {
    requestSentMs = second.sendAtMs;
    requestArrivedMs = Wire.arrival(second, 3);
  } else {
    const sent = wire.send('client', handshakeCompleteMs, [request('tls', wire.conditions.requestBytes)]);
    requestSentMs = sent.sendAtMs;
    requestArrivedMs = sent.lastArrivalMs;
  }
  const answer = respond(wire, requestArrivedMs, last.sendAtMs, 'tls');
  const notes: string[] = [];
  if (first.extraRounds > 0) {
    notes.push(windowNote(wire, sum(serverParts), first.extraRounds, "The server's first flight"));
  }
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
    ...answer,
    extraRounds: first.extraRounds,
    notes,
  };
}

/** Abbreviated handshake with a session ID or ticket (RFC 5246 §7.3 Figure 2, RFC 5077 §3.1). */
export function tls12Resumed(wire: Wire, t0: number): Outcome {
  const ready = tcpHandshake(wire, t0);
  const hello = wire.send('client', ready, [TLS12.clientHelloResume]);
  const server = wire.send('server', hello.lastArrivalMs, [
    TLS12.serverHelloResumed,
    TLS12.ticketIfRenewed,
    TLS.changeCipherSpec,
    TLS.finished,
  ]);
  const client = wire.send('client', server.lastArrivalMs, [
    TLS.changeCipherSpec,
    TLS.finished,
    request('tls', wire.conditions.requestBytes),
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
