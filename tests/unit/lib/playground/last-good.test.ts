import { describe, expect, it } from 'vitest';
import { keepLastGood, type Result } from '../../../../src/lib/playground/index.ts';

type E = { code: 'bad'; message: string };
const ok = (value: number): Result<number, E> => ({ ok: true, value });
const bad = (message: string): Result<number, E> => ({ ok: false, error: { code: 'bad', message } });

describe('keepLastGood', () => {
  it('keeps the last valid value while the input is invalid', () => {
    let kept = keepLastGood(undefined, ok(1));
    expect(kept).toEqual({ value: 1, error: undefined });
    kept = keepLastGood(kept, bad('x'));
    expect(kept).toEqual({ value: 1, error: { code: 'bad', message: 'x' } });
    kept = keepLastGood(kept, ok(2));
    expect(kept).toEqual({ value: 2, error: undefined });
  });

  it('has no value before the first valid input', () => {
    expect(keepLastGood(undefined, bad('x')).value).toBeUndefined();
  });

  it('returns the same object when nothing changed', () => {
    const first = keepLastGood(undefined, ok(1));
    expect(keepLastGood(first, ok(1))).toBe(first);
    const failed = bad('x');
    const kept = keepLastGood(first, failed);
    expect(keepLastGood(kept, failed)).toBe(kept);
  });
});
