/** QUIC + TLS 1.3 + HTTP/3: a new connection, or 0-RTT resumption (RFC 9000 §7, RFC 9001 §4). */
import { MESSAGE_BYTES, PROTOCOL } from '../constants.ts';
import { QUIC, request } from '../messages.ts';
import { type Outcome, type Part, sum, Wire } from '../wire.ts';
import { respond } from './shared.ts';

const DATAGRAM = PROTOCOL.quicMaxDatagramBytes.value;
const AMPLIFICATION = PROTOCOL.quicAmplificationFactor.value;

/** The anti-amplification note (RFC 9000 §8.1). */
function amplificationNote(serverBytes: number, cap: number, received: number, extra: number): string {
  // With one 1200-byte client datagram the 3600-byte allowance binds long before the 12 000-byte window.
  return (
    `The server's first flight (${serverBytes} bytes) exceeds the ${cap} bytes (3 × ${received} received) it may send ` +
    `before the client's address is validated (RFC 9000 §8.1): it waits for the client's next packet, ` +
    `${extra} extra round trip(s). Smaller (or compressed, RFC 8879) certificate chains avoid this.`
  );
}

/** One combined handshake; with `zeroRtt` the request goes in 0-RTT packets with the first Initial. */
export function quic(wire: Wire, t0: number, zeroRtt: boolean): Outcome {
  const B = MESSAGE_BYTES;
  const helloBytes = Math.max(DATAGRAM, B.clientHello.value + (zeroRtt ? B.newSessionTicket.value : 0));
  const clientParts: Part[] = [QUIC.clientInitial(helloBytes, zeroRtt, DATAGRAM)];
  if (zeroRtt) clientParts.push(request('quic-early', wire.conditions.requestBytes));
  const hello = wire.send('client', t0, clientParts);
  const received = sum(clientParts);
  const cap = AMPLIFICATION * received;
  const serverParts: Part[] = [QUIC.serverInitial, QUIC.serverHandshake(wire.conditions.certChainBytes, zeroRtt)];
  const server = wire.send('server', Wire.arrival(hello, 0), serverParts, cap);
  const handshakeCompleteMs = server.lastArrivalMs;
  const finishParts: Part[] = [QUIC.clientAck(DATAGRAM), QUIC.clientFinished];
  if (!zeroRtt) finishParts.push(request('quic', wire.conditions.requestBytes));
  const finish = wire.send('client', handshakeCompleteMs, finishParts);
  const requestSentMs = zeroRtt ? hello.sendAtMs : finish.sendAtMs;
  const requestArrivedMs = zeroRtt ? Wire.arrival(hello, 1) : Wire.arrival(finish, 2);
  const confirmAt = finish.lastArrivalMs;
  let answer: ReturnType<typeof respond>;
  if (zeroRtt) {
    answer = respond(wire, requestArrivedMs, server.sendAtMs, 'quic');
    wire.send('server', confirmAt, [QUIC.handshakeDone]);
  } else {
    wire.send('server', confirmAt, [QUIC.handshakeDone]);
    answer = respond(wire, requestArrivedMs, server.sendAtMs, 'quic');
  }
  const notes: string[] = [];
  if (server.extraRounds > 0) notes.push(amplificationNote(sum(serverParts), cap, received, server.extraRounds));
  if (zeroRtt) notes.push('0-RTT data can be replayed: only safe requests should use it (RFC 9001 §9.2, RFC 8470).');
  return {
    transportReadyMs: t0,
    handshakeCompleteMs,
    requestSentMs,
    requestArrivedMs,
    ...answer,
    extraRounds: server.extraRounds,
    notes,
  };
}
