import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROGRESS,
  loadProgress,
  MAX_FAMILIES,
  MAX_STORED_LENGTH,
  PROGRESS_KEY,
  type Progress,
  type ProgressStorage,
  parseProgress,
  reduceProgress,
  saveProgress,
  totalProgress,
} from '../../../../src/lib/practice-page/index.ts';

function memoryStorage(initial?: string): ProgressStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  if (initial !== undefined) map.set(PROGRESS_KEY, initial);
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const check = (family: string, key: string, correct: boolean) => ({ type: 'checked', family, key, correct }) as const;

function run(events: readonly Parameters<typeof reduceProgress>[1][]): Progress {
  return events.reduce(reduceProgress, EMPTY_PROGRESS);
}

describe('reduceProgress', () => {
  it('counts a streak of first-try successes and keeps the best', () => {
    const p = run([check('f', 'p1', true), check('f', 'p2', true), check('f', 'p3', false), check('f', 'p4', true)]);
    expect(p.families.f).toMatchObject({ attempted: 4, solved: 3, streak: 1, best: 2 });
  });

  it('a later success on a problem counts it solved but keeps the streak broken; rechecks count nothing', () => {
    const p = run([check('f', 'p1', true), check('f', 'p2', false), check('f', 'p2', true), check('f', 'p2', true)]);
    expect(p.families.f).toMatchObject({ attempted: 2, solved: 2, streak: 0, best: 1 });
    expect(run([check('f', 'p1', true), check('f', 'p1', true)]).families.f).toMatchObject({ attempted: 1, solved: 1 });
  });

  it('reset forgets everything', () => {
    expect(reduceProgress(run([check('f', 'p1', true)]), { type: 'reset' })).toEqual(EMPTY_PROGRESS);
  });

  it('stays bounded: odd family ids are ignored, at most MAX_FAMILIES families', () => {
    expect(run([check('<script>', 'k', true), check('__proto__', 'k', true)])).toEqual(EMPTY_PROGRESS);
    const many = run(Array.from({ length: MAX_FAMILIES + 10 }, (_, i) => check(`f${i}`, 'k', true)));
    expect(Object.keys(many.families)).toHaveLength(MAX_FAMILIES);
  });

  it('totals over families', () => {
    const p = run([check('a', '1', true), check('a', '2', true), check('b', '1', false)]);
    expect(totalProgress(p)).toEqual({ attempted: 3, solved: 2, best: 2 });
  });
});

describe('stored progress', () => {
  it('survives a save and a load', () => {
    const storage = memoryStorage();
    const p = run([check('f', 'p1', true), check('g', 'p1', false)]);
    expect(saveProgress(storage, p)).toBe(true);
    expect(loadProgress(storage)).toEqual(p);
    expect(saveProgress(storage, EMPTY_PROGRESS)).toBe(true);
    expect(storage.map.has(PROGRESS_KEY)).toBe(false);
  });

  it.each([
    ['not JSON', '{'],
    ['another version', '{"version":2,"families":{}}'],
    ['an array', '[]'],
    ['null', 'null'],
    ['a negative count', '{"version":1,"families":{"f":{"attempted":-1,"solved":0,"streak":0,"best":0}}}'],
    ['a string count', '{"version":1,"families":{"f":{"attempted":"1","solved":0,"streak":0,"best":0}}}'],
    ['a huge count', '{"version":1,"families":{"f":{"attempted":1e308,"solved":0,"streak":0,"best":0}}}'],
    ['a hostile id', '{"version":1,"families":{"<img>":{"attempted":1,"solved":0,"streak":0,"best":0}}}'],
    ['a prototype key', '{"version":1,"families":{"__proto__":{"attempted":1,"solved":0,"streak":0,"best":0}}}'],
    ['too long', `{"version":1,"families":{},"pad":"${'x'.repeat(MAX_STORED_LENGTH)}"}`],
  ])('%s reads as empty progress', (_name, text) => {
    expect(parseProgress(text)).toEqual(EMPTY_PROGRESS);
    expect(({} as Record<string, unknown>).attempted).toBeUndefined();
  });

  it('a storage that throws reads as empty and refuses writes quietly', () => {
    const broken: ProgressStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadProgress(broken)).toEqual(EMPTY_PROGRESS);
    expect(saveProgress(broken, run([check('f', 'k', true)]))).toBe(false);
    expect(loadProgress(undefined)).toEqual(EMPTY_PROGRESS);
  });

  it('any text parses without throwing, to a state that saves and loads to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const p = parseProgress(text);
        const storage = memoryStorage();
        saveProgress(storage, p);
        expect(loadProgress(storage)).toEqual(p);
      }),
      { numRuns: 500 },
    );
  });
});
