/**
 * A build under a sub-path (BASE_PATH=/packet-journey, as on a GitHub project page) into a temp outDir: every
 * root-relative link, script, stylesheet, image and CSS url() in the output must carry the base path and reach a
 * built file; the sitemap, `_headers` and security.txt must carry it too. Runs `astro build` (about 10–20 s).
 * Set SKIP_BASE_PATH_BUILD=1 to skip it (e.g. on a machine without time to build twice).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BASE = '/packet-journey';
const SITE = 'https://example.github.io';
const root = resolve(import.meta.dirname, '../..');
const skip = process.env.SKIP_BASE_PATH_BUILD === '1';
if (skip) console.warn('base-path build: skipped (SKIP_BASE_PATH_BUILD=1)');

/** Files under `dir` whose name ends with `suffix` (bounded depth). */
function filesEnding(dir: string, suffix: string, depth = 0): string[] {
  if (depth > 12) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesEnding(path, suffix, depth + 1);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** The environment without what Vitest adds (NODE_ENV=test, BASE_URL, MODE, VITEST…), which would leak into the
 * build as if they were Vite's own. */
function buildEnv(): NodeJS.ProcessEnv {
  const vitestKeys = new Set(['NODE_ENV', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'TEST']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !vitestKeys.has(key) && !key.startsWith('VITEST')),
  );
}

describe.skipIf(skip)(`a build with BASE_PATH=${BASE}`, () => {
  const outDir = mkdtempSync(join(tmpdir(), `base-path-${process.pid}-`));
  let log = '';

  beforeAll(() => {
    const run = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
      cwd: root,
      env: { ...buildEnv(), BASE_PATH: BASE, SITE_URL: SITE, SECURITY_CONTACT: 'security@example.org' },
      encoding: 'utf8',
      // A quiet machine builds in about 10 s; one with both cores hogged took over 170 s (vite alone 88 s), which
      // is not a failure of the base path: wait up to 10 minutes.
      timeout: 600_000,
    });
    log = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (run.status !== 0) throw new Error(`astro build failed (${run.status ?? run.signal}):\n${log.slice(-4000)}`);
  }, 610_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  /** The built file a root-relative URL path reaches, or null. */
  const target = (path: string): string | null => {
    if (!path.startsWith(`${BASE}/`)) return null;
    const clean = decodeURIComponent(path.slice(BASE.length).split(/[?#]/)[0] ?? '');
    const file = join(outDir, clean);
    if (existsSync(file) && statSync(file).isFile()) return file;
    const index = join(file, 'index.html');
    return existsSync(index) ? index : null;
  };

  it('every root-relative href/src in every page carries the base path and reaches a built file', () => {
    const pages = filesEnding(outDir, '.html');
    expect(pages.length).toBeGreaterThanOrEqual(20);
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      for (const match of html.matchAll(/\s(?:href|src)="(\/(?!\/)[^"]*)"/g)) {
        const url = (match[1] ?? '').replaceAll('&amp;', '&');
        checked++;
        if (target(url) === null) broken.push(`${page.slice(outDir.length)}: ${url}`);
      }
    }
    expect(broken, `${checked} root-relative links checked`).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('every root-relative url() in the built CSS carries the base path and reaches a file', () => {
    const broken: string[] = [];
    for (const css of filesEnding(join(outDir, '_astro'), '.css')) {
      for (const match of readFileSync(css, 'utf8').matchAll(/url\(["']?(\/(?!\/)[^"')]*)/g)) {
        if (target(match[1] ?? '') === null) broken.push(`${css.slice(outDir.length)}: ${match[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the sitemap, _headers, nginx snippet and security.txt carry the base path', () => {
    const sitemap = readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(locs.length).toBeGreaterThan(0);
    for (const loc of locs) expect(loc.startsWith(`${SITE}${BASE}/`), loc).toBe(true);
    expect(readFileSync(join(outDir, '_headers'), 'utf8')).toContain(`\n${BASE}/_astro/*\n`);
    expect(readFileSync(join(outDir, 'nginx-headers.conf'), 'utf8')).toContain(`error_page 404 ${BASE}/404.html;`);
    const txt = readFileSync(join(outDir, '.well-known', 'security.txt'), 'utf8');
    expect(txt).toContain('Contact: mailto:security@example.org\n');
    expect(txt).toContain(`Canonical: ${SITE}${BASE}/.well-known/security.txt\n`);
  });
});
