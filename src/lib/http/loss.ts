/**
 * Which packets are lost, keyed to stable packet identity — (seed, request, packet index, transmission) — never to
 * time or to the order in which the simulation happens to send. So the same response loses the same packets
 * whatever the RTT, the bandwidth or the protocol (headers aside), and a slower network cannot "dodge" a loss by
 * shifting when a packet goes out (issue 10.5: RTT 130 → 140 ms made a lossy page faster).
 *
 * Packet `j` of a response is its bytes [j·1460, (j+1)·1460). The connection is deliberately not part of the key:
 * which HTTP/1.x connection carries a response depends on timing.
 *
 * Losses are found by skipping, not by a draw per packet: the gap to the next lost packet is geometric with
 * parameter `rate` (the same distribution as an independent draw per packet), drawn from a hash of (seed, request,
 * k) for the k-th loss. The cost is per loss, not per packet, which keeps a 2 GB page fast.
 */
import { MAX_RETRANSMISSIONS } from './constants.ts';

/** murmur3's 32-bit finaliser: a fast avalanche of all input bits. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in (0, 1), a pure function of the four integers (two avalanche rounds over their mix). */
export function lossDraw(seed: number, request: number, index: number, salt: number): number {
  let h = fmix32(Math.imul(seed ^ 0x6a09e667, 0x9e3779b1) + Math.imul(request + 1, 0x85ebca6b));
  h = fmix32(h ^ (Math.imul(index + 1, 0xc2b2ae35) + Math.imul(salt + 1, 0x27d4eb2f)));
  return (h + 0.5) / 4_294_967_296;
}

/** The loss pattern of one response: its lost packets, in order, found one at a time. */
export interface LossCursor {
  readonly seed: number;
  readonly request: number;
  readonly rate: number;
  /** ln(1 − rate), computed once. */
  readonly logKeep: number;
  /** Index of the next lost packet (Infinity when none is left or the rate is 0). */
  next: number;
  /** How many lost packets have been found so far (the key of the next gap). */
  found: number;
}

/** Salt for gap draws; retransmission draws use salt = transmission number (1, 2, …). */
const GAP_SALT = 0;

/** The cursor of request `request`, positioned on its first lost packet. */
export function lossCursor(seed: number, request: number, rate: number): LossCursor {
  const cursor: LossCursor = { seed, request, rate, logKeep: Math.log1p(-rate), next: -1, found: 0 };
  advanceLoss(cursor);
  return cursor;
}

/** Moves the cursor to the next lost packet: a geometric gap (number of delivered packets before it). */
export function advanceLoss(cursor: LossCursor): void {
  if (!(cursor.rate > 0)) {
    cursor.next = Number.POSITIVE_INFINITY;
    return;
  }
  const u = lossDraw(cursor.seed, cursor.request, cursor.found, GAP_SALT);
  const gap = cursor.rate >= 1 ? 0 : Math.floor(Math.log(u) / cursor.logKeep);
  cursor.found += 1;
  cursor.next = cursor.next + 1 + gap;
}

/**
 * Transmissions of lost packet `packet` that are lost (≥ 1: the first one is, by the cursor): each resend is lost
 * again with probability `rate`, up to MAX_RETRANSMISSIONS, after which the model treats it as delivered.
 */
export function lostTransmissions(seed: number, request: number, packet: number, rate: number): number {
  let lost = 1;
  while (lost < MAX_RETRANSMISSIONS && lossDraw(seed, request, packet, lost) < rate) lost += 1;
  return lost;
}
