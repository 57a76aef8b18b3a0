/**
 * Which exercise a problem set holds at each position. A set is one seed: problem `n` of set `seed` is the family's
 * exercise for a seed mixed from both, so problem 2 does not look like problem 1 with one number changed, and the
 * same link always gives the same problems. The journey quiz walks the families in FAMILIES order (the order a
 * request meets their topics), one problem each, from the same seed.
 */
import type { AnswerInput, Exercise, Family, Verdict } from '../practice/index.ts';
import { POSITION_MAX, type ProblemRef, SEED_MAX } from './url.ts';

/** The exercise seed of problem `n` of set `seed`: a 32-bit mix of both (murmur3's finaliser), deterministic. */
export function exerciseSeed(seed: number, n: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(n >>> 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Problem `ref.n` of the set, for one family's page. */
export function familyProblem(family: Family, ref: ProblemRef): Exercise {
  return family.generate(exerciseSeed(ref.seed, ref.n), ref.level);
}

/** The family (or family reference) problem `n` (1-based) of the journey quiz draws from: list order, then again. */
export function quizFamily<T>(families: readonly T[], n: number): T | undefined {
  if (families.length === 0) return undefined;
  return families[(Math.max(1, Math.trunc(n)) - 1) % families.length];
}

/** Problem `ref.n` of the journey quiz, or undefined when there are no families. */
export function quizProblem(families: readonly Family[], ref: ProblemRef): Exercise | undefined {
  return quizFamily(families, ref.n)?.generate(exerciseSeed(ref.seed, ref.n), ref.level);
}

/** Where problem `n` sits in its quiz round of `total` families: `{ index: 1…total, total }`. */
export function quizPosition(total: number, n: number): { index: number; total: number } {
  const count = Math.max(Math.trunc(total), 1);
  return { index: ((Math.max(1, Math.trunc(n)) - 1) % count) + 1, total: count };
}

/**
 * The "next" rule: the next problem of the same set; past the last position a link can name, the first problem of
 * the next set (seeds wrap at 2^32). Always a valid ref, always a different one.
 */
export function nextProblem(ref: ProblemRef): ProblemRef {
  if (ref.n < POSITION_MAX) return { ...ref, n: ref.n + 1 };
  return { ...ref, seed: ref.seed >= SEED_MAX ? 0 : ref.seed + 1, n: 1 };
}

/** The identity of one problem for progress: family, level, exercise seed (the same problem counts once). */
export function problemKey(exercise: Exercise): string {
  return `${exercise.family}:${exercise.difficulty}:${exercise.seed}`;
}

/**
 * What the live region says after a check: the verdict in one sentence, then each wrong field's message, in the
 * order the fields are shown.
 */
export function announceVerdict(exercise: Exercise, verdict: Verdict): string {
  const total = exercise.inputs.length;
  if (verdict.correct) return total === 1 ? 'Correct.' : `Correct: all ${total} answers are right.`;
  const wrong = exercise.inputs.flatMap((input) => {
    const field = verdict.fields[input.id];
    return field !== undefined && !field.ok ? [`${input.label}: ${field.message}`] : [];
  });
  const right = total - wrong.length;
  const head = total === 1 ? 'Not yet.' : `${right} of ${total} answers right.`;
  return [head, ...wrong].join(' ');
}

/** A site-relative path (`/addressing/subnetting/#broadcast`) under the site's base (`/` or `/packet-journey/`). */
export function siteHref(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** An answer as a reader reads it: a choice's label (not its value), any other answer as written. */
export function answerText(input: AnswerInput, value: string): string {
  return input.kind === 'choice' ? (input.choices?.find((choice) => choice.value === value)?.label ?? value) : value;
}
