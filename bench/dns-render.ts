import type { Browser, Page } from 'playwright-core';
import { cell, ensureBuilt, measureSynthetic, type Stats, stats, withPreview } from './support/render-trace.ts';

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 20);
const PORT = Number(args.find((a) => a.startsWith('--port='))?.slice(7) ?? 4384);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const FRAME_MS = 16;
const WARMUP = 3;

interface Scenario {
  readonly name: string;
  readonly query: string;
  /** The field's exact label (a regular expression: byte cells are named 'QNAME…', which a substring would match). */
  readonly label: RegExp;
  readonly values: readonly [string, string];
  /** A select, changed with a `change` event, instead of a text field. */
  readonly select?: boolean;
}
const SCENARIOS: readonly Scenario[] = [
  { name: 'Type a name', query: '', label: /^Name$/, values: ['blog.example.org', 'www.example.com'] },
  { name: 'Cache cold ↔ warm', query: '', label: /^Resolver cache$/, values: ['warm', 'cold'], select: true },
  {
    name: 'Big reply (hex view)',
    query: '?name=big.example.com&type=TXT',
    label: /^Name$/,
    values: ['www.example.com', 'big.example.com'],
  },
];

async function openPlayground(browser: Browser, rate: number, scenario: Scenario): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(`${ORIGIN}/playgrounds/dns/${scenario.query}`);
  const island = page.locator('section.dp');
  await island.scrollIntoViewIfNeeded(); // client:visible
  await page.locator('section.dp[data-live]').waitFor({ timeout: 30_000 });
  return page;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly ts: number;
}

/** Input → the worker's answer rendered → that frame painted (see the header). */
async function measureAnswer(
  browser: Browser,
  page: Page,
  scenario: Scenario,
): Promise<{ answer: number; render: number; toPaint: number }[]> {
  const id = await page.getByLabel(scenario.label).getAttribute('id');
  if (id === null) throw new Error(`The field '${String(scenario.label)}' has no id.`);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  const inPage = await page.evaluate(
    async ({ id, values, runs, warmup, select }) => {
      const field = document.getElementById(id) as HTMLInputElement | HTMLSelectElement;
      const total = document.querySelector('section.dp .dp-total') as HTMLElement;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const samples: { answer: number; inputAt: number }[] = [];
      // Start with the value the field does not hold, so every input changes the result.
      const start = field.value === values[0] ? 1 : 0;
      for (let i = -warmup; i < runs; i++) {
        await frame();
        await new Promise((r) => setTimeout(r, 20));
        const before = total.textContent;
        const rendered = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no answer within 5 s')), 5000);
          const observer = new MutationObserver(() => {
            if (total.textContent === before) return;
            observer.disconnect();
            clearTimeout(timer);
            if (i >= 0) performance.mark(`dns-answer-${i}`);
            resolve(performance.now());
          });
          observer.observe(total, { childList: true, characterData: true, subtree: true });
        });
        field.value = values[(i + warmup + start) % 2] as string;
        const t0 = performance.now();
        field.dispatchEvent(new Event(select ? 'change' : 'input', { bubbles: true }));
        const t1 = await rendered;
        if (i >= 0) samples.push({ answer: t1 - t0, inputAt: t0 });
        await frame().then(frame);
        await new Promise((r) => setTimeout(r, 30));
      }
      return samples;
    },
    { id, values: [...scenario.values], runs: RUNS, warmup: WARMUP, select: scenario.select === true },
  );
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const marks = new Map(events.filter((e) => e.name.startsWith('dns-answer-')).map((e) => [e.name, e]));
  const begins = events.filter((e) => e.name === 'AnimationFrame::Render' && e.ph === 'b').sort((a, b) => a.ts - b.ts);
  const ends = events.filter((e) => e.name === 'AnimationFrame::Render' && e.ph === 'e').sort((a, b) => a.ts - b.ts);
  return inPage.map((sample, i) => {
    const mark = marks.get(`dns-answer-${i}`);
    const begin = mark && begins.find((e) => e.pid === mark.pid && e.ts >= mark.ts);
    const end = begin && ends.find((e) => e.pid === begin.pid && e.ts >= begin.ts);
    if (mark === undefined || begin === undefined || end === undefined)
      throw new Error(`No 'AnimationFrame::Render' trace event after answer ${i}.`);
    return {
      answer: sample.answer,
      render: (end.ts - begin.ts) / 1000,
      toPaint: sample.answer + (end.ts - mark.ts) / 1000,
    };
  });
}

interface Row {
  readonly rate: number;
  readonly scenario: string;
  readonly keyScript: Stats;
  readonly keyRender: Stats;
  readonly answer: Stats;
  readonly answerRender: Stats;
  readonly toPaint: Stats;
}

ensureBuilt('playgrounds/dns/index.html', args);
const rows: Row[] = [];
await withPreview(PORT, async (browser) => {
  for (const rate of [1, 4]) {
    for (const scenario of SCENARIOS) {
      const page = await openPlayground(browser, rate, scenario);
      // The keystroke's own frame (text fields only: a select's change has no typed echo to paint).
      const key = scenario.select
        ? []
        : await measureSynthetic(browser, page, scenario, { runs: RUNS, warmup: WARMUP, markPrefix: 'dns-input-' });
      const answers = await measureAnswer(browser, page, scenario);
      await page.close();
      rows.push({
        rate,
        scenario: scenario.name,
        keyScript: stats(key.map((s) => s.script)),
        keyRender: stats(key.map((s) => s.render)),
        answer: stats(answers.map((s) => s.answer)),
        answerRender: stats(answers.map((s) => s.render)),
        toPaint: stats(answers.map((s) => s.toPaint)),
      });
    }
  }
});

console.log(`DNS playground, ${RUNS} repetitions after ${WARMUP} warm-up; ms, median / p95 / max.`);
console.log(
  'key script/render = the keystroke’s own frame (Preact re-render of the controls; that frame’s rendering);',
);
console.log(
  'answer = input → the worker’s result rendered; answer render = that frame; to paint = input → it painted.',
);
console.log(
  `  ${'CPU'.padEnd(4)} ${'scenario'.padEnd(22)} ${['key script', 'key render', 'answer', 'answer render', 'to paint'].map((h) => h.padStart(20)).join(' ')}`,
);
for (const row of rows) {
  const parts = [row.keyScript, row.keyRender, row.answer, row.answerRender, row.toPaint].map(cell);
  console.log(`  ${`${row.rate}×`.padEnd(4)} ${row.scenario.padEnd(22)} ${parts.join(' ')}`);
}
const oneX = rows.filter((r) => r.rate === 1);
const worstKey = Math.max(...oneX.map((r) => r.keyScript.median + r.keyRender.median).filter(Number.isFinite));
const worstAnswer = Math.max(...oneX.map((r) => r.answerRender.median));
console.log(
  `\n1× worst median: keystroke frame ${worstKey.toFixed(1)} ms, answer frame ${worstAnswer.toFixed(1)} ms (limit ${FRAME_MS} ms each).`,
);
if (args.includes('--check') && (worstKey > FRAME_MS || worstAnswer > FRAME_MS)) process.exitCode = 1;
