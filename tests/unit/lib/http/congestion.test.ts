import { describe, expect, it } from 'vitest';
import {
  advanceRounds,
  endRound,
  INITIAL_WINDOW_BYTES,
  LOSS_BETA,
  MINIMUM_WINDOW_BYTES,
  newWindow,
  PACKET_BYTES,
  startRound,
} from '../../../../src/lib/http/index.ts';

describe('congestion window', () => {
  it('slow start adds the bytes sent; a loss cuts to β × cwnd (CUBIC, RFC 9438 §4.6), never below 2 packets', () => {
    expect(LOSS_BETA).toBe(0.7);
    const w = newWindow(INITIAL_WINDOW_BYTES);
    startRound(w, 0);
    w.sent = w.cwnd;
    endRound(w);
    expect(w.cwnd).toBe(2 * INITIAL_WINDOW_BYTES);
    startRound(w, 100);
    w.loss = true;
    endRound(w);
    expect(w.cwnd).toBeCloseTo(0.7 * 2 * INITIAL_WINDOW_BYTES, 9);
    expect(w.ssthresh).toBe(w.cwnd);
    // Congestion avoidance: about one packet per full round.
    startRound(w, 200);
    w.sent = w.cwnd;
    const before = w.cwnd;
    endRound(w);
    expect(w.cwnd - before).toBeCloseTo(PACKET_BYTES, 9);
    const tiny = newWindow(MINIMUM_WINDOW_BYTES);
    startRound(tiny, 0);
    tiny.loss = true;
    endRound(tiny);
    expect(tiny.cwnd).toBe(MINIMUM_WINDOW_BYTES);
  });

  it('closes a finished round and opens the next only while there is data', () => {
    const w = newWindow(INITIAL_WINDOW_BYTES);
    startRound(w, 10);
    advanceRounds(w, 50, 100, () => true);
    expect(w.roundStart).toBe(10);
    advanceRounds(w, 110, 100, () => true);
    expect(w.roundStart).toBe(110);
    advanceRounds(w, 230, 100, () => false);
    expect(w.roundStart).toBeNaN();
  });

  it('skips empty rounds in one step (bounded: a long idle gap is not a long loop)', () => {
    const w = newWindow(INITIAL_WINDOW_BYTES);
    startRound(w, 0);
    advanceRounds(w, 1e12, 0.01, () => true);
    expect(w.roundStart).toBeLessThanOrEqual(1e12);
    expect(w.roundStart + 0.01).toBeGreaterThan(1e12 - 1e-3);
    expect(w.cwnd).toBe(INITIAL_WINDOW_BYTES);
  });

  it('throws with the numbers instead of spinning when the RTT is lost in rounding (issue 10.1)', () => {
    // 1e20 + 1e-3 === 1e20: the clock cannot advance.
    const w = newWindow(INITIAL_WINDOW_BYTES);
    startRound(w, 1e20);
    expect(() => advanceRounds(w, 2e20, 1e-3, () => true)).toThrow(
      'Congestion window: the round that started at 100000000000000000000 ms does not end with an RTT of 0.001 ms',
    );
  });
});
