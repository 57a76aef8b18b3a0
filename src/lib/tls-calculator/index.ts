/**
 * The TLS round-trip calculator's view model (the island is `src/components/TlsCalculator/`): its URL fields
 * (declared with the playground toolkit), presets, parsing to handshake-model input, the comparison table's sorting,
 * and the model's names and ladder adapter the island shows.
 *
 * The run (`calculate`) is the second public entry point, `./run.ts`, for the island's worker, the server render and
 * tests. It is not re-exported here on purpose: the island imports this index, and a static path from here to the
 * simulator would put its bytes in the island's bundle (the worker already carries them).
 */
// Direct module imports, not the model's index (which re-exports the simulator): see state.ts.
export { toSequenceDiagram } from '../handshake/ladder.ts';
export { SCENARIOS, type ScenarioId, scenarioIds } from '../handshake/scenarios.ts';
export type { HandshakeInput, ScenarioResult, TimeBreakdown } from '../handshake/types.ts';
export type {
  ComparisonKey,
  ComparisonRow,
  NetworkPreset,
  ShownResult,
  TlsCalculatorError,
  TlsCalculatorState,
  TlsNumberField,
} from './state.ts';
export {
  CALCULATOR_DEFAULTS,
  COMPARISON_KEYS,
  NETWORK_PRESETS,
  parseCalculatorState,
  scenarioLabel,
  sortComparison,
  TLS_CODEC,
} from './state.ts';
