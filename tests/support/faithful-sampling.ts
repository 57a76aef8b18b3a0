/**
 * Sampling for latency tests that must not flake on a busy machine.
 *
 * A latency test compares a model with a real stack through the loopback latency proxy. On a busy machine the
 * instrument fails before the model does: timers fire late, so the network the connection saw was slower than the
 * one we asked for. A sample is therefore kept only when it was taken faithfully — the proxy forwarded every chunk
 * within `maxLatenessMs` of its due time and this process's event loop never stalled for longer than that (Node's
 * event-loop delay histogram) — and a discarded sample is re-taken after a short, growing pause so a burst of load
 * can pass. Everything is bounded: at most `maxAttempts` samples and `budgetMs` of wall time per measurement.
 *
 * The outcome says whether the measurement is `complete`. A test that could not measure (the machine stayed too
 * busy for the whole budget) is skipped with the count of discarded samples, never failed: only a clean
 * measurement that disagrees with the model is a failure.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** One attempt: the measured value(s) and the worst proxy lateness seen while taking it. */
export interface Attempt<T> {
  readonly value: T;
  readonly proxyLatenessMs: number;
}

export interface SamplingOptions {
  /** Faithful samples wanted. */
  readonly repeats: number;
  /** A sample whose proxy lateness or event-loop stall exceeds this is discarded (ms). */
  readonly maxLatenessMs: number;
  /** Upper bound on attempts, faithful or not. */
  readonly maxAttempts?: number;
  /** Upper bound on wall time for the whole measurement (ms). */
  readonly budgetMs?: number;
}

export interface Sampled<T> {
  readonly samples: T[];
  /** Attempts thrown away as unfaithful. */
  readonly discarded: number;
  /** True when `repeats` faithful samples were taken within the bounds. */
  readonly complete: boolean;
  /** Worst lateness among the kept samples (ms). */
  readonly worstKeptLatenessMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `take` while watching this process's event loop: its value and how unfaithfully it was taken, the worse of the
 * proxy's lateness and the longest event-loop stall (ms).
 */
export async function withLateness<T>(take: () => Promise<Attempt<T>>): Promise<{ value: T; lateness: number }> {
  const loop = monitorEventLoopDelay({ resolution: 2 });
  loop.enable();
  const { value, proxyLatenessMs } = await take();
  loop.disable();
  // The histogram's resolution is added to every reading; what is left is how long the loop was blocked.
  const stallMs = Math.max(0, loop.max / 1e6 - 2);
  return { value, lateness: Math.max(proxyLatenessMs, stallMs) };
}

/** Takes faithful samples with `take`, as described above. */
export async function sampleFaithfully<T>(
  take: () => Promise<Attempt<T>>,
  options: SamplingOptions,
): Promise<Sampled<T>> {
  const maxAttempts = options.maxAttempts ?? 12 * options.repeats;
  const deadline = performance.now() + (options.budgetMs ?? 40_000);
  const samples: T[] = [];
  let discarded = 0;
  let worstKept = 0;
  for (let attempt = 0; attempt < maxAttempts && samples.length < options.repeats; attempt++) {
    if (performance.now() > deadline) break;
    const { value, lateness } = await withLateness(take);
    if (lateness > options.maxLatenessMs) {
      discarded += 1;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(discarded, 5)));
      continue;
    }
    samples.push(value);
    worstKept = Math.max(worstKept, lateness);
  }
  return { samples, discarded, complete: samples.length >= options.repeats, worstKeptLatenessMs: worstKept };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The line a test prints (and skips with) when the machine stayed too busy to measure. */
export function tooBusy(what: string, sampled: Pick<Sampled<unknown>, 'samples' | 'discarded'>): string {
  return `${what}: could not measure — the machine stayed too busy (${sampled.samples.length} faithful samples, ${sampled.discarded} discarded); skipped, not failed`;
}

/**
 * For a bound against gross errors or an instrument's floor: runs `measure` until one result's `ms` is under
 * `limitMs`, at most `tries` times and (when given) for at most `withinMs` of wall time, and returns every result in
 * order. Load on the machine can only add delay, so a slow result is tried again rather than failed; lower bounds
 * stay checkable on every result.
 */
export async function tryUntilUnder<T>(
  measure: () => Promise<T>,
  ms: (result: T) => number,
  limitMs: number,
  bounds: { readonly tries: number; readonly withinMs?: number },
): Promise<T[]> {
  const until = performance.now() + (bounds.withinMs ?? Number.POSITIVE_INFINITY);
  const results: T[] = [];
  do results.push(await measure());
  while (results.length < bounds.tries && performance.now() < until && ms(results.at(-1) as T) >= limitMs);
  return results;
}
