/** Plain TCP scenarios: a new connection, TCP Fast Open with a cookie, and a reused (warm) connection. */
import { request, TCP } from '../messages.ts';
import { type Outcome, Wire } from '../wire.ts';
import { respond, tcpHandshake } from './shared.ts';

/** SYN, SYN-ACK, then the request with the ACK (RFC 9293 §3.5). */
export function tcpNew(wire: Wire, t0: number): Outcome {
  const ready = tcpHandshake(wire, t0);
  const sent = wire.send('client', ready, [request('plain', wire.conditions.requestBytes)]);
  return {
    transportReadyMs: ready,
    handshakeCompleteMs: ready,
    requestSentMs: ready,
    requestArrivedMs: sent.lastArrivalMs,
    ...respond(wire, sent.lastArrivalMs, sent.lastArrivalMs, 'plain'),
    extraRounds: 0,
    notes: [],
  };
}

/** The request rides in the SYN with a cookie (RFC 7413 §3); the server answers before the handshake ends. */
export function tcpFastOpen(wire: Wire, t0: number): Outcome {
  const syn = wire.send('client', t0, [TCP.synWithCookie, request('tfo', wire.conditions.requestBytes)]);
  const synAck = wire.send('server', Wire.arrival(syn, 0), [TCP.synAckForData]);
  wire.send('client', synAck.lastArrivalMs, [TCP.ack]);
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

/**
 * An open connection: no setup, and a warm congestion window — the earlier exchange grew it, so the response
 * goes in one round instead of restarting slow start (the Wire is built with the warm window, see simulate.ts).
 */
export function tcpReused(wire: Wire, t0: number): Outcome {
  const sent = wire.send('client', t0, [request('plain', wire.conditions.requestBytes)]);
  return {
    transportReadyMs: t0,
    handshakeCompleteMs: t0,
    requestSentMs: t0,
    requestArrivedMs: sent.lastArrivalMs,
    ...respond(wire, sent.lastArrivalMs, sent.lastArrivalMs, 'plain'),
    extraRounds: 0,
    notes: [
      'The connection (and its TLS session, for HTTPS) is already open: no setup round trips.',
      `Its congestion window is warm (${wire.window} bytes: the initial window grown by an earlier response of the same size, RFC 5681 §3.1), ` +
        'so the response is not held back by slow start. After an idle period of about one retransmission timeout, ' +
        'Linux restarts slow start (net.ipv4.tcp_slow_start_after_idle = 1, RFC 5681 §4.1): an idle connection is cold again.',
    ],
  };
}
