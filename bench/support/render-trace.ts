/**
 * What the input-to-paint benchmarks share (`bench/http-timeline-render.ts`, `bench/subnet-render.ts`,
 * `bench/tls-render.ts`, run together by `bench/render.ts`): the built site served by `astro preview`, synthetic
 * input events timed inside the page, and Chromium's trace read for the render that follows each input.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/chromium.mjs';

/** Median, 95th percentile and maximum of a sample. */
export interface Stats {
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export const ms = (n: number): string => n.toFixed(1).padStart(6);
export const cell = (s: Stats): string => `${ms(s.median)} ${ms(s.p95)} ${ms(s.max)}`;

/** Starts `astro preview` on 127.0.0.1:`port` (the built site) and waits until it answers (60 s at most). */
export async function startServer(port: number): Promise<ChildProcess> {
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['astro', 'preview', '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so npx and astro both stop at the end
  });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  server.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`astro preview exited (${server.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopServer(server);
  throw new Error(`astro preview did not answer on ${origin} within 60 s:\n${log}`);
}

export function stopServer(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

/** One synthetic input: script time until Preact's render, two frames later, and the traced render and paint. */
export interface Sample {
  readonly script: number;
  readonly doubleRaf: number;
  readonly render: number;
  readonly toPaint: number;
}

/** The fields of a Chrome trace event that are read here (timestamps in µs). */
interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly ts: number;
}

/**
 * Types `values` alternately into the field labelled `label`, `runs` times after `warmup` unmeasured inputs, each
 * starting mid-frame as a keystroke would; `markPrefix` names the user-timing marks the trace is matched on.
 */
export async function measureSynthetic(
  browser: Browser,
  page: Page,
  input: { readonly label: string | RegExp; readonly values: readonly string[] },
  options: { readonly runs: number; readonly warmup: number; readonly markPrefix: string },
): Promise<Sample[]> {
  const id = await page.getByLabel(input.label).getAttribute('id');
  if (id === null) throw new Error(`The field '${String(input.label)}' has no id.`);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing'] });
  const inPage = await page.evaluate(
    async ({ id, values, runs, warmup, prefix }) => {
      const field = document.getElementById(id) as HTMLInputElement;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const samples: { script: number; doubleRaf: number }[] = [];
      for (let i = -warmup; i < runs; i++) {
        await frame();
        await new Promise((r) => setTimeout(r, 20)); // start mid-frame, as a keystroke would
        field.value = values[(i + warmup) % 2] as string;
        if (i >= 0) performance.mark(`${prefix}${i}`);
        const t0 = performance.now();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        await Promise.resolve(); // queued after Preact's render microtask
        const script = performance.now() - t0;
        const second = await frame().then(frame);
        if (i >= 0) samples.push({ script, doubleRaf: second - t0 });
        await new Promise((r) => setTimeout(r, 30)); // let the URL effect run before the next change
      }
      return samples;
    },
    { id, values: [...input.values], runs: options.runs, warmup: options.warmup, prefix: options.markPrefix },
  );
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const marks = new Map(events.filter((e) => e.name.startsWith(options.markPrefix)).map((e) => [e.name, e]));
  const frameAfter = framesIn(events);
  return inPage.map((sample, i) => {
    const mark = marks.get(`${options.markPrefix}${i}`);
    const frame = frameAfter(mark);
    if (mark === undefined || frame === undefined) {
      throw new Error(`No 'AnimationFrame::Render' trace event after input ${i}: this Chromium does not record them.`);
    }
    const { begin, end } = frame;
    return { ...sample, render: (end.ts - begin.ts) / 1000, toPaint: (end.ts - mark.ts) / 1000 };
  });
}

/**
 * The first frame Chromium rendered after `mark` in the same renderer: its `AnimationFrame::Render` begin and end
 * events, or undefined when the trace holds none.
 */
function framesIn(
  events: readonly TraceEvent[],
): (mark: TraceEvent | undefined) => { begin: TraceEvent; end: TraceEvent } | undefined {
  const begins = events.filter((e) => e.name === 'AnimationFrame::Render' && e.ph === 'b').sort((a, b) => a.ts - b.ts);
  const ends = events.filter((e) => e.name === 'AnimationFrame::Render' && e.ph === 'e').sort((a, b) => a.ts - b.ts);
  return (mark) => {
    const begin = mark && begins.find((e) => e.pid === mark.pid && e.ts >= mark.ts);
    const end = begin && ends.find((e) => e.pid === begin.pid && e.ts >= begin.ts);
    return begin === undefined || end === undefined ? undefined : { begin, end };
  };
}

/** One input whose answer is painted later (a worker computes it): latency, main-thread work and the frame. */
export interface AsyncSample {
  /** Input dispatched → the answer is in the DOM (worker round trip included). */
  readonly answer: number;
  /** Rendering of the frame that paints the answer (style, layout, paint: Chromium's `AnimationFrame::Render`). */
  readonly render: number;
  /** Main-thread busy time from the input to the end of that frame: every task (`ThreadControllerImpl::RunTask`) on
   * the renderer's main thread, clipped to the interval — the input handler, the answer's re-render and the frame (and
   * the bench's own small rAF/observer callbacks, a fraction of a millisecond). */
  readonly work: number;
  /** Input dispatched → end of the frame that paints the answer. */
  readonly toPaint: number;
  /** With a follow-up part (drawn after the answer's frame): input → end of the frame that paints it, the busy time
   * until then, and the longest stretch of that time without a break (the longest task). */
  readonly follow?: { readonly toPaint: number; readonly work: number; readonly longestTask: number };
}

interface TraceSpan extends TraceEvent {
  readonly tid: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Like {@link measureSynthetic}, for an island that computes off the main thread: sets `values` alternately on the
 * control with id-bearing label `label` (a text field gets an `input` event, a `<select>` a `change` event), then
 * waits (≤ 5 s) until the text of `answerSelector` changes — the worker's answer rendered — and reads the trace for
 * the frame that paints it and for the main thread's busy time in between.
 */
export async function measureAnswered(
  browser: Browser,
  page: Page,
  input: {
    readonly label: string;
    readonly values: readonly string[];
    readonly answerSelector: string;
    /** The part drawn after the answer's frame (`usePaintedLater`): its first change after the input is waited for
     * too, and the samples get {@link AsyncSample.follow}. */
    readonly followSelector?: string;
  },
  options: { readonly runs: number; readonly warmup: number; readonly markPrefix: string },
): Promise<AsyncSample[]> {
  const id = await page.getByLabel(input.label).first().getAttribute('id');
  if (id === null) throw new Error(`The control '${input.label}' has no id.`);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'blink.user_timing', 'toplevel'] });
  const inPage = await page.evaluate(
    async ({ id, values, runs, warmup, prefix, selector, followSelector }) => {
      const control = document.getElementById(id) as HTMLInputElement | HTMLSelectElement;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const answers: number[] = [];
      // Resolves on the first change under `target` (≤ 5 s), for the answer and for the part drawn after it.
      const changed = (target: Element, what: string, until: (() => boolean) | undefined) =>
        new Promise<number>((resolve, reject) => {
          const observer = new MutationObserver(() => {
            if (until !== undefined && !until()) return;
            observer.disconnect();
            resolve(performance.now());
          });
          observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
          setTimeout(() => {
            observer.disconnect();
            reject(new Error(`No ${what} within 5 s.`));
          }, 5000);
        });
      for (let i = -warmup; i < runs; i++) {
        await frame();
        await new Promise((r) => setTimeout(r, 20)); // start mid-frame, as a keystroke would
        const target = document.querySelector(selector);
        if (target === null) throw new Error(`No element matches ${selector}.`);
        const before = target.textContent;
        const answered = changed(
          target,
          `answer after setting '${values[(i + warmup) % 2]}'`,
          () => target.textContent !== before,
        );
        const followTarget = followSelector === undefined ? null : document.querySelector(followSelector);
        if (followSelector !== undefined && followTarget === null)
          throw new Error(`No element matches ${followSelector}.`);
        const followed =
          followTarget === null ? undefined : changed(followTarget, `redraw of ${followSelector}`, undefined);
        followed?.catch(() => {}); // awaited below; not an unhandled rejection while the answer is awaited
        control.value = values[(i + warmup) % 2] as string;
        if (i >= 0) performance.mark(`${prefix}${i}`);
        const t0 = performance.now();
        control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
        const t1 = await answered;
        if (i >= 0) {
          performance.mark(`${prefix}${i}-answer`);
          answers.push(t1 - t0);
        }
        if (followed !== undefined) {
          await followed;
          if (i >= 0) performance.mark(`${prefix}${i}-follow`);
        }
        await frame().then(frame);
        await new Promise((r) => setTimeout(r, 30)); // let the URL effect run before the next change
      }
      return answers;
    },
    {
      id,
      values: [...input.values],
      runs: options.runs,
      warmup: options.warmup,
      prefix: options.markPrefix,
      selector: input.answerSelector,
      followSelector: input.followSelector,
    },
  );
  const costs = frameCosts(
    (await browser.stopTracing()).toString(),
    options.markPrefix,
    inPage.length,
    input.followSelector !== undefined,
  );
  return inPage.map((answer, i) => ({ answer, ...(costs[i] as FrameCost) }));
}

/** Main-thread cost of one change: the frame that paints it, the busy time until then, and the delay to its paint. */
export type FrameCost = Omit<AsyncSample, 'answer'>;

/**
 * Reads a trace recorded with the categories `devtools.timeline`, `blink.user_timing` and `toplevel`, in which the
 * page marked `<prefix><i>` when change i started and `<prefix><i>-answer` when its result was in the DOM, for i in
 * 0..count-1: the cost of each change, from its start to the end of the first frame rendered after its result.
 */
export function frameCosts(json: string, prefix: string, count: number, follow = false): FrameCost[] {
  const trace = JSON.parse(json) as { traceEvents: TraceSpan[] } | TraceSpan[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const marks = new Map(events.filter((e) => e.name.startsWith(prefix)).map((e) => [e.name, e]));
  const frameAfter = framesIn(events);
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter(
      (e) =>
        e.name === 'ThreadControllerImpl::RunTask' &&
        e.ph === 'X' &&
        e.dur !== undefined &&
        mainThreads.has(`${e.pid}:${e.tid}`),
    )
    .sort((a, b) => a.ts - b.ts);
  return Array.from({ length: count }, (_, i) => {
    const mark = marks.get(`${prefix}${i}`);
    const frame = frameAfter(marks.get(`${prefix}${i}-answer`));
    if (mark === undefined || frame === undefined) {
      throw new Error(`No 'AnimationFrame::Render' trace event after change ${i}: this Chromium does not record them.`);
    }
    const { begin, end } = frame;
    // The union of the tasks' spans (a nested task is not counted twice), clipped to [input, end of frame].
    const busyUntil = (until: number) => {
      let busy = 0;
      let longest = 0;
      let reached = mark.ts;
      for (const task of tasks) {
        if (task.pid !== mark.pid) continue;
        const from = Math.max(task.ts, reached);
        const to = Math.min(task.ts + (task.dur ?? 0), until);
        if (to > from) {
          busy += to - from;
          longest = Math.max(longest, to - from);
          reached = to;
        }
      }
      return { busy: busy / 1000, longest: longest / 1000 };
    };
    const cost = {
      render: (end.ts - begin.ts) / 1000,
      work: busyUntil(end.ts).busy,
      toPaint: (end.ts - mark.ts) / 1000,
    };
    if (!follow) return cost;
    const followEnd = frameAfter(marks.get(`${prefix}${i}-follow`))?.end;
    if (followEnd === undefined) throw new Error(`No frame after the follow-up redraw of change ${i}.`);
    const { busy, longest } = busyUntil(followEnd.ts);
    return { ...cost, follow: { toPaint: (followEnd.ts - mark.ts) / 1000, work: busy, longestTask: longest } };
  });
}

/** Builds the site first when `--build` is among `args` or `dist/<page>` is missing (`page`: e.g. `playgrounds/dns/index.html`). */
export function ensureBuilt(page: string, args: readonly string[]): void {
  if (!args.includes('--build') && existsSync(`dist/${page}`)) return;
  console.log('Building the site (npx astro build)…');
  const built = spawnSync('npx', ['astro', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`astro build failed (exit ${built.status}).`);
}

/** Serves dist/ on 127.0.0.1:`port`, launches the system Chromium, runs `body`, and stops both whatever happens. */
export async function withPreview<T>(port: number, body: (browser: Browser) => Promise<T>): Promise<T> {
  const server = await startServer(port);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    return await body(browser);
  } finally {
    await browser?.close();
    stopServer(server);
  }
}

/** One measured interaction at one CPU rate: its columns in header order, and the main-thread work judged. */
export interface RateRow {
  readonly rate: number;
  readonly scenario: string;
  readonly cells: readonly Stats[];
  readonly work: Stats;
  /** When a part is drawn after the answer's frame: the longest task until it is painted, judged like `work`. */
  readonly longestTask?: Stats;
}

/**
 * Prints the rows under `headers` (median / p95 / max per column), then each rate's worst median work (and longest
 * task, for rows that have one) against `limits[rate]`; with `check`, sets exit code 1 when any is over its limit.
 */
export function reportByRate(
  headers: readonly string[],
  rows: readonly RateRow[],
  limits: Readonly<Record<number, number>>,
  check: boolean,
): void {
  console.log(`  ${'CPU'.padEnd(4)} ${'scenario'.padEnd(22)} ${headers.map((h) => h.padStart(20)).join(' ')}`);
  for (const row of rows) {
    console.log(`  ${`${row.rate}×`.padEnd(4)} ${row.scenario.padEnd(22)} ${row.cells.map(cell).join(' ')}`);
  }
  let over = 0;
  const judged: [string, (row: RateRow) => Stats | undefined][] = [
    ['work', (row) => row.work],
    ['longest task', (row) => row.longestTask],
  ];
  for (const [what, of] of judged) {
    for (const rate of [...new Set(rows.map((r) => r.rate))]) {
      const medians = rows.filter((r) => r.rate === rate).flatMap((r) => of(r)?.median ?? []);
      if (medians.length === 0) continue;
      const limit = limits[rate] ?? 16;
      const worst = Math.max(...medians);
      if (worst > limit) over++;
      console.log(
        `${rate}× worst median ${what}: ${worst.toFixed(1)} ms (${worst <= limit ? 'within' : 'over'} ${limit} ms).`,
      );
    }
  }
  if (check && over > 0) process.exitCode = 1;
}
