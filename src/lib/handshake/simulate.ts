/**
 * The round-trip model's entry points. A scenario is a script of flights (scripts/, one file per protocol family)
 * sent over the wire (wire.ts) with messages from the catalogue (messages.ts). A side only sends when the message it
 * needs has arrived, so every time is a sum of one-way delays, extra rounds, serialisation and server processing.
 * Input is validated once, here at the edge (validate.ts, bounds from src/lib/bounds).
 */
import { PROTOCOL, QUIC_INITIAL_WINDOW_BYTES } from './constants.ts';
import { SCENARIOS, type ScenarioId, scenarioIds } from './scenarios.ts';
import { quic } from './scripts/quic.ts';
import { resolveDns } from './scripts/shared.ts';
import { tcpFastOpen, tcpNew, tcpReused } from './scripts/tcp.ts';
import { tls12Full, tls12Resumed } from './scripts/tls12.ts';
import { tls13 } from './scripts/tls13.ts';
import { slowStartRounds } from './transfer.ts';
import type { HandshakeInput, NetworkConditions, ScenarioResult } from './types.ts';
import { validateInput } from './validate.ts';
import { finalise, type Outcome, Wire } from './wire.ts';

/** One script per scenario: what it sends after DNS, from `t0`. */
const SCRIPTS: Readonly<Record<ScenarioId, (wire: Wire, t0: number) => Outcome>> = {
  'tcp-new': tcpNew,
  'tcp-fast-open': tcpFastOpen,
  'tcp-reused': tcpReused,
  'tls12-full': (wire, t0) => tls12Full(wire, t0, false),
  'tls12-resumed': tls12Resumed,
  'tls12-false-start': (wire, t0) => tls12Full(wire, t0, true),
  'tls13-full': (wire, t0) => tls13(wire, t0, 'full'),
  'tls13-hrr': (wire, t0) => tls13(wire, t0, 'hrr'),
  'tls13-psk': (wire, t0) => tls13(wire, t0, 'psk'),
  'tls13-0rtt': (wire, t0) => tls13(wire, t0, '0rtt'),
  'tls13-tfo': (wire, t0) => tls13(wire, t0, 'tfo'),
  'quic-new': (wire, t0) => quic(wire, t0, false),
  'quic-0rtt': (wire, t0) => quic(wire, t0, true),
};

/** TCP's initial window for these conditions (bytes): initialWindowSegments × MSS (RFC 6928 by default). */
export function tcpInitialWindow(c: NetworkConditions): number {
  return c.initialWindowSegments * PROTOCOL.tcpMssBytes.value;
}

/**
 * The sender's window at the start of a flight. A new connection starts at the initial window (TCP: an input,
 * QUIC: RFC 9002 §7.2). A reused connection is warm: an earlier response of the same size grew it by that many
 * bytes in slow start (RFC 5681 §3.1), so it does not restart slow start (issue 10.4).
 */
export function flightWindow(scenario: ScenarioId, c: NetworkConditions): number {
  if (SCENARIOS[scenario].transport === 'quic') return QUIC_INITIAL_WINDOW_BYTES;
  const initial = tcpInitialWindow(c);
  return scenario === 'tcp-reused' ? initial + c.responseBytes : initial;
}

function run(scenario: ScenarioId, wire: Wire): Outcome {
  return SCRIPTS[scenario](wire, resolveDns(wire));
}

function resolve(input: HandshakeInput): NetworkConditions {
  const result = validateInput(input);
  if (!result.ok) throw new RangeError(result.error.message, { cause: result.error });
  return result.value;
}

/** Round trips in RTT units: the same script on a 1-RTT, unlimited-bandwidth path with no processing. */
function roundTripsBeforeRequest(scenario: ScenarioId, c: NetworkConditions): number {
  const unit: NetworkConditions = {
    ...c,
    rttMs: 1,
    clientToServerMs: 0.5,
    serverToClientMs: 0.5,
    bandwidthMbps: Number.POSITIVE_INFINITY,
    serverProcessingMs: 0,
    dns: { kind: 'cached' },
  };
  const outcome = run(scenario, new Wire(unit, flightWindow(scenario, unit)));
  return Math.round(outcome.requestSentMs * 1e6) / 1e6;
}

/** Remarks around every scenario's own: DNS lookups before them, slow-start rounds of the response after. */
function commonNotes(
  scenario: ScenarioId,
  c: NetworkConditions,
  window: number,
): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  if (c.dns.kind === 'uncached') {
    before.push(`DNS: ${c.dns.lookups} uncached lookup(s) at ${c.dns.resolverRttMs} ms each before connecting.`);
  }
  const responseRounds = slowStartRounds(c.responseBytes, window);
  if (responseRounds > 1) {
    const start =
      SCENARIOS[scenario].transport === 'tcp' && c.initialWindowSegments !== 10
        ? `starts at ${c.initialWindowSegments} packets`
        : 'starts at about 10 packets';
    after.push(
      `The ${c.responseBytes}-byte response needs ${responseRounds} slow-start rounds ` +
        `(the window ${start} and doubles each round trip, RFC 6928 / RFC 5681).`,
    );
  }
  return { before, after };
}

/**
 * Runs one scenario. Invalid input throws a RangeError whose `cause` is the InputError:
 * validate user input with `validateInput` first to show the message instead.
 */
export function simulateHandshake(scenario: ScenarioId, input: HandshakeInput = {}): ScenarioResult {
  const conditions = resolve(input);
  const window = flightWindow(scenario, conditions);
  const wire = new Wire(conditions, window);
  const outcome = run(scenario, wire);
  const dnsMs = conditions.dns.kind === 'cached' ? 0 : conditions.dns.resolverRttMs * conditions.dns.lookups;
  const { before, after } = commonNotes(scenario, conditions, window);
  const notes = [...before, ...outcome.notes, ...after];
  return {
    scenario,
    conditions,
    messages: finalise(wire.drafts),
    setupRoundTrips: roundTripsBeforeRequest(scenario, conditions),
    extraFlightRoundTrips: outcome.extraRounds,
    connectStartMs: dnsMs,
    handshakeCompleteMs: outcome.handshakeCompleteMs,
    requestSentMs: outcome.requestSentMs,
    ttfbMs: outcome.firstByteMs,
    timeToLastByteMs: outcome.lastByteMs,
    breakdown: {
      dns: dnsMs,
      tcp: outcome.transportReadyMs - dnsMs,
      tls: outcome.requestSentMs - outcome.transportReadyMs,
      request: outcome.requestArrivedMs - outcome.requestSentMs,
      server: outcome.responseSentMs - outcome.requestArrivedMs,
      transfer: outcome.lastByteMs - outcome.responseSentMs,
    },
    notes,
  };
}

/** Runs several scenarios (default: all) with the same input, for comparison tables. */
export function compareScenarios(
  input: HandshakeInput = {},
  scenarios: readonly ScenarioId[] = scenarioIds,
): ScenarioResult[] {
  const conditions = resolve(input);
  return scenarios.map((id) => simulateHandshake(id, conditions));
}
