/**
 * Own words: no guide may repeat a 12-word run of the seed material the site grew from. The fixture holds only
 * hashes of the seed's normalised runs (made by scripts/seed-hashes.ts), so this runs on any clone. The guides are
 * read from their MDX source (code blocks, imports and link targets stripped; see mdxProse), not from a build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashRun, mdxProse, normaliseWords, RUN_LENGTH, wordRuns } from '../../../scripts/lib/word-runs.ts';

const docsDir = join(import.meta.dirname, '../../../src/content/docs');
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/seed-runs.json'), 'utf8')) as {
  runLength: number;
  hashes: string[];
};
const seedHashes = new Set(fixture.hashes);

function guides(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return guides(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

describe('word runs', () => {
  it('normalises case, punctuation and spacing the same way on both sides', () => {
    expect(normaliseWords('  It’s the DNS — “really”,\n192.0.2.1!  ')).toEqual([
      'it',
      's',
      'the',
      'dns',
      'really',
      '192',
      '0',
      '2',
      '1',
    ]);
    expect(normaliseWords(' \n ')).toEqual([]);
  });

  it('yields every run of the given length and none from shorter text', () => {
    expect(wordRuns(['a', 'b', 'c'], 2)).toEqual(['a b', 'b c']);
    expect(wordRuns(['a'], 2)).toEqual([]);
  });

  it('drops code blocks, imports, exports and link targets from MDX', () => {
    const source = [
      "import X from './x.ts';",
      'export const f = (a) =>',
      '  a + 1;',
      '',
      'Read [the guide](/names/dns/) first.',
      '```nginx',
      'server { listen 80; }',
      '```',
    ].join('\n');
    expect(normaliseWords(mdxProse(source))).toEqual(['read', 'the', 'guide', 'first']);
  });

  it('the fixture was made with the same run length', () => {
    expect(fixture.runLength).toBe(RUN_LENGTH);
    expect(seedHashes.size).toBeGreaterThan(1000);
  });
});

describe('guides are in their own words', () => {
  const files = guides(docsDir);

  it('finds the guides', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [relative(docsDir, file), file]))(
    '%s repeats no 12-word run of the seed',
    (_name, file) => {
      const copied = wordRuns(normaliseWords(mdxProse(readFileSync(file, 'utf8')))).filter((run) =>
        seedHashes.has(hashRun(run)),
      );
      expect(
        copied,
        `${relative(docsDir, file)} repeats the seed's wording: ${copied.map((run) => `"${run}"`).join(', ')}`,
      ).toEqual([]);
    },
  );
});
