/**
 * A connection's congestion window, in rounds. A round is one RTT: the connection may send up to `cwnd` bytes in
 * it; at the round's end the window grows (slow start: by the bytes sent, so a full window doubles; above ssthresh
 * by about one packet — RFC 5681 §3.1) or, if a packet of the round was lost, shrinks to β × cwnd (LOSS_BETA).
 *
 * State (one per connection): `cwnd` and `ssthresh` in bytes; the current round's start (NaN when idle), the bytes
 * it may still send (`budget`), the bytes it sent, and whether it lost a packet.
 */
import { LOSS_BETA, MINIMUM_WINDOW_BYTES, PACKET_BYTES } from './constants.ts';

/** The window and the current round. */
export interface CongestionWindow {
  /** Congestion window (bytes). */
  cwnd: number;
  /** Slow-start threshold (bytes); Infinity until the first loss. */
  ssthresh: number;
  /** Start of the current round (ms), NaN when the connection has nothing to send. */
  roundStart: number;
  /** Bytes the current round may still send. */
  budget: number;
  /** Bytes sent in the current round. */
  sent: number;
  /** A packet sent in the current round was lost. */
  loss: boolean;
}

/** A fresh window of `initialBytes` (IW), idle. */
export function newWindow(initialBytes: number): CongestionWindow {
  return {
    cwnd: initialBytes,
    ssthresh: Number.POSITIVE_INFINITY,
    roundStart: Number.NaN,
    budget: 0,
    sent: 0,
    loss: false,
  };
}

/** Opens a round at `t` with the whole window to spend. */
export function startRound(w: CongestionWindow, t: number): void {
  w.roundStart = t;
  w.budget = w.cwnd;
  w.sent = 0;
  w.loss = false;
}

/** Closes the current round: shrink to β × cwnd after a loss, else grow (slow start or congestion avoidance). */
export function endRound(w: CongestionWindow): void {
  if (w.loss) {
    w.ssthresh = Math.max(w.cwnd * LOSS_BETA, MINIMUM_WINDOW_BYTES);
    w.cwnd = w.ssthresh;
  } else if (w.cwnd < w.ssthresh) {
    w.cwnd += w.sent;
  } else {
    w.cwnd += (PACKET_BYTES * w.sent) / w.cwnd;
  }
}

/**
 * Closes every round that ended by `t`, opening the next one at once while `hasSendable(next)` says there is data.
 * Bounded: after the first round closes, any further whole rounds up to `t` sent nothing (the connection was not
 * pumped in them), and an empty round leaves the window unchanged, so they are skipped in one step. Throws if the
 * clock cannot advance (a round start + RTT that rounds back to the start): an invariant failure, not a hang.
 */
export function advanceRounds(w: CongestionWindow, t: number, rtt: number, hasSendable: (at: number) => boolean): void {
  if (Number.isNaN(w.roundStart) || t < w.roundStart + rtt) return;
  const next = w.roundStart + rtt;
  if (!(next > w.roundStart)) {
    throw new Error(
      `Congestion window: the round that started at ${w.roundStart} ms does not end with an RTT of ${rtt} ms ` +
        '(the RTT is lost in rounding); refusing to spin',
    );
  }
  endRound(w);
  if (!hasSendable(next)) {
    w.roundStart = Number.NaN;
    return;
  }
  startRound(w, next);
  if (t >= next + rtt) startRound(w, next + Math.floor((t - next) / rtt) * rtt);
}
