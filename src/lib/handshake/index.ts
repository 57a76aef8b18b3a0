export type { CalculatorError, CalculatorField, CalculatorState, ComparisonKey, NetworkPreset } from './calculator';
export {
  CALCULATOR_DEFAULTS,
  COMPARISON_KEYS,
  decodeCalculatorState,
  encodeCalculatorState,
  mergeCalculatorQuery,
  NETWORK_PRESETS,
  parseCalculatorState,
  scenarioLabel,
  sortComparison,
} from './calculator';
export type { ModelConstant } from './constants';
export { DEFAULTS, MESSAGE_BYTES, PROTOCOL, QUIC_INITIAL_WINDOW_BYTES, TCP_INITIAL_WINDOW_BYTES } from './constants';
export type { LadderOptions, SequenceActor, SequenceDiagramData, SequenceStep } from './ladder';
export { ladderCaption, toSequenceDiagram } from './ladder';
export type { ScenarioInfo } from './scenarios';
export { isScenarioId, SCENARIOS, type ScenarioId, scenarioIds } from './scenarios';
export { compareScenarios, simulateHandshake } from './simulate';
export type { ConstantSource } from './sources';
export { DEFAULT_SOURCES, MESSAGE_SOURCES, PROTOCOL_SOURCES } from './sources';
export type { PathTiming } from './transfer';
export { flightArrivalOffsetMs, serializationMs, slowStartRounds } from './transfer';
export type {
  DnsInput,
  Endpoint,
  HandshakeInput,
  HandshakeMessage,
  InputError,
  InputErrorCode,
  InputResult,
  MessageLayer,
  NetworkConditions,
  ScenarioResult,
  TimeBreakdown,
} from './types';
export { validateInput } from './validate';
