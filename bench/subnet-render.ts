import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, measureSynthetic, reportByRate, type Stats, stats, withPreview } from './support/render-trace.ts';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 20);
const PORT = 4335;
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** The limits on the median of work: one frame at 1×, 50 ms at 4× CPU throttling. */
const LIMIT_MS: Readonly<Record<number, number>> = { 1: 16, 4: 50 };
const WARMUP = 3;

interface Scenario {
  readonly name: string;
  readonly query: string;
  readonly label: string;
  readonly values: readonly [string, string];
}
const SCENARIOS: readonly Scenario[] = [
  {
    name: 'Details: type a CIDR',
    query: '',
    label: 'IP address or network',
    values: ['10.0.0.0/8', '192.168.1.0/24'],
  },
  {
    name: 'Split /8 → /30',
    query: '?mode=split&split=10.0.0.0%2F9&prefix=30',
    label: 'Network to split',
    values: ['10.0.0.0/8', '10.0.0.0/9'],
  },
  {
    name: 'VLSM: change the block',
    query: '?mode=vlsm&vlsm=10.0.0.0%2F16&req=500:A&req=200:B&req=120:C&req=60:D&req=2:E&req=2:F',
    label: 'Address block to divide',
    values: ['10.1.0.0/16', '10.0.0.0/16'],
  },
  {
    name: 'Summarise a range',
    query: '?mode=summarise',
    label: 'Address range (start - end)',
    values: ['10.0.0.1 - 10.255.255.254', '192.168.0.3 - 192.168.200.77'],
  },
];

async function openPlayground(browser: Browser, rate: number, scenario: Scenario): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${ORIGIN}/playgrounds/subnet-calculator/${scenario.query}`);
  const island = page.locator('astro-island:has(section.sc)');
  await island.scrollIntoViewIfNeeded(); // client:visible
  await page.waitForFunction(() => {
    const el = document.querySelector('astro-island:has(section.sc)');
    return el !== null && !el.hasAttribute('ssr');
  });
  await page.getByLabel(scenario.label).waitFor();
  return page;
}

interface Row {
  readonly rate: number;
  readonly scenario: string;
  readonly script: Stats;
  readonly render: Stats;
  readonly work: Stats;
  readonly toPaint: Stats;
}

ensureBuilt('playgrounds/subnet-calculator/index.html', args);
const rows: Row[] = [];
await withPreview(PORT, async (browser) => {
  for (const rate of [1, 4]) {
    for (const scenario of SCENARIOS) {
      const page = await openPlayground(browser, rate, scenario);
      const samples = await measureSynthetic(browser, page, scenario, {
        runs: RUNS,
        warmup: WARMUP,
        markPrefix: 'sc-input-',
      });
      await page.close();
      rows.push({
        rate,
        scenario: scenario.name,
        script: stats(samples.map((s) => s.script)),
        render: stats(samples.map((s) => s.render)),
        work: stats(samples.map((s) => s.script + s.render)),
        toPaint: stats(samples.map((s) => s.toPaint)),
      });
    }
  }
});

console.log(`Subnet calculator, ${RUNS} repetitions after ${WARMUP} warm-up; ms, median / p95 / max.`);
console.log('script = input → Preact re-rendered; render = that frame’s style/layout/paint (trace); work = both;');
console.log('to paint = input → end of that frame, including the wait for it.');
reportByRate(
  ['script', 'render', 'work', 'to paint'],
  rows.map((row) => ({ ...row, cells: [row.script, row.render, row.work, row.toPaint] })),
  LIMIT_MS,
  args.includes('--check'),
);
