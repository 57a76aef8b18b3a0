/**
 * The timeline's run: all five protocols for one input. A module of its own so that only the worker (and the server
 * render) bundle the simulator; the island's main-thread code does not.
 */
import { comparePageLoads, type HttpInputError, type HttpResult, type PageLoadResult } from '../http/index.ts';
import type { Result } from '../playground/index.ts';
import { type TimelineError, type TimelineInput, type TimelineState, timelineInput } from './state.ts';

/** Runs all five protocols (the work the island hands to its worker). */
export function runTimeline(input: TimelineInput): HttpResult<PageLoadResult[]> {
  return comparePageLoads(input.page, input.network);
}

/** Converts and runs in one step (for tests, benches and build-time use). */
export function simulateTimeline(state: TimelineState): Result<PageLoadResult[], TimelineError | HttpInputError> {
  const input = timelineInput(state);
  return input.ok ? runTimeline(input.value) : input;
}
