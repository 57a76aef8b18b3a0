import { DEFAULTS } from './constants.ts';
import type { HandshakeInput, InputError, InputErrorCode, InputResult, NetworkConditions } from './types.ts';

function fail(code: InputErrorCode, field: string, message: string): { ok: false; error: InputError } {
  return { ok: false, error: { code, field, message } };
}

/** Checks one number field; returns an error or undefined. */
function checkNumber(
  field: string,
  value: number,
  unit: string,
  options: { integer?: boolean; allowInfinity?: boolean } = {},
): { ok: false; error: InputError } | undefined {
  const finiteOk = Number.isFinite(value) || (options.allowInfinity === true && value === Number.POSITIVE_INFINITY);
  if (typeof value !== 'number' || Number.isNaN(value) || !finiteOk) {
    return fail('not-a-number', field, `${field} must be a number of ${unit}, got '${String(value)}'.`);
  }
  if (value < 0) {
    return fail('negative', field, `${field} is '${value}' but cannot be negative: use 0 or more ${unit}.`);
  }
  if (options.integer === true && !Number.isInteger(value)) {
    return fail('not-integer', field, `${field} is '${value}' but must be a whole number of ${unit}.`);
  }
  return undefined;
}

/** Validates user input and fills in defaults; errors name the field and quote the value. */
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
  const fields: [string, number | undefined, string, { integer?: boolean; allowInfinity?: boolean }][] = [
    ['rttMs', input.rttMs, 'milliseconds', {}],
    ['clientToServerMs', c2s, 'milliseconds', {}],
    ['serverToClientMs', s2c, 'milliseconds', {}],
    ['bandwidthMbps', input.bandwidthMbps, 'Mbit/s', { allowInfinity: true }],
    ['serverProcessingMs', input.serverProcessingMs, 'milliseconds', {}],
    ['requestBytes', input.requestBytes, 'bytes', { integer: true }],
    ['responseBytes', input.responseBytes, 'bytes', { integer: true }],
    ['certChainBytes', input.certChainBytes, 'bytes', { integer: true }],
  ];
  if (input.dns?.kind === 'uncached') {
    fields.push(['dns.resolverRttMs', input.dns.resolverRttMs, 'milliseconds', {}]);
    fields.push(['dns.lookups', input.dns.lookups, 'lookups', { integer: true }]);
  }
  for (const [field, value, unit, options] of fields) {
    if (value === undefined) continue;
    const error = checkNumber(field, value, unit, options);
    if (error) return error;
  }
  if (input.bandwidthMbps === 0) {
    return fail(
      'zero-bandwidth',
      'bandwidthMbps',
      "bandwidthMbps is '0': nothing could be sent; use a positive value.",
    );
  }
  let clientToServerMs: number;
  let serverToClientMs: number;
  let rttMs: number;
  if (c2s !== undefined && s2c !== undefined) {
    rttMs = c2s + s2c;
    if (input.rttMs !== undefined && Math.abs(input.rttMs - rttMs) > 1e-9) {
      return fail(
        'rtt-mismatch',
        'rttMs',
        `rttMs '${input.rttMs}' disagrees with the one-way delays ${c2s} + ${s2c} = ${rttMs} ms: leave rttMs out or make them add up.`,
      );
    }
    clientToServerMs = c2s;
    serverToClientMs = s2c;
  } else {
    rttMs = input.rttMs ?? DEFAULTS.rttMs.value;
    clientToServerMs = rttMs / 2;
    serverToClientMs = rttMs / 2;
  }
  const value: NetworkConditions = {
    rttMs,
    clientToServerMs,
    serverToClientMs,
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
  };
  return { ok: true, value };
}
