import { describe, expect, test } from 'vitest';
import { ipError, ok, quoteInput } from '../../../../src/lib/ip/errors.ts';
import { IP_ERROR_CODES, IP_WARNING_CODES } from '../../../../src/lib/ip/types.ts';

describe('errors', () => {
  test('quoteInput escapes control characters and shortens long input', () => {
    expect(quoteInput('10.0.0.1')).toBe("'10.0.0.1'");
    expect(quoteInput('a\u0000b\nc\u009f')).toBe("'a\\u0000b\\u000ac\\u009f'");
    expect(quoteInput('x'.repeat(100))).toBe(`'${'x'.repeat(60)}…'`);
    expect(quoteInput('😀'.repeat(10), 5)).toBe(`'${'😀'.repeat(5)}…'`);
    expect(quoteInput('y'.repeat(1_000_000)).length).toBeLessThan(70);
    expect(quoteInput('\u0000'.repeat(100)).length).toBeLessThan(70);
    expect(quoteInput('abc\u0001', 5)).toBe("'abc…'");
  });

  test('result helpers', () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(ipError('empty', 'Enter something')).toEqual({
      ok: false,
      error: { code: 'empty', message: 'Enter something' },
    });
  });

  test('code lists are closed and unique', () => {
    expect(new Set(IP_ERROR_CODES).size).toBe(IP_ERROR_CODES.length);
    expect(new Set(IP_WARNING_CODES).size).toBe(IP_WARNING_CODES.length);
  });
});
