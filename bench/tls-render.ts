import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, measureAnswered, reportByRate, type Stats, stats, withPreview } from './support/render-trace.ts';

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
  /** A selector to wait for before measuring, besides the island being live. */
  readonly ready?: string;
}
const SCENARIOS: readonly Scenario[] = [
  { name: 'RTT 100 ↔ 150 ms', label: 'Round-trip time', values: ['150', '100'] },
  // Measured once the island holds every ladder (300 ms after the network last changed), as when a reader compares
  // scenarios: the change is drawn in its own frame, without a run.
  {
    name: 'scenario 1.3 ↔ 1.2',
    label: 'Protocol scenario',
    values: ['tls12-full', 'tls13-full'],
    ready: 'section.tc[data-ladders]',
  },
];

async function openPlayground(browser: Browser, rate: number, ready?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${ORIGIN}/playgrounds/tls-round-trips/`);
  const island = page.locator('section.tc').first();
  await island.scrollIntoViewIfNeeded(); // client:visible
  await page.locator('section.tc[data-live]').first().waitFor({ timeout: 30_000 });
  if (ready !== undefined) await page.locator(ready).first().waitFor({ timeout: 30_000 });
  return page;
}

interface Row {
  readonly rate: number;
  readonly scenario: string;
  readonly answer: Stats;
  readonly render: Stats;
  readonly work: Stats;
  readonly toPaint: Stats;
  /** The ladder, drawn one frame after the numbers: input → its frame painted, busy time until then, longest task. */
  readonly ladderPainted: Stats;
  readonly ladderWork: Stats;
  readonly longestTask: Stats;
}

ensureBuilt('playgrounds/tls-round-trips/index.html', args);
const rows: Row[] = [];
await withPreview(PORT, async (browser) => {
  for (const rate of [1, 4]) {
    for (const scenario of SCENARIOS) {
      const page = await openPlayground(browser, rate, scenario.ready);
      const samples = await measureAnswered(
        browser,
        page,
        {
          label: scenario.label,
          values: scenario.values,
          answerSelector: 'section.tc .tc-headline',
          followSelector: 'section.tc figure',
        },
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
        ladderPainted: stats(samples.map((s) => s.follow?.toPaint ?? Number.NaN)),
        ladderWork: stats(samples.map((s) => s.follow?.work ?? Number.NaN)),
        longestTask: stats(samples.map((s) => s.follow?.longestTask ?? Number.NaN)),
      });
    }
  }
});

console.log(`TLS round-trip calculator, ${RUNS} repetitions after ${WARMUP} warm-up; ms, median / p95 / max.`);
console.log('answer = input → worker answer in the DOM; render = the frame painting it; work = main-thread busy');
console.log('time from the input to the end of that frame; to paint = input → end of that frame. The ladder follows');
console.log('one frame later: ladder painted = input → end of its frame; ladder work = busy time until then; longest');
console.log('task = the longest stretch of that busy time without a break (judged against the same limit as work).');
reportByRate(
  ['answer', 'render', 'work', 'to paint', 'ladder painted', 'ladder work', 'longest task'],
  rows.map((row) => ({
    ...row,
    cells: [row.answer, row.render, row.work, row.toPaint, row.ladderPainted, row.ladderWork, row.longestTask],
  })),
  LIMIT_MS,
  args.includes('--check'),
);
