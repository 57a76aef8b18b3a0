import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  tickStep,
  ticks,
} from '../../../../src/lib/format/index.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [0.01, '< 0.1 ms'],
    [0.05, '0.1 ms'],
    [0.5, '0.5 ms'],
    [7.34, '7.3 ms'],
    [9.96, '10 ms'],
    [85.4, '85 ms'],
    [999.4, '999 ms'],
    [999.6, '1.00 s'],
    [1500, '1.50 s'],
    [12_345, '12.3 s'],
    [125_000, '125 s'],
    [1_234_567, '1235 s'],
    [-40, '−40 ms'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%s ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [950, '950 B'],
    [999.6, '1.00 KB'],
    [14_600, '14.6 KB'],
    [1_200_000, '1.20 MB'],
    [3e9, '3.00 GB'],
    [5e15, '5000 TB'],
    [Number.NaN, '—'],
  ])('%s B → %s', (b, text) => expect(formatBytes(b)).toBe(text));
});

describe('formatRate', () => {
  it.each([
    [0.5, '500 kbit/s'],
    [0.001, '1 kbit/s'],
    [1.5, '1.5 Mbit/s'],
    [100, '100 Mbit/s'],
    [10_000, '10 Gbit/s'],
    [100_000, '100 Gbit/s'],
    [Number.NEGATIVE_INFINITY, '—'],
  ])('%s Mbit/s → %s', (r, text) => expect(formatRate(r)).toBe(text));
});

describe('formatCount', () => {
  it('groups thousands', () => expect(formatCount(1_234_567)).toBe('1,234,567'));
  it('prints a dash for NaN', () => expect(formatCount(Number.NaN)).toBe('—'));
});

describe('tickStep and ticks', () => {
  it.each([
    [100, 8, 20],
    [80, 8, 10],
    [1, 8, 0.2],
    [0, 8, 1],
    [Number.NaN, 8, 1],
  ])('range %s, %s ticks → %s', (range, max, step) => expect(tickStep(range, max)).toBe(step));

  it('ticks are round numbers without float noise', () => {
    expect(ticks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(ticks(0, 250)).toEqual([0, 50, 100, 150, 200, 250]);
  });

  it('never gives more than maxTicks intervals, never loops without end', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 20 }), (range, max) => {
        const step = tickStep(range, max);
        expect(range / step).toBeLessThanOrEqual(max * (1 + 1e-9));
        expect(ticks(0, range, max).length).toBeLessThanOrEqual(max + 1);
      }),
    );
  });

  it('every formatter returns text for any number', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        for (const f of [formatDuration, formatBytes, formatRate, formatCount]) expect(typeof f(x)).toBe('string');
      }),
    );
  });
});
