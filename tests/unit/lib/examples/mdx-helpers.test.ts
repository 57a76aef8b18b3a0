import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Logic never lives in markup: a guide imports typed, tested functions (src/lib/examples) and calls them. This scans
 * every .mdx page, outside code blocks and inline code, for a helper defined in place: a `function`, a
 * `const x = (…) =>` / `const x = y =>` arrow, or any other arrow function.
 */
const DOCS = join(import.meta.dirname, '../../../../src/content/docs');

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return mdxFiles(path);
    return entry.name.endsWith('.mdx') ? [path] : [];
  });
}

/** The page with fenced code blocks blanked (line numbers kept) and inline code spans removed. */
function withoutCode(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const marker = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fence === null && marker !== undefined) {
      fence = marker;
      return '';
    }
    if (fence !== null) {
      if (line.trim().startsWith(fence)) fence = null;
      return '';
    }
    return line.replace(/`[^`]*`/g, '``');
  });
}

const HELPERS: readonly [RegExp, string][] = [
  [/^\s*(export\s+)?(default\s+)?(async\s+)?function\b/, 'a function declaration'],
  [/\b(const|let|var)\s+[\w$]+\s*=\s*(async\s*)?\(/, 'an arrow helper (const x = (…) =>)'],
  [/\b(const|let|var)\s+[\w$]+\s*=\s*(async\s+)?(function\b|[\w$]+\s*=>)/, 'a function expression'],
  [/=>/, 'an arrow function'],
];

/** Every helper definition in one page's text: `line: what`. */
function helperDefinitions(text: string): string[] {
  const found: string[] = [];
  for (const [i, line] of withoutCode(text).entries()) {
    const hit = HELPERS.find(([pattern]) => pattern.test(line));
    if (hit !== undefined) found.push(`${i + 1}: ${hit[1]}: ${line.trim()}`);
  }
  return found;
}

describe('no helper definitions in .mdx pages', () => {
  const files = mdxFiles(DOCS);

  it('finds the pages', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(files.map((file) => [relative(DOCS, file), file]))('%s defines no helpers', (_, file) => {
    expect(helperDefinitions(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches the shapes it is meant to catch, and ignores code samples and prose', () => {
    const page = [
      'export const ms = (loads, protocol) => loads[protocol];',
      'export function rt(id) { return 1; }',
      'export const half = x => x / 2;',
      'export const f = function () {};',
      '{items.map((item) => <li>{item}</li>)}',
      "export const plain = workedExample('none');",
      'A hash function (SHA-256) maps bytes to a digest; `const a = () => 1` in prose is code.',
      '```js',
      'function handler(request) { return fetch(request); }',
      'const arrow = (x) => x;',
      '```',
    ].join('\n');
    expect(helperDefinitions(page).map((hit) => hit.split(':')[0])).toEqual(['1', '2', '3', '4', '5']);
  });
});
