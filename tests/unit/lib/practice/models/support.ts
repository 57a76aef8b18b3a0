/**
 * Shared property tests for the model families: determinism, no throw for any 32-bit seed, the canonical answer
 * checked correct, and no throw for arbitrary text. Seed counts: `PRACTICE_SEEDS` raises them for a one-off run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { DIFFICULTIES, type Difficulty, type Exercise, type Family } from '../../../../../src/lib/practice/types.ts';

/** Seeds for the independent-path sweep (default 10,000; `PRACTICE_SEEDS=100000` for a one-off run). */
export const SEEDS = Number(process.env['PRACTICE_SEEDS'] ?? 10_000);

/** The difficulty a sweep gives seed `i`: the three in turn. */
export function difficultyOf(i: number): Difficulty {
  return DIFFICULTIES[i % 3] as Difficulty;
}

/** Every seed of the sweep with its exercise. */
export function* sweep(
  family: Family,
  count = SEEDS,
): Generator<{ seed: number; difficulty: Difficulty; ex: Exercise }> {
  for (let i = 0; i < count; i++) {
    // Spread the seeds over the 32-bit range, not only small ones.
    const seed = Math.imul(i, 2_654_435_761) >>> 0;
    const difficulty = difficultyOf(i);
    yield { seed, difficulty, ex: family.generate(seed, difficulty) };
  }
}

/** The contract's properties, as `it` blocks (call inside a describe). */
export function contractTests(family: Family, runs = 300): void {
  it('is deterministic and never throws for any 32-bit seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.constantFrom(...DIFFICULTIES), (seed, difficulty) => {
        const a = family.generate(seed, difficulty);
        const b = family.generate(seed, difficulty);
        expect(b).toStrictEqual(a);
        expect(a.family).toBe(family.id);
        expect(a.seed).toBe(seed);
        expect(a.difficulty).toBe(difficulty);
        expect(a.inputs.length).toBeGreaterThan(0);
        for (const input of a.inputs) expect(a.answer[input.id]).toBeTypeOf('string');
        expect(a.solution.length).toBeGreaterThan(0);
        expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
      }),
      { numRuns: runs },
    );
  });

  it('checks its own answer correct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.constantFrom(...DIFFICULTIES), (seed, difficulty) => {
        const ex = family.generate(seed, difficulty);
        const verdict = family.check(ex, ex.answer);
        expect(verdict.correct, JSON.stringify({ seed, difficulty, verdict })).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('never throws on arbitrary text, and blank answers are "empty"', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.constantFrom(...DIFFICULTIES),
        fc.array(
          fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ' ', '1e999', '-0', 'NaN', '١٢٣')),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (seed, difficulty, texts) => {
          const ex = family.generate(seed, difficulty);
          const answers = Object.fromEntries(ex.inputs.map((input, i) => [input.id, texts[i % texts.length] ?? '']));
          const verdict = family.check(ex, answers);
          for (const input of ex.inputs) expect(verdict.fields[input.id]).toBeDefined();
          const blank = family.check(ex, {});
          expect(blank.correct).toBe(false);
          // A field whose right answer is blank (a dropped packet has no source) may be right when left blank.
          for (const input of ex.inputs) {
            const f = blank.fields[input.id];
            expect(f?.ok === true ? ex.answer[input.id] : f?.mistake, input.id).toBe(f?.ok === true ? '' : 'empty');
          }
        },
      ),
      { numRuns: runs },
    );
  });
}

/** The mistake code of one field, or 'ok'. */
export function mistakeOf(family: Family, ex: Exercise, answers: Record<string, string>, field: string): string {
  const verdict = family.check(ex, { ...ex.answer, ...answers });
  const f = verdict.fields[field];
  return f === undefined ? 'missing' : f.ok ? 'ok' : f.mistake;
}

/**
 * The anchors Starlight gives the headings of a guide (`/security/tls/` → src/content/docs/security/tls.mdx):
 * github-slugger's rule over the heading text, as Astro's Markdown applies it. Headings inside code fences are skipped.
 */
export function guideAnchors(path: string): Set<string> {
  const file = join(DOCS, `${path.replace(/^\/|\/$/g, '')}.mdx`);
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : /^#{2,6}\s+(.*)$/.exec(line);
    if (match === null) continue;
    // github-slugger's rule (what Starlight uses): lower case, drop punctuation, spaces to hyphens, -1/-2 for repeats.
    const base = (match[1] ?? '')
      .replace(/`/g, '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '../../../../../src/content/docs');

/** True if a site-relative link `/a/b/#c` points at an existing guide page and heading. */
export function linkResolves(href: string): boolean {
  const [path = '', anchor] = href.split('#');
  if (!existsSync(join(DOCS, `${path.replace(/^\/|\/$/g, '')}.mdx`))) return false;
  return anchor === undefined || guideAnchors(path).has(anchor);
}

/**
 * Time allowed for a family's seed sweep: a few seconds on a quiet machine, but the shared CI machine can be loaded
 * many times over, and a sweep is CPU-bound work that only gets slower, not wrong.
 */
export const SWEEP_TIMEOUT_MS = 180_000;
