import { describe, expect, it } from 'vitest';
import {
  announceVerdict,
  answerText,
  exerciseSeed,
  familyProblem,
  nextProblem,
  POSITION_MAX,
  problemKey,
  quizFamily,
  quizPosition,
  quizProblem,
  SEED_MAX,
  siteHref,
} from '../../../../src/lib/practice-page/index.ts';
import { fixtureFamily } from './fixture-family.ts';

const sums = fixtureFamily();
const families = [fixtureFamily('a', 'A'), fixtureFamily('b', 'B'), fixtureFamily('c', 'C')];

describe('exerciseSeed', () => {
  it('is a deterministic uint32, different for neighbouring positions and sets', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 50; seed++) {
      for (let n = 1; n <= 50; n++) {
        const value = exerciseSeed(seed, n);
        expect(value).toBe(exerciseSeed(seed, n));
        expect(Number.isInteger(value) && value >= 0 && value <= SEED_MAX).toBe(true);
        seen.add(value);
      }
    }
    expect(seen.size).toBe(2500);
  });
});

describe('problem sets', () => {
  it('the same link gives the same problem', () => {
    const ref = { seed: 7, level: 2, n: 3 } as const;
    expect(familyProblem(sums, ref)).toEqual(familyProblem(sums, { ...ref }));
    expect(familyProblem(sums, ref).difficulty).toBe(2);
  });

  it('next is the next position, then the next set; never the same problem', () => {
    expect(nextProblem({ seed: 7, level: 1, n: 3 })).toEqual({ seed: 7, level: 1, n: 4 });
    expect(nextProblem({ seed: 7, level: 1, n: POSITION_MAX })).toEqual({ seed: 8, level: 1, n: 1 });
    expect(nextProblem({ seed: SEED_MAX, level: 3, n: POSITION_MAX })).toEqual({ seed: 0, level: 3, n: 1 });
  });

  it('the journey quiz walks the families in order, then again', () => {
    expect([1, 2, 3, 4, 5].map((n) => quizFamily(families, n)?.id)).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(quizPosition(families.length, 5)).toEqual({ index: 2, total: 3 });
    const ref = { seed: 99, level: 1, n: 2 } as const;
    expect(quizProblem(families, ref)).toEqual(quizProblem(families, ref));
    expect(quizProblem(families, ref)?.family).toBe('b');
    expect(quizProblem([], ref)).toBeUndefined();
  });

  it('a problem key names family, level and exercise seed', () => {
    const exercise = familyProblem(sums, { seed: 1, level: 3, n: 1 });
    expect(problemKey(exercise)).toBe(`sum:3:${exerciseSeed(1, 1)}`);
  });
});

describe('announceVerdict', () => {
  const exercise = sums.generate(5, 1);
  const [a, b] = (exercise.question.match(/\d+/g) ?? []).map(Number) as [number, number];

  it('says correct', () => {
    expect(announceVerdict(exercise, sums.check(exercise, exercise.answer))).toBe('Correct: all 2 answers are right.');
  });

  it('names each wrong field with its message', () => {
    const verdict = sums.check(exercise, { sum: String(a - b), parity: exercise.answer.parity ?? '' });
    expect(announceVerdict(exercise, verdict)).toBe(`1 of 2 answers right. Sum: ${a - b} is ${a} − ${b}: add instead.`);
  });
});

describe('siteHref', () => {
  it.each([
    ['/', '/addressing/subnetting/#cidr', '/addressing/subnetting/#cidr'],
    ['/packet-journey/', '/playgrounds/nat/?s=1', '/packet-journey/playgrounds/nat/?s=1'],
    ['/packet-journey', '/practice/', '/packet-journey/practice/'],
  ])('%j + %j → %j', (base, path, expected) => {
    expect(siteHref(base, path)).toBe(expected);
  });
});

describe('answerText', () => {
  const exercise = sums.generate(5, 1);
  const [sum, parity] = exercise.inputs;
  it('shows a choice by its label and any other answer as written', () => {
    if (sum === undefined || parity === undefined) throw new Error('fixture');
    expect(answerText(parity, 'odd')).toBe('Odd');
    expect(answerText(parity, 'maybe')).toBe('maybe');
    expect(answerText(sum, '42')).toBe('42');
  });
});
