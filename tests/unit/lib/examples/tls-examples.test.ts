import { describe, expect, it } from 'vitest';
import { requestSentMs, setupRoundTrips, TLS_GUIDE_RTT_MS } from '../../../../src/lib/examples/index.ts';

describe('the TLS guide’s numbers', () => {
  it.each([
    ['tls12-full', 3],
    ['tls12-resumed', 2],
    ['tls13-full', 2],
    ['tls13-hrr', 3],
    ['tls13-psk', 2],
    ['tls13-0rtt', 1],
  ] as const)('%s: %d round trips before the request, %d × RTT later (latency only)', (scenario, roundTrips) => {
    expect(setupRoundTrips(scenario)).toBe(roundTrips);
    expect(requestSentMs(scenario)).toBe(roundTrips * TLS_GUIDE_RTT_MS);
  });

  it('takes another RTT, and rounds to whole milliseconds', () => {
    expect(TLS_GUIDE_RTT_MS).toBe(100);
    expect(setupRoundTrips('tls13-full', 40)).toBe(2);
    expect(requestSentMs('tls13-full', 33.3)).toBe(67);
  });
});
