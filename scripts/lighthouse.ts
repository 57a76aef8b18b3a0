/**
 * `npm run lighthouse`: Lighthouse (mobile defaults) over every page in the sitemap, with the system Chromium.
 * A measurement, not a test: prints a table of the four category scores and Total Blocking Time per page and writes
 * reports/lighthouse.json. Builds the site first if dist/ is missing.
 *
 * Options: `--runs=N` runs each page N times and reports the median of each score and of TBT (issue 13, goal 4:
 * three runs, median); `--only=a,b` keeps the pages whose path contains one of the texts. Run it on a quiet machine:
 * Lighthouse's simulated throttling scales what it observes, so a busy machine lowers the performance score.
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
// Playwright starts Chromium with --disable-back-forward-cache, which fails Lighthouse's bf-cache audit on every page
// ("disabled by the command line", "not actionable"): that is the harness, not the site, so it is left out here.
const browser = await chromium.launch({
  ignoreDefaultArgs: ['--disable-back-forward-cache'],
  executablePath: findChromium(),
  args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEBUG_PORT}`],
});

const args = process.argv.slice(2);
const RUNS = Math.max(1, Math.min(9, Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1) || 1));
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .filter((t) => t !== '');
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

const base = (process.env.BASE_PATH ?? '/').replace(/\/+$/, '');
type Scores = Record<(typeof CATEGORIES)[number], number>;
const rows: { page: string; scores: Scores; tbtMs: number; runs: number; failing: string[] }[] = [];
const paths = sitemapPaths().filter((path) => only === undefined || only.some((text) => path.includes(text)));
for (const path of paths) {
  const runs: { scores: Scores; tbtMs: number; failing: string[] }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await lighthouse(`${origin}${base}${path}`, {
      port: DEBUG_PORT,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    const categories = result?.lhr.categories ?? {};
    const scores = Object.fromEntries(
      CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)]),
    ) as Scores;
    const audits = result?.lhr.audits ?? {};
    const failing = Object.values(audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
      .map((audit) => audit.id);
    runs.push({ scores, tbtMs: audits['total-blocking-time']?.numericValue ?? Number.NaN, failing });
  }
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, median(runs.map((r) => r.scores[id]))])) as Scores;
  const tbtMs = median(runs.map((r) => r.tbtMs));
  const failing = [...new Set(runs.flatMap((r) => r.failing))];
  rows.push({ page: path, scores, tbtMs, runs: RUNS, failing });
  console.log(
    `${path.padEnd(36)} ${CATEGORIES.map((id) => String(scores[id]).padStart(4)).join(' ')} ${tbtMs.toFixed(0).padStart(6)}${failing.length ? `   failing: ${failing.join(', ')}` : ''}`,
  );
}
await browser.close();

mkdirSync('reports', { recursive: true });
writeFileSync('reports/lighthouse.json', `${JSON.stringify(rows, null, 2)}\n`);
console.log(`\n${RUNS > 1 ? `Median of ${RUNS} runs per page. ` : ''}TBT: Total Blocking Time, ms (simulated mobile).`);
console.log(`${'page'.padEnd(36)} perf a11y  b-p  seo    TBT`);
for (const row of rows) {
  console.log(
    `${row.page.padEnd(36)} ${CATEGORIES.map((id) => String(row.scores[id]).padStart(4)).join(' ')} ${row.tbtMs.toFixed(0).padStart(6)}`,
  );
}
const notFull = rows.filter((row) => CATEGORIES.some((id) => row.scores[id] < 100) || row.tbtMs > 50);
console.log(
  notFull.length === 0
    ? `Every page: 100 in every category and TBT ≤ 50 ms.`
    : `Below 100 or TBT over 50 ms: ${notFull.map((row) => row.page).join(', ')}.`,
);
console.log('\nWrote reports/lighthouse.json');
stopServer();
process.exit(0);
