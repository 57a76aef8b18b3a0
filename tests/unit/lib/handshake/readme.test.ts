/** The numbers quoted in src/lib/handshake/README.md, so the documentation cannot drift from the model. */
import { expect, it } from 'vitest';
import { simulateHandshake } from '../../../../src/lib/handshake/index.ts';

it('README example: TLS 1.3 at 56 ms, unlimited bandwidth', () => {
  const result = simulateHandshake('tls13-full', { rttMs: 56, bandwidthMbps: Number.POSITIVE_INFINITY });
  expect(result.setupRoundTrips).toBe(2);
  expect(result.requestSentMs).toBe(112);
  expect(result.ttfbMs).toBe(168);
  expect(result.breakdown).toEqual({ dns: 0, tcp: 56, tls: 56, request: 28, server: 0, transfer: 84 });
  expect(result.timeToLastByteMs).toBe(224);
  expect(result.messages[0]).toMatchObject({
    name: 'SYN',
    from: 'client',
    to: 'server',
    flight: 1,
    sendAtMs: 0,
    receiveAtMs: 28,
  });
});
