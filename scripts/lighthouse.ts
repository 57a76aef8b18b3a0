/**
 * `npm run lighthouse`: Lighthouse (mobile defaults) over every page in the sitemap, with the system Chromium.
 * A measurement, not a test: prints a table of the four category scores per page and writes
 * reports/lighthouse.json. Builds the site first if dist/ is missing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { sitemapPaths } from '../tests/e2e/pages.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.mjs';

const PORT = 4324;
const DEBUG_PORT = 9333;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

if (!existsSync('dist')) spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });

const server = spawn('npx', ['astro', 'preview', '--port', String(PORT), '--host', '127.0.0.1'], {
  stdio: 'ignore',
  detached: true,
});
const stopServer = () => {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
};
process.on('exit', stopServer);

async function waitForServer(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The preview server did not answer at ${url} within 60 s.`);
}

const origin = `http://127.0.0.1:${PORT}`;
await waitForServer(`${origin}/`);
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
});

const base = (process.env.BASE_PATH ?? '/').replace(/\/+$/, '');
const rows: { page: string; scores: Record<string, number> }[] = [];
for (const path of sitemapPaths()) {
  const result = await lighthouse(`${origin}${base}${path}`, {
    port: DEBUG_PORT,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
  });
  const categories = result?.lhr.categories ?? {};
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)]));
  const failing = Object.values(result?.lhr.audits ?? {})
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
    .map((audit) => audit.id);
  rows.push({ page: path, scores: { ...scores, ...(failing.length ? { failing: failing.join(' ') } : {}) } as never });
  console.log(
    `${path.padEnd(36)} ${CATEGORIES.map((id) => String(scores[id]).padStart(4)).join(' ')}${failing.length ? `   failing: ${failing.join(', ')}` : ''}`,
  );
}
await browser.close();

mkdirSync('reports', { recursive: true });
writeFileSync('reports/lighthouse.json', `${JSON.stringify(rows, null, 2)}\n`);
console.log(`\n${'page'.padEnd(36)} perf a11y  b-p  seo`);
for (const row of rows) {
  console.log(`${row.page.padEnd(36)} ${CATEGORIES.map((id) => String(row.scores[id]).padStart(4)).join(' ')}`);
}
console.log('\nWrote reports/lighthouse.json');
stopServer();
process.exit(0);
