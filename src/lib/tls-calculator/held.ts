/**
 * What the TLS calculator island keeps between the worker's answers: every scenario's results for one input and, once
 * the island has asked for them, every scenario's ladder. A pure function of the answers, here rather than in the
 * island so it is tested on its own. It imports only types from `./run.ts`, so the simulator stays out of the island.
 */
import type { CalculatorOutput } from './run.ts';
import type { ShownResult } from './state.ts';

/** What the island holds for one input: every scenario's results and, once asked for, every scenario's ladder. */
export interface Held {
  /** The input these are for, as the key the island compares (`JSON.stringify` of the answer's input). */
  readonly key: string;
  readonly results: readonly ShownResult[];
  readonly ladders: CalculatorOutput['ladders'];
  /** The answer this was last updated from. */
  readonly answer: CalculatorOutput;
}

/** The key {@link Held} is filed under for an input: the island computes the same key for what it shows. */
export function heldKey(input: CalculatorOutput['input']): string {
  return JSON.stringify(input);
}

/**
 * What the island holds after `output`. An answer with results starts afresh (a new input, or the same one asked
 * again): its results and, if it carries them, its ladders. An answer without results is for the input held, since
 * the island leaves results out of the request only when it holds them: its ladders are added, and the ladders held
 * stay if it carries none. Such an answer for any other input (one that cannot come from the island's own requests)
 * changes nothing.
 */
export function hold(before: Held | undefined, output: CalculatorOutput): Held | undefined {
  const key = heldKey(output.input);
  if (output.results !== undefined) return { key, results: output.results, ladders: output.ladders, answer: output };
  if (before === undefined || before.key !== key) return before;
  return { ...before, ladders: output.ladders ?? before.ladders, answer: output };
}
