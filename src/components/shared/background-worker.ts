/**
 * The worker side of `useBackgroundRun`: a worker module calls `serveRuns(run)` once, and answers each request
 * `{ id, input }` with `{ id, output }` (or `{ id, error }` if `run` throws, and the island then runs it itself).
 */
import type { RunAnswer, RunRequest } from './background.ts';

/** The worker's global scope, as far as this module uses it (the DOM typings describe a window, not a worker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<RunRequest<unknown>>) => void) | null;
  postMessage(message: RunAnswer<unknown>): void;
}

/** Answers every run request with `run(input)`. */
export function serveRuns<I, O>(run: (input: I) => O): void {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    const { id, input } = event.data;
    try {
      scope.postMessage({ id, output: run(input as I) });
    } catch (error) {
      scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
