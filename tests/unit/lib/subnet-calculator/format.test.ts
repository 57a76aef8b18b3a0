import { describe, expect, it } from 'vitest';
import { formatCount, groupDigits, plural, powerOfTwoExponent } from '../../../../src/lib/subnet-calculator/format.ts';

describe('groupDigits', () => {
  it.each([
    [0n, '0'],
    [999n, '999'],
    [1000n, '1,000'],
    [16_777_216n, '16,777,216'],
    [-1234567n, '-1,234,567'],
    [1234.9, '1,234'],
    [2n ** 128n, '340,282,366,920,938,463,463,374,607,431,768,211,456'],
  ])('%s → %s', (value, expected) => {
    expect(groupDigits(value)).toBe(expected);
  });
});

describe('powerOfTwoExponent', () => {
  it.each([
    [1n, 0],
    [2n, 1],
    [1024n, 10],
    [2n ** 128n, 128],
    [0n, undefined],
    [3n, undefined],
    [-4n, undefined],
  ])('%s → %s', (value, expected) => {
    expect(powerOfTwoExponent(value)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    [256n, '256'],
    [254n, '254'],
    [2n ** 20n, '1,048,576 (2²⁰)'],
    [2n ** 64n, '18,446,744,073,709,551,616 (2⁶⁴)'],
    [2n ** 64n - 1n, '18,446,744,073,709,551,615'],
  ])('%s → %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });
});

describe('plural', () => {
  it.each([
    [1n, '1 subnet'],
    [1, '1 subnet'],
    [0n, '0 subnets'],
    [4096n, '4,096 subnets'],
  ])('%s', (value, expected) => {
    expect(plural(value, 'subnet')).toBe(expected);
  });
});
