import { describe, expect, it } from 'vitest';
import { DEFAULTS, simulateHandshake, validateInput } from '../../../../src/lib/handshake/index.ts';

describe('validateInput', () => {
  it('fills every default from the DEFAULTS table', () => {
    const result = validateInput();
    expect(result).toEqual({
      ok: true,
      value: {
        rttMs: DEFAULTS.rttMs.value,
        clientToServerMs: DEFAULTS.rttMs.value / 2,
        serverToClientMs: DEFAULTS.rttMs.value / 2,
        bandwidthMbps: DEFAULTS.bandwidthMbps.value,
        serverProcessingMs: 0,
        dns: { kind: 'cached' },
        requestBytes: DEFAULTS.requestBytes.value,
        responseBytes: DEFAULTS.responseBytes.value,
        certChainBytes: DEFAULTS.certChainBytes.value,
        initialWindowSegments: 10,
      },
    });
  });

  it('splits the RTT in half by default', () => {
    const result = validateInput({ rttMs: 80 });
    expect(result.ok && [result.value.clientToServerMs, result.value.serverToClientMs]).toEqual([40, 40]);
  });

  it('lets one-way delays define the RTT', () => {
    const result = validateInput({ clientToServerMs: 10, serverToClientMs: 50 });
    expect(result.ok && result.value.rttMs).toBe(60);
    expect(validateInput({ clientToServerMs: 10, serverToClientMs: 50, rttMs: 60 }).ok).toBe(true);
  });

  it('defaults DNS lookups to one and accepts unlimited bandwidth', () => {
    const result = validateInput({
      dns: { kind: 'uncached', resolverRttMs: 20 },
      bandwidthMbps: Number.POSITIVE_INFINITY,
    });
    expect(result.ok && result.value.dns).toEqual({ kind: 'uncached', resolverRttMs: 20, lookups: 1 });
  });

  it.each([
    // One rule for every number: the bounds in src/lib/bounds (a negative RTT and a zero bandwidth are out of range).
    [{ rttMs: -5 }, 'out-of-range', 'rttMs', "rttMs is '-5' but must be from 0.01 to 60000 ms."],
    [{ rttMs: 1e-16 }, 'out-of-range', 'rttMs', "rttMs is '1e-16' but must be from 0.01 to 60000 ms."],
    [{ rttMs: Number.NaN }, 'not-a-number', 'rttMs', "rttMs must be a number, got 'NaN'."],
    [
      { rttMs: Number.POSITIVE_INFINITY },
      'out-of-range',
      'rttMs',
      "rttMs is 'Infinity' but must be from 0.01 to 60000 ms.",
    ],
    [
      { bandwidthMbps: 0 },
      'out-of-range',
      'bandwidthMbps',
      "bandwidthMbps is '0' but must be from 0.001 to 100000 Mbit/s.",
    ],
    [
      { bandwidthMbps: 1e-320 },
      'out-of-range',
      'bandwidthMbps',
      "bandwidthMbps is '1e-320' but must be from 0.001 to 100000 Mbit/s.",
    ],
    [
      { serverProcessingMs: 1e308 },
      'out-of-range',
      'serverProcessingMs',
      "serverProcessingMs is '1e+308' but must be from 0 to 60000 ms.",
    ],
    [{ certChainBytes: 10.5 }, 'not-integer', 'certChainBytes', "certChainBytes is '10.5' but must be a whole number."],
    [
      { initialWindowSegments: 0 },
      'out-of-range',
      'initialWindowSegments',
      "initialWindowSegments is '0' but must be from 1 to 100 segments.",
    ],
    [
      { clientToServerMs: 10 },
      'one-way-pair',
      'serverToClientMs',
      "Only clientToServerMs '10' was given: give both one-way delays, or neither and set rttMs.",
    ],
    [
      { serverToClientMs: 10 },
      'one-way-pair',
      'clientToServerMs',
      "Only serverToClientMs '10' was given: give both one-way delays, or neither and set rttMs.",
    ],
    [
      { rttMs: 100, clientToServerMs: 10, serverToClientMs: 50 },
      'rtt-mismatch',
      'rttMs',
      "rttMs '100' disagrees with the one-way delays 10 + 50 = 60 ms: leave rttMs out or make them add up.",
    ],
    [
      { dns: { kind: 'uncached', resolverRttMs: 20, lookups: 1.5 } },
      'not-integer',
      'dns.lookups',
      "dns.lookups is '1.5' but must be a whole number.",
    ],
  ] as const)('rejects %j with %s on %s', (input, code, field, message) => {
    expect(validateInput(input)).toEqual({ ok: false, error: { code, field, message } });
  });

  it('simulateHandshake throws a RangeError carrying the InputError', () => {
    try {
      simulateHandshake('tls13-full', { rttMs: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect((error as RangeError).cause).toMatchObject({ code: 'out-of-range', field: 'rttMs' });
    }
  });
});
