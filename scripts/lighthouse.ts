/**
 * `npm run lighthouse`: Lighthouse (mobile defaults) over every page in the sitemap, with the system Chromium.
 * A measurement, not a test: prints a table of the four category scores and Total Blocking Time per page and writes
 * reports/lighthouse.json. Builds the site first if dist/ is missing.
 *
 * Options: `--runs=N` runs each page N times, round by round over all the pages, and reports the median of each
 * score and of TBT (issue 13, goal 4: three runs, median); `--only=a,b` keeps the pages whose path contains one of
 * the texts. Run it on a quiet machine: Lighthouse's simulated throttling scales what it observes, so a busy machine
 * lowers the performance score. Each run logs Lighthouse's CPU benchmark and the CPU stolen by other guests; a run
 * where the machine was busy by either measure is measured again (at most twice per page), and the table says so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const rows: {
  page: string;
  scores: Scores;
  tbtMs: number;
  runs: number;
  tbtRunsMs: number[];
  failing: string[];
  /** Runs measured again because the machine was busy during them, and why. */
  again: string[];
}[] = [];
/** A page's line of the table: path, the four scores and TBT. */
const line = (page: string, scores: Scores, tbtMs: number): string =>
  `${page.padEnd(36)} ${CATEGORIES.map((id) => String(scores[id]).padStart(4)).join(' ')} ${tbtMs.toFixed(0).padStart(6)}`;
const paths = sitemapPaths().filter((path) => only === undefined || only.some((text) => path.includes(text)));
// Round by round, every page once per round: a busy stretch of the machine (another tenant, a GC in the server) then
// lands on one run of several pages, which the median absorbs, instead of on every run of one page.
type Run = { scores: Scores; tbtMs: number; failing: string[]; benchmarkIndex: number; stealShare: number };
const measured = new Map<string, Run[]>(paths.map((p) => [p, []]));

/** CPU time the hypervisor gave to other guests ("steal"), and all CPU time, from /proc/stat (0, 0 elsewhere). */
function cpuTicks(): { steal: number; total: number } {
  const cpu = existsSync('/proc/stat') ? readFileSync('/proc/stat', 'utf8').split('\n')[0] : undefined;
  const ticks = cpu?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  return { steal: ticks[7] ?? 0, total: ticks.reduce((a, b) => a + b, 0) };
}

/** One Lighthouse run of `path`, with how fast the machine was meanwhile (Lighthouse's own CPU benchmark, steal). */
async function measure(path: string): Promise<Run> {
  const before = cpuTicks();
  const result = await lighthouse(`${origin}${base}${path}`, {
    port: DEBUG_PORT,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
  });
  const after = cpuTicks();
  const categories = result?.lhr.categories ?? {};
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)]),
  ) as Scores;
  const audits = result?.lhr.audits ?? {};
  const failing = Object.values(audits)
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
    .map((audit) => audit.id);
  return {
    scores,
    tbtMs: audits['total-blocking-time']?.numericValue ?? Number.NaN,
    failing,
    benchmarkIndex: result?.lhr.environment.benchmarkIndex ?? Number.NaN,
    stealShare: after.total > before.total ? (after.steal - before.steal) / (after.total - before.total) : 0,
  };
}
const runLine = (run: string, path: string, r: Run): string =>
  `run ${run} ${line(path, r.scores, r.tbtMs)}  cpu ${r.benchmarkIndex.toFixed(0).padStart(5)}${r.stealShare > 0.001 ? `  steal ${(r.stealShare * 100).toFixed(0)} %` : ''}${r.failing.length ? `   failing: ${r.failing.join(', ')}` : ''}`;

for (let run = 0; run < RUNS; run++) {
  for (const path of paths) {
    const result = await measure(path);
    measured.get(path)?.push(result);
    console.log(runLine(`${run + 1}/${RUNS}`, path, result));
  }
}

// Lighthouse scales the CPU time it observes, so a run during a busy stretch of the machine (another tenant, a
// burst of I/O) reports blocking time the page did not cause. A run whose own CPU benchmark came out below
// BUSY_BENCHMARK of the pass's median, or that lost more than BUSY_STEAL of the CPU to other guests, is measured
// again, at most RETRIES times per page; the table marks such pages and the log keeps every run.
const BUSY_BENCHMARK = 0.8;
const BUSY_STEAL = 0.05;
const RETRIES = 2;
const typicalBenchmark = median([...measured.values()].flat().map((r) => r.benchmarkIndex));
const busy = (r: Run): string | undefined =>
  r.benchmarkIndex < BUSY_BENCHMARK * typicalBenchmark
    ? `CPU benchmark ${r.benchmarkIndex.toFixed(0)} against a median of ${typicalBenchmark.toFixed(0)}`
    : r.stealShare > BUSY_STEAL
      ? `${(r.stealShare * 100).toFixed(0)} % of the CPU stolen`
      : undefined;
const remeasured = new Map<string, string[]>();
for (const path of paths) {
  const runs = measured.get(path) ?? [];
  for (let i = 0, retries = 0; i < runs.length && retries < RETRIES; i++) {
    const reason = busy(runs[i] as Run);
    if (reason === undefined) continue;
    retries++;
    const again = await measure(path);
    console.log(`${runLine('again', path, again)}   (run ${i + 1}: ${reason})`);
    remeasured.set(path, [...(remeasured.get(path) ?? []), `run ${i + 1}: ${reason}`]);
    runs[i] = again;
    i--; // judge the new run too
  }
}
for (const path of paths) {
  const runs = measured.get(path) ?? [];
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, median(runs.map((r) => r.scores[id]))])) as Scores;
  const tbtRunsMs = runs.map((r) => Math.round(r.tbtMs));
  const failing = [...new Set(runs.flatMap((r) => r.failing))];
  const again = remeasured.get(path) ?? [];
  rows.push({ page: path, scores, tbtMs: median(runs.map((r) => r.tbtMs)), runs: RUNS, tbtRunsMs, failing, again });
}
await browser.close();

mkdirSync('reports', { recursive: true });
writeFileSync('reports/lighthouse.json', `${JSON.stringify(rows, null, 2)}\n`);
console.log(`\n${RUNS > 1 ? `Median of ${RUNS} runs per page. ` : ''}TBT: Total Blocking Time, ms (simulated mobile).`);
console.log(`${'page'.padEnd(36)} perf a11y  b-p  seo    TBT${RUNS > 1 ? '  (each run)' : ''}`);
for (const r of rows) {
  console.log(
    `${line(r.page, r.scores, r.tbtMs)}${RUNS > 1 ? `  (${r.tbtRunsMs.join(', ')})` : ''}${r.again.length ? `  re-measured: ${r.again.join('; ')}` : ''}`,
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
