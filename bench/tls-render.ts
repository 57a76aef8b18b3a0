/**
 * Issue 13 goal 3, TLS round-trip calculator: input → answer painted on the built site, at 1× and 4× CPU (CDP
 * throttling): `node bench/tls-render.ts`. The calculator runs the handshake model in a Web Worker, so an input's
 * answer is painted a few frames later; this bench therefore reads, per input (`measureAnswered` in
 * `bench/support/render-trace.ts`):
 *   - answer: input dispatched → the worker's answer in the DOM (the headline numbers changed);
 *   - render: the rendering of the frame that paints it (Chromium's `AnimationFrame::Render` span);
 *   - work: the main thread's busy time from the input to the end of that frame (every top-level task on the
 *     renderer's main thread, clipped) — what the interaction costs the page, the number judged;
 *   - to paint: input → end of the frame that paints the answer (the latency a reader sees).
 *
 * Options: `--runs=N` (default 20), `--build` (run `astro build` even if dist/ exists), `--check` (exit 1 if a median
 * of work exceeds 16 ms at 1× or 50 ms at 4×). Serves dist/ with `astro preview` on 127.0.0.1:4336.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/chromium.mjs';
import { cell, measureAnswered, type Stats, startServer, stats, stopServer } from './support/render-trace.ts';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 20);
const PORT = 4336;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const LIMIT_MS: Readonly<Record<number, number>> = { 1: 16, 4: 50 };
const WARMUP = 3;

interface Scenario {
  readonly name: string;
  readonly label: string;
  readonly values: readonly [string, string];
}
const SCENARIOS: readonly Scenario[] = [
  { name: 'RTT 100 ↔ 150 ms', label: 'Round-trip time', values: ['150', '100'] },
  { name: 'scenario 1.3 ↔ 1.2', label: 'Protocol scenario', values: ['tls12-full', 'tls13-full'] },
];

async function openPlayground(browser: Browser, rate: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${ORIGIN}/playgrounds/tls-round-trips/`);
  const island = page.locator('section.tc').first();
  await island.scrollIntoViewIfNeeded(); // client:visible
  await page.locator('section.tc[data-live]').first().waitFor({ timeout: 30_000 });
  return page;
}

interface Row {
  readonly rate: number;
  readonly scenario: string;
  readonly answer: Stats;
  readonly render: Stats;
  readonly work: Stats;
  readonly toPaint: Stats;
}

if (args.includes('--build') || !existsSync('dist/playgrounds/tls-round-trips/index.html')) {
  console.log('Building the site (npx astro build)…');
  const built = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`astro build failed (exit ${built.status}).`);
}
const server = await startServer(PORT);
let browser: Browser | undefined;
const rows: Row[] = [];
try {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  for (const rate of [1, 4]) {
    for (const scenario of SCENARIOS) {
      const page = await openPlayground(browser, rate);
      const samples = await measureAnswered(
        browser,
        page,
        { label: scenario.label, values: scenario.values, answerSelector: 'section.tc .tc-headline' },
        { runs: RUNS, warmup: WARMUP, markPrefix: 'tc-input-' },
      );
      await page.close();
      rows.push({
        rate,
        scenario: scenario.name,
        answer: stats(samples.map((s) => s.answer)),
        render: stats(samples.map((s) => s.render)),
        work: stats(samples.map((s) => s.work)),
        toPaint: stats(samples.map((s) => s.toPaint)),
      });
    }
  }
} finally {
  await browser?.close();
  stopServer(server);
}

console.log(`TLS round-trip calculator, ${RUNS} repetitions after ${WARMUP} warm-up; ms, median / p95 / max.`);
console.log('answer = input → worker answer in the DOM; render = the frame painting it; work = main-thread busy');
console.log('time from the input to the end of that frame; to paint = input → end of that frame.');
console.log(
  `  ${'CPU'.padEnd(4)} ${'scenario'.padEnd(22)} ${['answer', 'render', 'work', 'to paint'].map((h) => h.padStart(20)).join(' ')}`,
);
for (const row of rows) {
  const parts = [row.answer, row.render, row.work, row.toPaint].map(cell);
  console.log(`  ${`${row.rate}×`.padEnd(4)} ${row.scenario.padEnd(22)} ${parts.join(' ')}`);
}
let over = 0;
for (const rate of [1, 4]) {
  const limit = LIMIT_MS[rate] ?? 16;
  const worst = Math.max(...rows.filter((r) => r.rate === rate).map((r) => r.work.median));
  if (worst > limit) over++;
  console.log(
    `${rate}× worst median work: ${worst.toFixed(1)} ms (${worst <= limit ? 'within' : 'over'} ${limit} ms).`,
  );
}
if (args.includes('--check') && over > 0) process.exitCode = 1;
