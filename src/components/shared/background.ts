/**
 * Heavy model runs off the main thread. `useBackgroundRun(input, run, createWorker)` returns `run(input)`'s output,
 * computed in a Web Worker (the worker module calls `serveRuns(run)` from `./background-worker.ts`):
 *
 * - The first render runs synchronously (the server render and hydration need the same output).
 * - A new input is posted with a fresh id; an answer for an older id is ignored. A run still in flight when the
 *   input changes again is cancelled by terminating its worker (a synchronous simulation cannot be interrupted any
 *   other way); the next run starts a fresh one.
 * - Until the answer arrives the previous output stays on screen; if it takes longer than a frame, `busy` turns
 *   true so the island can say "Simulating…".
 * - Where `Worker` does not exist (tests in happy-dom) or the worker fails to load, `run` is called on the main
 *   thread instead.
 *
 * State held: the output shown and whether a run is pending past a frame; the worker and the id of the run in flight.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Longest wait, in ms, before a pending run is announced as busy: one frame. */
const FRAME_MS = 16;

/** A request to the worker and its answer. */
export interface RunRequest<I> {
  readonly id: number;
  readonly input: I;
}
export type RunAnswer<O> =
  | { readonly id: number; readonly output: O }
  | { readonly id: number; readonly error: string };

/** Owns one worker: posts inputs, drops stale answers, replaces the worker to cancel a run in flight. */
class Runner<I, O> {
  #worker: Worker | undefined;
  #nextId = 1;
  #inFlight: { id: number; input: I; done: (output: O) => void } | undefined;
  readonly #create: () => Worker;
  readonly #fallback: (input: I) => O;

  constructor(create: () => Worker, fallback: (input: I) => O) {
    this.#create = create;
    this.#fallback = fallback;
  }

  post(input: I, done: (output: O) => void): void {
    if (this.#inFlight !== undefined) this.terminate(); // cancel: the answer would be stale anyway
    const id = this.#nextId++;
    this.#inFlight = { id, input, done };
    let worker: Worker;
    try {
      worker = this.#worker ?? this.#spawn();
    } catch {
      this.#answerOnMainThread();
      return;
    }
    worker.postMessage({ id, input } satisfies RunRequest<I>);
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#inFlight = undefined;
  }

  #spawn(): Worker {
    const worker = this.#create();
    worker.onmessage = (event: MessageEvent<RunAnswer<O>>) => {
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
    this.#inFlight = undefined;
    if (flight !== undefined) flight.done(this.#fallback(flight.input));
  }
}

/** What the island shows: the newest finished output, and whether a newer run has taken longer than a frame. */
export interface Background<O> {
  readonly output: O;
  readonly busy: boolean;
}

/**
 * `run(input)` computed in a worker made by `createWorker` (write it inline so Vite bundles the worker:
 * `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`). Memoise `input` on the
 * island's state: a new object identity is a new run.
 */
export function useBackgroundRun<I, O>(input: I, run: (input: I) => O, createWorker: () => Worker): Background<O> {
  const background = typeof Worker === 'function';
  const first = useRef<{ input: I; output: O } | undefined>(undefined);
  if (first.current === undefined) first.current = { input, output: run(input) };
  const initial = first.current;
  // Without workers: recompute during render, memoised on the input's identity.
  const direct = useMemo(() => (background || input === initial.input ? initial.output : run(input)), [input]);
  const [done, setDone] = useState<Background<O>>({ output: initial.output, busy: false });
  const runner = useRef<Runner<I, O> | undefined>(undefined);
  const mounted = useRef(false);

  useEffect(() => {
    if (!background) return;
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    runner.current ??= new Runner(createWorker, run);
    const timer = setTimeout(() => setDone((d) => (d.busy ? d : { output: d.output, busy: true })), FRAME_MS);
    runner.current.post(input, (output) => {
      clearTimeout(timer);
      setDone({ output, busy: false });
    });
    return () => clearTimeout(timer);
  }, [input]);

  useEffect(() => () => runner.current?.terminate(), []);

  return background ? done : { output: direct, busy: false };
}
