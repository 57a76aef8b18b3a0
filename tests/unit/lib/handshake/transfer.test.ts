import { describe, expect, it } from 'vitest';
import {
  flightArrivalOffsetMs,
  QUIC_INITIAL_WINDOW_BYTES,
  serializationMs,
  slowStartRounds,
  TCP_INITIAL_WINDOW_BYTES,
} from '../../../../src/lib/handshake/index.ts';

describe('initial windows', () => {
  it('TCP IW10 is 14 600 bytes with a 1460-byte MSS (RFC 6928 §2)', () => {
    expect(TCP_INITIAL_WINDOW_BYTES).toBe(14_600);
  });
  it('QUIC starts at 12 000 bytes with 1200-byte datagrams (RFC 9002 §7.2)', () => {
    expect(QUIC_INITIAL_WINDOW_BYTES).toBe(12_000);
  });
});

describe('slowStartRounds', () => {
  // Cumulative capacity after r rounds from IW10: 14 600 × (2^r − 1).
  it.each([
    [0, 1],
    [1, 1],
    [14_600, 1],
    [14_601, 2],
    [43_800, 2],
    [43_801, 3],
    [102_200, 3],
    [102_201, 4],
  ])('%d bytes need %d round(s) from IW10', (bytes, rounds) => {
    expect(slowStartRounds(bytes, TCP_INITIAL_WINDOW_BYTES)).toBe(rounds);
  });

  it('caps only the first round (QUIC anti-amplification, RFC 9000 §8.1)', () => {
    expect(slowStartRounds(3600, 12_000, 3600)).toBe(1);
    expect(slowStartRounds(3601, 12_000, 3600)).toBe(2);
    // Round 0 sends 3600, the window grows to 15 600 for round 1: 19 200 bytes in two rounds.
    expect(slowStartRounds(19_200, 12_000, 3600)).toBe(2);
    expect(slowStartRounds(19_201, 12_000, 3600)).toBe(3);
  });

  it('rejects a non-positive window (a bug, not user input)', () => {
    expect(() => slowStartRounds(10, 0)).toThrow(RangeError);
    expect(() => slowStartRounds(10, 100, 0)).toThrow(RangeError);
  });
});

describe('serializationMs', () => {
  it('1 Mbit/s moves 125 bytes per ms', () => {
    expect(serializationMs(125_000, 1)).toBe(1000);
  });
  it('is zero without a bandwidth limit', () => {
    expect(serializationMs(1e9, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('flightArrivalOffsetMs', () => {
  const path = { clientToServerMs: 10, serverToClientMs: 30, bandwidthMbps: Number.POSITIVE_INFINITY };
  it('a small flight takes the one-way delay of its direction', () => {
    expect(flightArrivalOffsetMs(1000, 'toServer', path, TCP_INITIAL_WINDOW_BYTES)).toBe(10);
    expect(flightArrivalOffsetMs(1000, 'toClient', path, TCP_INITIAL_WINDOW_BYTES)).toBe(30);
  });
  it('each extra slow-start round costs a full RTT', () => {
    expect(flightArrivalOffsetMs(20_000, 'toClient', path, TCP_INITIAL_WINDOW_BYTES)).toBe(40 + 30);
  });
  it('takes the larger of slow-start rounds and serialization', () => {
    const slow = { ...path, bandwidthMbps: 1 };
    // 20 000 bytes at 1 Mbit/s = 160 ms > one extra round of 40 ms.
    expect(flightArrivalOffsetMs(20_000, 'toClient', slow, TCP_INITIAL_WINDOW_BYTES)).toBe(160 + 30);
  });
});
