/** Steps every scenario script uses: DNS, the TCP handshake, the server's answer, and the window note. */

import { PROTOCOL } from '../constants.ts';
import { DNS_BYTES, firstPacketBytes, response, TCP } from '../messages.ts';
import { flightArrivalOffsetMs } from '../transfer.ts';
import type { Outcome, Wire } from '../wire.ts';

/** DNS lookups, one after another; returns when the last answer is in. Bounded by `lookups` (≤ 10). */
export function resolveDns(wire: Wire): number {
  const dns = wire.conditions.dns;
  if (dns.kind === 'cached') return 0;
  let t = 0;
  for (let i = 0; i < dns.lookups; i += 1) {
    const answerAt = t + dns.resolverRttMs;
    const half = t + dns.resolverRttMs / 2;
    const n = dns.lookups > 1 ? ` ${i + 1}/${dns.lookups}` : '';
    const common = { layer: 'dns', encrypted: false, early: false, optional: false } as const;
    wire.drafts.push({
      ...common,
      name: 'DNS query',
      label: `DNS query${n}`,
      from: 'client',
      to: 'resolver',
      sendAtMs: t,
      receiveAtMs: half,
      bytes: DNS_BYTES.query,
    });
    wire.drafts.push({
      ...common,
      name: 'DNS response',
      label: `DNS response${n}`,
      from: 'resolver',
      to: 'client',
      sendAtMs: half,
      receiveAtMs: answerAt,
      bytes: DNS_BYTES.response,
    });
    t = answerAt;
  }
  return t;
}

/** SYN, SYN-ACK; returns when the client may send (the ACK goes with its first data). */
export function tcpHandshake(wire: Wire, t: number): number {
  const syn = wire.send('client', t, [TCP.syn]);
  const synAck = wire.send('server', syn.lastArrivalMs, [TCP.synAck]);
  wire.send('client', synAck.lastArrivalMs, [TCP.ack]);
  return synAck.lastArrivalMs;
}

/** The server answers once it has the request, has processed it and is allowed to send. */
export function respond(
  wire: Wire,
  requestArrivedMs: number,
  serverMaySendMs: number,
  kind: 'plain' | 'tls' | 'quic',
): Pick<Outcome, 'responseSentMs' | 'firstByteMs' | 'lastByteMs'> & { rounds: number } {
  const c = wire.conditions;
  const responseSentMs = Math.max(requestArrivedMs + c.serverProcessingMs, serverMaySendMs);
  const flight = wire.send('server', responseSentMs, [response(kind, c.responseBytes)]);
  const firstPacket = Math.min(firstPacketBytes(kind), c.responseBytes);
  const firstByteMs = responseSentMs + flightArrivalOffsetMs(firstPacket, 'toClient', wire.conditions, wire.window);
  return { responseSentMs, firstByteMs, lastByteMs: flight.lastArrivalMs, rounds: flight.extraRounds + 1 };
}

/** "The server's first flight is larger than TCP's initial window…": why a flight cost extra round trips. */
export function windowNote(wire: Wire, bytes: number, extra: number, what: string): string {
  const segments = wire.conditions.initialWindowSegments;
  return (
    `${what} (${bytes} bytes) is larger than TCP's initial window of ${wire.window} bytes ` +
    `(${segments} × ${PROTOCOL.tcpMssBytes.value}${segments === 10 ? ', RFC 6928' : ''}): the server waits for ACKs, ` +
    `${extra} extra round trip${extra === 1 ? '' : 's'}.`
  );
}
