/**
 * Heavy model runs off the main thread. `useBackgroundRun(input, options)` returns the output of the model's run
 * for `input`, computed in a Web Worker (the worker module calls `serveRuns(run)` from `./background-worker.ts`):
 *
 * - A new input is posted with a fresh id; an answer for an older id is ignored. A run that has been going for
 *   more than {@link CANCEL_AFTER_MS} when the input changes is cancelled by terminating its worker (a synchronous
 *   simulation cannot be interrupted any other way) and the next run starts a fresh one; a younger run is left to
 *   finish (its answer is ignored), so fast typing over a fast model does not respawn workers.
 * - Until the answer arrives the previous output stays on screen; if it takes longer than a frame, `busy` turns
 *   true so the island can say "Simulating…".
 * - `run` (optional) is the same function, bundled for synchronous use: the server render and tests pass it, and
 *   the first render uses it, so hydration matches. An island may leave it out of its client bundle (saving the
 *   model's bytes): then `output` is undefined until the worker's first answer, and the island keeps the server's
 *   HTML meanwhile (`dangerouslySetInnerHTML`, which hydration leaves untouched).
 * - Where `Worker` does not exist or the worker fails, the run happens on the main thread: `run` if given, else the
 *   function `load()` resolves to (a dynamic import, fetched only then).
 *
 * State held: the output shown and whether a newer run is pending past a frame; the worker and the run in flight.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Longest wait, in ms, before a pending run is announced as busy: one frame. */
const FRAME_MS = 16;
/** A run older than this (ms) is cancelled by a newer input; a younger one is let finish (cheaper than a respawn). */
export const CANCEL_AFTER_MS = 50;

/** A request to the worker and its answer. */
export interface RunRequest<I> {
  readonly id: number;
  readonly input: I;
}
export type RunAnswer<O> =
  | { readonly id: number; readonly output: O }
  | { readonly id: number; readonly error: string };

/** How an island runs its model in the background. */
export interface BackgroundOptions<I, O> {
  /** Makes the worker; write it inline so Vite bundles the worker module:
   * `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`. */
  readonly createWorker: () => Worker;
  /** The run, bundled for synchronous use (server render, tests); leave undefined to keep it out of the bundle. */
  readonly run: ((input: I) => O) | undefined;
  /** Loads the run for the main thread when there is no worker and no `run`. */
  readonly load: () => Promise<(input: I) => O>;
  /**
   * False for an island that shows nothing while a run is pending: `busy` then stays false, and the render that would
   * announce it (a frame after the post, in the middle of waiting for the answer) never happens.
   */
  readonly announcesBusy?: boolean;
}

/** Owns one worker: posts inputs, drops stale answers, replaces the worker to cancel a run in flight. */
class Runner<I, O> {
  #worker: Worker | undefined;
  /** The worker has answered at least once (its module is loaded). */
  #ready = false;
  #nextId = 1;
  #inFlight: { id: number; input: I; done: (output: O) => void; since: number } | undefined;
  readonly #options: BackgroundOptions<I, O>;

  constructor(options: BackgroundOptions<I, O>) {
    this.#options = options;
  }

  post(input: I, done: (output: O) => void): void {
    // Cancel a long run: its answer would be stale anyway. A short one finishes and is ignored (id mismatch), and so
    // does any run of a worker that has not answered yet: it is still loading, and a respawn would load it again.
    const flight = this.#inFlight;
    if (flight !== undefined && this.#ready && Date.now() - flight.since > CANCEL_AFTER_MS) this.terminate();
    const id = this.#nextId++;
    this.#inFlight = { id, input, done, since: Date.now() };
    if (typeof Worker !== 'function') {
      this.#answerOnMainThread();
      return;
    }
    try {
      (this.#worker ?? this.#spawn()).postMessage({ id, input } satisfies RunRequest<I>);
    } catch {
      this.#answerOnMainThread();
    }
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = false;
    this.#inFlight = undefined;
  }

  #spawn(): Worker {
    const worker = this.#options.createWorker();
    worker.onmessage = (event: MessageEvent<RunAnswer<O>>) => {
      this.#ready = true;
      const flight = this.#inFlight;
      if (flight === undefined || event.data.id !== flight.id) return; // stale
      if ('error' in event.data) {
        this.#answerOnMainThread();
        return;
      }
      this.#inFlight = undefined;
      flight.done(event.data.output);
    };
    // A worker that cannot load (blocked, or a build without it) must not leave the island waiting forever.
    worker.onerror = (event) => {
      event.preventDefault();
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#answerOnMainThread();
    };
    this.#worker = worker;
    return worker;
  }

  #answerOnMainThread(): void {
    const flight = this.#inFlight;
    if (flight === undefined) return;
    const finish = (run: (input: I) => O) => {
      if (this.#inFlight !== flight) return; // a newer input arrived while the run was loading
      this.#inFlight = undefined;
      flight.done(run(flight.input));
    };
    const { run, load } = this.#options;
    if (run !== undefined) finish(run);
    else void load().then(finish);
  }
}

/** What the island shows: the newest finished output (undefined before the first), and whether a run is pending. */
export interface Background<O> {
  readonly output: O | undefined;
  readonly busy: boolean;
  /**
   * True once the island renders its own output after mounting (false on the server and until the worker's first
   * answer): put it on the root as `data-live` so browser tests can wait for an island that answers to input.
   */
  readonly live: boolean;
}

/** The output of a background run of `input`; memoise `input` on the island's state (a new identity is a new run). */
export function useBackgroundRun<I, O>(input: I, options: BackgroundOptions<I, O>): Background<O> {
  const { run } = options;
  const direct = run !== undefined && typeof Worker !== 'function';
  const first = useRef<{ input: I; output: O | undefined } | undefined>(undefined);
  if (first.current === undefined) first.current = { input, output: run?.(input) };
  const initial = first.current;
  // Without workers but with the run bundled (tests): recompute during render, memoised on the input's identity.
  const sync = useMemo(() => (direct && input !== initial.input ? run(input) : initial.output), [input]);
  const [done, setDone] = useState<Background<O>>({ output: initial.output, busy: false, live: false });
  const runner = useRef<Runner<I, O> | undefined>(undefined);
  /** The input last posted (or shown from the server render) and the timer that announces its run as busy. */
  const posted = useRef<{ input: I; timer?: ReturnType<typeof setTimeout> | undefined } | undefined>(undefined);

  const post = (value: I, announce: boolean) => {
    clearTimeout(posted.current?.timer);
    // The first run (of the server-rendered state) is not announced: its output is already on screen.
    const timer =
      announce && options.announcesBusy !== false
        ? setTimeout(() => setDone((d) => (d.busy ? d : { ...d, busy: true })), FRAME_MS)
        : undefined;
    posted.current = { input: value, timer };
    runner.current ??= new Runner(options);
    runner.current.post(value, (output) => {
      clearTimeout(timer);
      setDone({ output, busy: false, live: true });
    });
  };

  // Once mounted, a new input is posted while it renders, before the frame is painted, so the worker's answer is
  // often drawn in the very next frame; an effect would post it after the paint, a frame later (and a layout effect
  // would grow the hooks chunk every island loads). Preact never discards a render, so no post is for a render that
  // does not happen; the server never posts (posted stays undefined there: effects do not run).
  if (posted.current !== undefined && !direct && input !== posted.current.input) post(input, true);

  useEffect(() => {
    // Preact runs this before any later render, so `input` is still the newest.
    if (initial.output !== undefined) {
      posted.current = { input };
      setDone((d) => ({ ...d, live: true }));
    } else post(input, false);
    return () => {
      clearTimeout(posted.current?.timer);
      runner.current?.terminate();
    };
  }, []);

  return direct ? { output: sync, busy: false, live: done.live } : done;
}
