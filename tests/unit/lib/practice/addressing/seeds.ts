/**
 * Seeds for the addressing families' oracle tests: `count` seeds spread over the 32-bit range and the three
 * difficulties. `PRACTICE_SEEDS` raises the count for a one-off bigger run (default 10,000 per family).
 */
import type { Difficulty } from '../../../../../src/lib/practice/types.ts';

/** Seeds per family (across the three difficulties). */
export const SEED_COUNT = Math.max(10_000, Number.parseInt(process.env.PRACTICE_SEEDS ?? '', 10) || 0);

/** `[seed, difficulty]` pairs: the i-th seed is i scrambled over 32 bits, difficulties in turn. */
export function* seeds(count: number = SEED_COUNT): Generator<readonly [number, Difficulty]> {
  for (let i = 0; i < count; i++) yield [Math.imul(i, 0x9e3779b1) >>> 0, ((i % 3) + 1) as Difficulty];
}
