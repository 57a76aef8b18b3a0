export { HTTP_LIMITS, INITIAL_WINDOW_BYTES, MINIMUM_WINDOW_BYTES, PACKET_BYTES } from './constants';
export type { PagePreset, PresetId, ProtocolInfo } from './presets';
export { isPresetId, PRESET_IDS, PRESETS, PROTOCOLS, presetPage, uniformPage } from './presets';
export { connectionSeed, mulberry32 } from './prng';
export type { SimulationInput } from './simulate';
export { comparePageLoads, simulatePageLoad } from './simulate';
export { HTTP_CONSTANTS } from './sources';
export type { PageChoice, TimelineState } from './timeline-state';
export {
  DEFAULT_STATE,
  decodeTimelineState,
  encodeTimelineState,
  mergeTimelineQuery,
  timelineInput,
} from './timeline-state';
export type {
  ConnectionTiming,
  HttpErrorCode,
  HttpInputError,
  HttpResult,
  Network,
  NetworkInput,
  Page,
  PageInput,
  PageLoadResult,
  PageRequest,
  Phase,
  PhaseName,
  ProtocolId,
  RequestTiming,
  ResourceInput,
  ResourceType,
  TlsMode,
} from './types';
export { PHASE_NAMES, PROTOCOL_IDS, RESOURCE_TYPES, TLS_MODES } from './types';
export { isProtocolId, isTlsMode, parseProtocol, validateNetwork, validatePage } from './validate';
export type { ComparisonRow, WaterfallLaneItem, WaterfallLayout, WaterfallRow, WaterfallSegment } from './waterfall';
export {
  compareRows,
  formatBytes,
  formatMs,
  LANE_UNITS,
  lanePaths,
  layoutWaterfall,
  PHASE_BANDS,
  PHASE_KEYS,
  ROW_UNITS,
  swatchPath,
  tickStep,
  WATERFALL_WIDTH,
  waterfallPaths,
} from './waterfall';
