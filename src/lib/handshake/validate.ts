/**
 * Input validation for the handshake model, once, at its edge: every number against the site-wide bounds table
 * (src/lib/bounds), the same rule the page-load model and the playground fields use.
 */
import { BOUNDS, type Bound, checkBound } from '../bounds/index.ts';
import { DEFAULTS, PROTOCOL } from './constants.ts';
import type { HandshakeInput, InputError, InputErrorCode, InputResult, NetworkConditions } from './types.ts';

type Failure = { ok: false; error: InputError };

function fail(code: InputErrorCode, field: string, message: string): Failure {
  return { ok: false, error: { code, field, message } };
}

/** The numeric fields present in `input`, each with its bound; Infinity bandwidth means unlimited. */
function numericFields(input: HandshakeInput): [string, unknown, Bound][] {
  const fields: [string, unknown, Bound][] = [
    ['rttMs', input.rttMs, BOUNDS.rttMs],
    ['clientToServerMs', input.clientToServerMs, BOUNDS.oneWayMs],
    ['serverToClientMs', input.serverToClientMs, BOUNDS.oneWayMs],
    [
      'bandwidthMbps',
      input.bandwidthMbps === Number.POSITIVE_INFINITY ? undefined : input.bandwidthMbps,
      BOUNDS.bandwidthMbps,
    ],
    ['serverProcessingMs', input.serverProcessingMs, BOUNDS.serverMs],
    ['requestBytes', input.requestBytes, BOUNDS.requestBytes],
    ['responseBytes', input.responseBytes, BOUNDS.responseBytes],
    ['certChainBytes', input.certChainBytes, BOUNDS.certChainBytes],
    ['initialWindowSegments', input.initialWindowSegments, BOUNDS.initialWindowSegments],
  ];
  if (input.dns?.kind === 'uncached') {
    fields.push(['dns.resolverRttMs', input.dns.resolverRttMs, BOUNDS.dnsMs]);
    fields.push(['dns.lookups', input.dns.lookups, BOUNDS.dnsLookups]);
  }
  return fields;
}

/** The RTT and one-way delays: both one-way delays (which then define the RTT), or the RTT split evenly. */
function delays(
  input: HandshakeInput,
): Failure | Pick<NetworkConditions, 'rttMs' | 'clientToServerMs' | 'serverToClientMs'> {
  const c2s = input.clientToServerMs;
  const s2c = input.serverToClientMs;
  if (c2s !== undefined && s2c !== undefined) {
    const rttMs = c2s + s2c;
    if (input.rttMs !== undefined && Math.abs(input.rttMs - rttMs) > 1e-9) {
      return fail(
        'rtt-mismatch',
        'rttMs',
        `rttMs '${input.rttMs}' disagrees with the one-way delays ${c2s} + ${s2c} = ${rttMs} ms: leave rttMs out or make them add up.`,
      );
    }
    return { rttMs, clientToServerMs: c2s, serverToClientMs: s2c };
  }
  const rttMs = input.rttMs ?? DEFAULTS.rttMs.value;
  return { rttMs, clientToServerMs: rttMs / 2, serverToClientMs: rttMs / 2 };
}

/** Validates user input and fills in defaults; errors name the field, quote the value and give the bound. */
export function validateInput(input: HandshakeInput = {}): InputResult {
  const c2s = input.clientToServerMs;
  const s2c = input.serverToClientMs;
  if ((c2s === undefined) !== (s2c === undefined)) {
    const given = c2s === undefined ? `serverToClientMs '${String(s2c)}'` : `clientToServerMs '${String(c2s)}'`;
    return fail(
      'one-way-pair',
      c2s === undefined ? 'clientToServerMs' : 'serverToClientMs',
      `Only ${given} was given: give both one-way delays, or neither and set rttMs.`,
    );
  }
  for (const [field, value, bound] of numericFields(input)) {
    if (value === undefined) continue;
    const error = checkBound(field, value, bound);
    if (error) return { ok: false, error };
  }
  const path = delays(input);
  if ('ok' in path) return path;
  const value: NetworkConditions = {
    ...path,
    bandwidthMbps: input.bandwidthMbps ?? DEFAULTS.bandwidthMbps.value,
    serverProcessingMs: input.serverProcessingMs ?? DEFAULTS.serverProcessingMs.value,
    dns:
      input.dns?.kind === 'uncached'
        ? {
            kind: 'uncached',
            resolverRttMs: input.dns.resolverRttMs,
            lookups: input.dns.lookups ?? DEFAULTS.dnsLookups.value,
          }
        : { kind: 'cached' },
    requestBytes: input.requestBytes ?? DEFAULTS.requestBytes.value,
    responseBytes: input.responseBytes ?? DEFAULTS.responseBytes.value,
    certChainBytes: input.certChainBytes ?? DEFAULTS.certChainBytes.value,
    initialWindowSegments: input.initialWindowSegments ?? PROTOCOL.tcpInitialWindowSegments.value,
  };
  return { ok: true, value };
}
