/**
 * Writes tests/fixtures/seed-runs.json: the truncated SHA-256 of every normalised 12-word run of the seed
 * material (the notes the guides grew from), hashes only — never the text. tests/unit/content/own-words.test.ts
 * fails if a guide repeats any of those runs.
 * Usage: node scripts/seed-hashes.ts [seed-dir]   (default ../shared/seeds, beside the repository)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HASH_HEX_DIGITS, hashRun, normaliseWords, RUN_LENGTH, wordRuns } from './lib/word-runs.ts';

const seedDir = resolve(process.argv[2] ?? '../shared/seeds');
const files = readdirSync(seedDir)
  .filter((name) => name.endsWith('.txt') || name.endsWith('.md'))
  .sort();
if (files.length === 0) {
  console.error(`No .txt or .md files in ${seedDir}`);
  process.exit(1);
}

const hashes = new Set<string>();
let runs = 0;
for (const name of files) {
  for (const run of wordRuns(normaliseWords(readFileSync(join(seedDir, name), 'utf8')))) {
    hashes.add(hashRun(run));
    runs += 1;
  }
}

const fixture = {
  $comment:
    'Truncated SHA-256 of every normalised 12-word run of the seed material (scripts/seed-hashes.ts); no seed text.',
  runLength: RUN_LENGTH,
  hashHexDigits: HASH_HEX_DIGITS,
  hashes: [...hashes].sort(),
};
writeFileSync('tests/fixtures/seed-runs.json', `${JSON.stringify(fixture, null, 2)}\n`);
console.log(
  `${files.length} seed file(s), ${runs} runs, ${hashes.size} distinct hashes → tests/fixtures/seed-runs.json`,
);
