/**
 * The calculator's run: every scenario on one network (the comparison table's rows). A module of its own, and not
 * re-exported by the index, so that only the worker, the server render and tests bundle the handshake simulator;
 * the island's main-thread code does not.
 */
import { compareScenarios, type HandshakeInput, type ScenarioResult } from '../handshake/index.ts';

/** Every scenario for one input, in teaching order. */
export function calculate(input: HandshakeInput): readonly ScenarioResult[] {
  return compareScenarios(input);
}
