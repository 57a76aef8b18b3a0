import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOUNDS, checkBound, describeBound } from '../../../../src/lib/bounds/index.ts';

describe('checkBound', () => {
  it('accepts the limits themselves', () => {
    for (const bound of Object.values(BOUNDS)) {
      expect(checkBound('x', bound.min, bound)).toBeUndefined();
      expect(checkBound('x', bound.max, bound)).toBeUndefined();
    }
  });

  it.each([
    [1e-16, 'out-of-range'],
    [1e308, 'out-of-range'],
    [Number.POSITIVE_INFINITY, 'out-of-range'],
    [-0.5, 'out-of-range'],
    [Number.NaN, 'not-a-number'],
    ['12', 'not-a-number'],
  ])('rttMs %s → %s', (value, code) => {
    expect(checkBound('rttMs', value, BOUNDS.rttMs)?.code).toBe(code);
  });

  it('quotes the value and names the range', () => {
    expect(checkBound('rttMs', 1e-16, BOUNDS.rttMs)?.message).toBe(
      "rttMs is '1e-16' but must be from 0.01 to 60000 ms.",
    );
    expect(checkBound('resources', 2.5, BOUNDS.resources)?.message).toBe(
      "resources is '2.5' but must be a whole number.",
    );
    expect(describeBound(BOUNDS.bandwidthMbps)).toBe('0.001–100000 Mbit/s');
  });

  it('clips what it quotes from a long string', () => {
    expect(checkBound('rttMs', 'x'.repeat(100_000), BOUNDS.rttMs)?.message.length).toBeLessThan(80);
  });

  it('every double is accepted only inside the bound', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const error = checkBound('rttMs', x, BOUNDS.rttMs);
        expect(error === undefined).toBe(x >= 0.01 && x <= 60_000);
      }),
    );
  });
});
