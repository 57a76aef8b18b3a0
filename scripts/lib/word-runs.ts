/**
 * Word runs for the "own words" check: the guides must not repeat the seed material (the notes the site grew
 * from) verbatim. Text is normalised the same way on both sides — lowercase, letters and digits only, one
 * space between words — and every run of RUN_LENGTH consecutive words is hashed. Only the hashes of the seed's
 * runs are committed (tests/fixtures/seed-runs.json), so the check runs on any clone without the seed text.
 */
import { createHash } from 'node:crypto';

/** How many consecutive words make a run; twelve words repeated in order are not a coincidence. */
export const RUN_LENGTH = 12;

/** Hex digits kept from each SHA-256: 48 bits, so ~10⁴ guide runs × ~10⁴ seed runs collide with p ≈ 10⁻⁷. */
export const HASH_HEX_DIGITS = 12;

/** Lowercase, keep only letters and digits (any script), collapse everything else to single spaces. */
export function normaliseWords(text: string): string[] {
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return normalised === '' ? [] : normalised.split(' ');
}

/** Every run of RUN_LENGTH consecutive words, as the words joined by single spaces. */
export function wordRuns(words: readonly string[], length = RUN_LENGTH): string[] {
  const runs: string[] = [];
  for (let start = 0; start + length <= words.length; start += 1) {
    runs.push(words.slice(start, start + length).join(' '));
  }
  return runs;
}

/** Truncated SHA-256 of one normalised run. */
export function hashRun(run: string): string {
  return createHash('sha256').update(run, 'utf8').digest('hex').slice(0, HASH_HEX_DIGITS);
}

/**
 * The prose of an MDX guide as a reader sees it, good enough for run matching: frontmatter values stay (title
 * and description are shown), fenced code blocks, import/export statements and link targets go. JSX props are
 * left in: their string values (captions, labels) are prose too, and stray prop names only break runs apart,
 * which can hide a copy but never invent one.
 */
export function mdxProse(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  let inFence: string | undefined;
  let inExport = false;
  for (const line of lines) {
    const fence = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (inFence !== undefined) {
      if (fence !== undefined && fence[0] === inFence[0] && fence.length >= inFence.length) inFence = undefined;
      continue;
    }
    if (fence !== undefined) {
      inFence = fence;
      continue;
    }
    if (inExport) {
      if (line.trim() === '') inExport = false;
      continue;
    }
    if (/^(import|export)\s/.test(line)) {
      inExport = !/;\s*$/.test(line);
      continue;
    }
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/\]\([^)\s]*\)/g, '] ') // link targets
    .replace(/https?:\/\/\S+/g, ' '); // bare URLs
}
