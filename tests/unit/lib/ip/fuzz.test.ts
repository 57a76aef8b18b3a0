/** Fuzz: arbitrary strings (huge, unicode, control characters) never throw and come back quickly. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  IP_ERROR_CODES,
  parseAddress,
  parseNetwork,
  parseNetworkList,
  parseRange,
} from '../../../../src/lib/ip/index.ts';
import { bestTime, type Timing } from '../../../support/timing.ts';

const parsers = { parseAddress, parseNetwork, parseRange, parseNetworkList } as const;
const ipish = fc
  .array(fc.constantFrom(...'0123456789abcdefABCDEF:.%/- \t\n,;xg١'.split('')), { maxLength: 60 })
  .map((c) => c.join(''));
const anyString = fc.oneof(
  ipish,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '\u007f', '\u0085', '\u2028', '\ufeff', ' '), maxLength: 40 }),
);

function check(input: string): void {
  for (const [name, parse] of Object.entries(parsers)) {
    let time: Timing<ReturnType<typeof parse>>;
    try {
      time = bestTime(() => parse(input), 1000);
    } catch (error) {
      throw new Error(`${name} threw on ${JSON.stringify(input.slice(0, 80))}`, { cause: error });
    }
    expect(time.best, name).toBeLessThan(1000);
    const result = time.value;
    if (!result.ok) {
      expect(IP_ERROR_CODES).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(0);
      expect(result.error.message.length).toBeLessThan(600);
    }
  }
}

describe('fuzz', () => {
  test('random strings never throw', () => {
    fc.assert(
      fc.property(anyString, (s) => check(s)),
      { numRuns: 3000 },
    );
  });

  test.each([
    ['100k spaces', ' '.repeat(99_999)],
    ['100k spaces around a slash', `${' '.repeat(49_000)}/${' '.repeat(49_000)}`],
    ['100k dashes', '-'.repeat(99_999)],
    ['100k colons', ':'.repeat(99_999)],
    ['100k dots', '.'.repeat(99_999)],
    ['100k digits', '1'.repeat(99_999)],
    ['huge octet', `1.2.3.${'9'.repeat(99_990)}`],
    ['huge prefix', `10.0.0.0/${'9'.repeat(99_990)}`],
    ['huge zone', `fe80::1%${'a'.repeat(99_990)}`],
    ['1 MB', 'a'.repeat(1_000_000)],
    ['many list entries', '10.0.0.0/24\n'.repeat(50_000)],
    ['emoji', '🙂'.repeat(40_000)],
    ['control characters', '\u0000\u0001\u0002\u001b[31m'.repeat(10_000)],
  ])('%s', (_name, input) => {
    for (const parse of Object.values(parsers)) expect(() => parse(input)).not.toThrow();
    const time = bestTime(() => {
      for (const parse of Object.values(parsers)) parse(input);
    }, 5000);
    expect(time.best).toBeLessThan(5000);
  });
});
