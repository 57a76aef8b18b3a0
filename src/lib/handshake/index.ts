export type { ModelConstant } from './constants.ts';
export { DEFAULTS, MESSAGE_BYTES, PROTOCOL, QUIC_INITIAL_WINDOW_BYTES, TCP_INITIAL_WINDOW_BYTES } from './constants.ts';
export type { LadderOptions, SequenceActor, SequenceDiagramData, SequenceStep } from './ladder.ts';
export { ladderCaption, toSequenceDiagram } from './ladder.ts';
export type { ScenarioInfo } from './scenarios.ts';
export { isScenarioId, SCENARIOS, type ScenarioId, scenarioIds } from './scenarios.ts';
export { compareScenarios, simulateHandshake } from './simulate.ts';
export type { ConstantSource } from './sources.ts';
export { DEFAULT_SOURCES, MESSAGE_SOURCES, PROTOCOL_SOURCES } from './sources.ts';
export type { PathTiming } from './transfer.ts';
export { flightArrivalOffsetMs, serializationMs, slowStartRounds } from './transfer.ts';
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
} from './types.ts';
export { validateInput } from './validate.ts';
