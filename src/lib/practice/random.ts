/**
 * A small seeded generator (mulberry32) so a seed always gives the same exercise, in Node and in every browser.
 * Not for anything secret.
 */

/** A deterministic source of numbers for one exercise. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive); `min <= max` required. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

/** Seeds are unsigned 32-bit integers; anything else (negative, fraction, NaN) is folded into that range. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  return Math.trunc(Math.abs(seed)) >>> 0;
}

/** A generator for `seed`, salted by `salt` so two families given the same seed do not draw the same numbers. */
export function createRandom(seed: number, salt = ''): Random {
  let state = normaliseSeed(seed);
  for (let i = 0; i < salt.length; i++) state = Math.imul(state ^ salt.charCodeAt(i), 0x9e3779b1) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    chance: (p: number): boolean => next() < p,
  };
}
