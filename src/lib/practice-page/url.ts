/**
 * The practice pages' URL state: which problem set (`seed`), how hard (`level`) and which problem of the set (`n`).
 * A teacher hands out `?seed=4242&level=2` and every student gets the same problems in the same order; `n` makes a
 * link point at one problem of the set. The family is the page's own (its path), the journey quiz mixes them all.
 *
 * Every parameter is untrusted: the codec clips it, and {@link resolveProblemSet} turns whatever text it holds into
 * a valid problem set, with a notice quoting what was not used.
 */

import { defineCodec, enumField, quote, type StateOf, stringField } from '../playground/index.ts';
import type { Difficulty } from '../practice/index.ts';

/** Seeds are unsigned 32-bit integers (what `createRandom` folds every number into). */
export const SEED_MAX = 4_294_967_295;
/** Longest problem set a link may point into: far more than anyone solves in one sitting. */
export const POSITION_MAX = 10_000;
/** The set the pages render on the server and show when the link names none. */
export const DEFAULT_SEED = 2026;

const LEVELS = ['1', '2', '3'] as const;
const LEVEL_NAMES: Readonly<Record<(typeof LEVELS)[number], string>> = {
  '1': 'warm-up',
  '2': 'standard',
  '3': 'hard',
};

/** What each level is called on the difficulty switch. */
export function levelName(level: Difficulty): string {
  return LEVEL_NAMES[String(level) as (typeof LEVELS)[number]];
}

export const PRACTICE_CODEC = defineCodec({
  seed: stringField({ param: 'seed', label: 'Problem set', default: String(DEFAULT_SEED), maxLength: 24 }),
  level: enumField({
    param: 'level',
    label: 'Difficulty',
    values: LEVELS,
    default: '1',
    noun: 'difficulty',
    describe: (level) => `level ${level} (${LEVEL_NAMES[level]})`,
  }),
  n: stringField({ param: 'n', label: 'Problem number', default: '1', maxLength: 12 }),
});

/** What the URL holds, as text (see PRACTICE_CODEC). */
export type PracticeUrlState = StateOf<typeof PRACTICE_CODEC.fields>;

/** One problem of one set: the set's seed, the level, the 1-based position in the set. */
export interface ProblemRef {
  readonly seed: number;
  readonly level: Difficulty;
  readonly n: number;
}

/** A whole number written in plain decimal digits (no sign, exponent, fraction or spaces), within `max`. */
function readWhole(text: string, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,12}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= max ? value : undefined;
}

/**
 * The problem set a URL state names, and a notice for each parameter that could not be used (quoting it, saying
 * what is shown instead). Never throws: any text gives a valid set.
 */
export function resolveProblemSet(state: PracticeUrlState): { value: ProblemRef; notices: readonly string[] } {
  const notices: string[] = [];
  let seed = readWhole(state.seed, SEED_MAX);
  if (seed === undefined) {
    seed = DEFAULT_SEED;
    notices.push(
      `Problem set ${quote(state.seed)} in the link is not a whole number from 0 to ${SEED_MAX} — showing set ${DEFAULT_SEED}.`,
    );
  }
  let n = readWhole(state.n, POSITION_MAX);
  if (n === undefined || n < 1) {
    n = 1;
    notices.push(
      `Problem number ${quote(state.n)} in the link is not a whole number from 1 to ${POSITION_MAX} — showing problem 1.`,
    );
  }
  return { value: { seed, level: Number(state.level) as Difficulty, n }, notices };
}

/** The URL state of a problem (the inverse of {@link resolveProblemSet} for valid input). */
export function urlStateOf(ref: ProblemRef): PracticeUrlState {
  return { seed: String(ref.seed), level: String(ref.level) as PracticeUrlState['level'], n: String(ref.n) };
}
