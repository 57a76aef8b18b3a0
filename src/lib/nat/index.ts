/**
 * Public surface of the NAT model: one NAT box (RFC 4787/5382 behaviours, Linux masquerade as a preset), a topology
 * of segments, hosts and routers with a packet walk, scenarios as data and the hole punching matrix.
 */
export {
  allocatePort,
  emptyTable,
  endpointsEqual,
  expireSessions,
  findForward,
  findSession,
  formatEndpoint,
  formatTuple,
  forwardTarget,
  invert,
  linuxPortClass,
  type NatBox,
  type NatStep,
  nextTcpState,
  sessionView,
  translate,
  tuplesEqual,
} from './nat.ts';
export {
  advance,
  describeHop,
  type Hop,
  type Host,
  initialState,
  type NetworkState,
  type Router,
  type Segment,
  sendPacket,
  type Topology,
  type Walk,
  type WalkOutcome,
} from './network.ts';
export { PRESET_NOTES, type PresetNote } from './preset-notes.ts';
export {
  LINUX_TIMEOUTS,
  type NatPreset,
  PRESET_IDS,
  PRESET_LABELS,
  PRESETS,
  type PresetId,
  presetById,
  RFC_TIMEOUTS,
} from './presets.ts';
export {
  hairpinScenario,
  holePunchMatrix,
  holePunchScenario,
  holePunchWorks,
  MAX_STEPS,
  type RunOptions,
  resumeSteps,
  runSteps,
  SCENARIO_IDS,
  SCENARIO_TITLES,
  type Scenario,
  type ScenarioId,
  type ScenarioStep,
  type StepResult,
  type StepRun,
  scenarioById,
  type Target,
} from './scenarios.ts';
export { ipv4ToNumber, TOPOLOGY_LIMITS, validateTopology } from './topology-check.ts';
export type * from './types.ts';
export {
  DEPENDENCIES,
  DROP_REASONS,
  HAIRPIN_MODES,
  NAT_ERROR_CODES,
  PORT_ASSIGNMENTS,
  PORT_SHARING,
  PROTOCOLS,
  TCP_FLAGS,
} from './types.ts';
