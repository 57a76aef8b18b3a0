/** Turns a finished stream into its DevTools-style timing row. */
import type { Stream } from './connection.ts';
import type { Phase, PhaseName, RequestTiming } from './types.ts';

/** Phases shorter than this are left out (float dust). */
const EPSILON = 1e-9;

/** The request's phases (contiguous, zero-length ones omitted) and its numbers. */
export function toTiming(s: Stream): RequestTiming {
  const phases: Phase[] = [];
  const add = (name: PhaseName, startMs: number, endMs: number): void => {
    if (endMs - startMs > EPSILON) phases.push({ name, startMs, endMs });
  };
  add('Queueing', s.discoveredMs, s.assignedMs);
  if (s.opener) {
    const { dnsMs, tcpMs, tlsMs } = s.conn.setup;
    const dnsEnd = s.conn.startMs;
    add('DNS Lookup', dnsEnd - dnsMs, dnsEnd);
    add('Initial connection', dnsEnd, dnsEnd + tcpMs);
    add('SSL', dnsEnd + tcpMs, dnsEnd + tcpMs + tlsMs);
    add('Stalled', s.conn.readyMs, s.sentMs);
  } else {
    add('Stalled', s.assignedMs, s.sentMs);
  }
  add('Request sent', s.sentMs, s.requestDoneMs);
  add('Waiting (TTFB)', s.requestDoneMs, s.firstMs);
  add('Content Download', s.firstMs, s.lastMs);
  return {
    index: s.req.index,
    name: s.req.name,
    type: s.req.type,
    bytes: s.req.bytes,
    requestBytes: s.reqBytes,
    responseBytes: s.respBytes,
    connectionId: s.conn.id,
    streamId: s.streamId,
    discoveredMs: s.discoveredMs,
    requestSentMs: s.sentMs,
    firstByteMs: s.firstMs,
    endMs: s.lastMs,
    phases,
    lostPackets: s.lostPackets,
    headOfLineBlockedMs: s.headOfLineBlockedMs,
  };
}
