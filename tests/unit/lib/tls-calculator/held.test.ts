import { describe, expect, it } from 'vitest';
import { type Held, heldKey, hold } from '../../../../src/lib/tls-calculator/held.ts';
import { CALCULATOR_DEFAULTS, parseCalculatorState } from '../../../../src/lib/tls-calculator/index.ts';
import { calculate } from '../../../../src/lib/tls-calculator/run.ts';

const inputOf = (rtt: string) => {
  const parsed = parseCalculatorState({ ...CALCULATOR_DEFAULTS, rtt });
  if (!parsed.ok) throw new Error(`rtt ${rtt} must parse`);
  return parsed.value;
};

describe('hold (what the TLS island keeps between answers)', () => {
  const input = inputOf('100');
  const other = inputOf('150');
  const full = calculate({ input, scenario: 'tls13-full' });
  const lean = calculate({ input, scenario: 'tls12-full', haveResults: true });
  const all = calculate({ input, scenario: 'tls12-full', haveResults: true, allLadders: true });

  it('files an answer with results under its input, with no ladders until they are asked for', () => {
    const held = hold(undefined, full);
    expect(held?.key).toBe(heldKey(input));
    expect(held?.key).not.toBe(heldKey(other));
    expect(held?.results).toBe(full.results);
    expect(held?.ladders).toBeUndefined();
    expect(held?.answer).toBe(full);
  });

  it('keeps the results held when a lean answer for the same input comes, and notes the answer', () => {
    const first = hold(undefined, full) as Held;
    const next = hold(first, lean) as Held;
    expect(next).not.toBe(first);
    expect(next.results).toBe(full.results);
    expect(next.ladders).toBeUndefined();
    expect(next.answer).toBe(lean);
  });

  it('adds every ladder from an answer that carries them, and keeps them through a later lean answer', () => {
    const withLadders = hold(hold(undefined, full), all) as Held;
    expect(withLadders.results).toBe(full.results);
    expect(withLadders.ladders).toBe(all.ladders);
    expect(Object.keys(withLadders.ladders ?? {}).sort()).toEqual(full.results?.map((r) => r.scenario).sort());
    const after = hold(withLadders, lean) as Held;
    expect(after.ladders).toBe(all.ladders);
    expect(after.answer).toBe(lean);
  });

  it('starts afresh on an answer with results for another input: nothing of the old input stays', () => {
    const withLadders = hold(hold(undefined, full), all);
    const fresh = calculate({ input: other, scenario: 'tls13-full' });
    const next = hold(withLadders, fresh) as Held;
    expect(next.key).toBe(heldKey(other));
    expect(next.results).toBe(fresh.results);
    expect(next.ladders).toBeUndefined();
  });

  it('ignores a lean answer for an input it does not hold, or when it holds nothing', () => {
    const held = hold(undefined, full);
    const stray = calculate({ input: other, scenario: 'tls12-full', haveResults: true });
    expect(hold(held, stray)).toBe(held);
    expect(hold(undefined, stray)).toBeUndefined();
  });

  it('keys inputs by value, not by object', () => {
    expect(heldKey(inputOf('100'))).toBe(heldKey(input));
  });
});
