/** Connection setup for the page-load model, taken from the handshake model so the two never disagree. */
// Direct module imports (not the handshake index, which also re-exports the ladder and calculator code), so the
// browser bundle holds only the handshake simulation. These are all public exports of src/lib/handshake.
import type { ScenarioId } from '../handshake/scenarios.ts';
import { simulateHandshake } from '../handshake/simulate.ts';
import type { Network } from './types.ts';

/** Connection setup, as the handshake model computes it. */
export interface Setup {
  readonly scenario: ScenarioId;
  readonly dnsMs: number;
  /** Transport handshake ("Initial connection"). */
  readonly tcpMs: number;
  /** Cryptographic handshake ("SSL"; QUIC's combined handshake counts here, as in the handshake model). */
  readonly tlsMs: number;
  /** Connect start → request may be sent. */
  readonly setupMs: number;
  readonly roundTrips: number;
  /** Handshake message bytes, both ways. */
  readonly bytes: number;
}

/** Setup timing from the handshake model (the request/response sizes it needs do not affect setup). */
export function handshakeSetup(scenario: ScenarioId, network: Network, withDns: boolean): Setup {
  const result = simulateHandshake(scenario, {
    rttMs: network.rttMs,
    bandwidthMbps: network.bandwidthMbps,
    initialWindowSegments: network.initialWindowSegments,
    dns: withDns && network.dnsMs > 0 ? { kind: 'uncached', resolverRttMs: network.dnsMs } : { kind: 'cached' },
  });
  const bytes = result.messages
    .filter((m) => m.layer !== 'http' && m.layer !== 'dns')
    .reduce((sum, m) => sum + m.bytes, 0);
  return {
    scenario,
    dnsMs: result.breakdown.dns,
    tcpMs: result.breakdown.tcp,
    tlsMs: result.breakdown.tls,
    setupMs: result.requestSentMs - result.connectStartMs,
    roundTrips: result.setupRoundTrips,
    bytes,
  };
}
