/**
 * The numbers the TLS guide (src/content/docs/security/tls.mdx) quotes in its prose, computed by the handshake
 * model when the page is built: a number in a sentence cannot drift from the diagram beside it.
 */
import { type ScenarioId, simulateHandshake } from '../handshake/index.ts';

/** The round-trip time the guide's ladders and sentences use (ms): times read as multiples of 50 ms one way. */
export const TLS_GUIDE_RTT_MS = 100;

/** Round trips before the request can leave the client (TCP + TLS, or QUIC), e.g. 3 for a TLS 1.2 full handshake. */
export function setupRoundTrips(scenario: ScenarioId, rttMs: number = TLS_GUIDE_RTT_MS): number {
  return simulateHandshake(scenario, { rttMs }).setupRoundTrips;
}

/**
 * When the request leaves the client (whole ms), latency only: unlimited bandwidth, so the time is the round trips
 * times the RTT, as in the guide's ladders.
 */
export function requestSentMs(scenario: ScenarioId, rttMs: number = TLS_GUIDE_RTT_MS): number {
  return Math.round(simulateHandshake(scenario, { rttMs, bandwidthMbps: Number.POSITIVE_INFINITY }).requestSentMs);
}
