/** The path between client and server as the model sees it. */
export interface PathTiming {
  /** One-way delay client → server (ms). */
  readonly clientToServerMs: number;
  /** One-way delay server → client (ms). */
  readonly serverToClientMs: number;
  /** Bottleneck bandwidth (Mbit/s); Infinity for none. */
  readonly bandwidthMbps: number;
}

/** Time to push `bytes` through a `bandwidthMbps` link (ms); 0 for unlimited bandwidth. */
export function serializationMs(bytes: number, bandwidthMbps: number): number {
  if (!Number.isFinite(bandwidthMbps)) return 0;
  // 1 Mbit/s = 125 bytes per ms.
  return bytes / (bandwidthMbps * 125);
}

/**
 * Sending rounds needed to deliver `bytes` in slow start: round k sends up to the congestion window, and each
 * acknowledged byte grows the window by one byte (RFC 5681 §3.1), so a fully used window doubles every round.
 * `firstRoundCapBytes` limits round 0 only: QUIC's anti-amplification limit before address validation
 * (RFC 9000 §8.1), lifted once the client's reply arrives a round trip later.
 */
export function slowStartRounds(
  bytes: number,
  initialWindowBytes: number,
  firstRoundCapBytes = Number.POSITIVE_INFINITY,
): number {
  if (!(initialWindowBytes > 0) || !(firstRoundCapBytes > 0)) {
    throw new RangeError(`Window must be positive, got ${initialWindowBytes} (cap ${firstRoundCapBytes})`);
  }
  let cwnd = initialWindowBytes;
  let sent = 0;
  let rounds = 0;
  // Terminates: every round sends min(window, rest) > 0 bytes and the window only grows, so at most
  // log2(bytes / window) + 2 rounds; asserted rather than trusted.
  while (sent < bytes) {
    const budget = rounds === 0 ? Math.min(cwnd, firstRoundCapBytes) : cwnd;
    const now = Math.min(budget, bytes - sent);
    if (!(sent + now > sent)) throw new Error(`slowStartRounds: no progress at ${sent} of ${bytes} bytes`);
    sent += now;
    cwnd += now;
    rounds += 1;
  }
  return Math.max(rounds, 1);
}

/**
 * When the first `endByte` bytes of a flight have arrived, in ms after the flight's first byte was sent:
 * max(extra slow-start rounds × RTT, serialization) + one-way delay. The max keeps it simple: either the
 * window or the link is the bottleneck (the rule the HTTP simulator uses too).
 */
export function flightArrivalOffsetMs(
  endByte: number,
  direction: 'toServer' | 'toClient',
  path: PathTiming,
  initialWindowBytes: number,
  firstRoundCapBytes = Number.POSITIVE_INFINITY,
): number {
  const rtt = path.clientToServerMs + path.serverToClientMs;
  const oneWay = direction === 'toServer' ? path.clientToServerMs : path.serverToClientMs;
  const rounds = slowStartRounds(endByte, initialWindowBytes, firstRoundCapBytes);
  return Math.max((rounds - 1) * rtt, serializationMs(endByte, path.bandwidthMbps)) + oneWay;
}
