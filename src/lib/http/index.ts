export { HTTP_LIMITS, INITIAL_WINDOW_BYTES, MINIMUM_WINDOW_BYTES, PACKET_BYTES } from './constants.ts';
export type { PagePreset, PresetId, ProtocolInfo } from './presets.ts';
export { isPresetId, PRESET_IDS, PRESETS, PROTOCOLS, presetPage, uniformPage } from './presets.ts';
export { connectionSeed, mulberry32 } from './prng.ts';
export type { SimulationInput } from './simulate.ts';
export { comparePageLoads, simulatePageLoad } from './simulate.ts';
export { HTTP_CONSTANTS } from './sources.ts';
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
} from './types.ts';
export { PHASE_NAMES, PROTOCOL_IDS, RESOURCE_TYPES, TLS_MODES } from './types.ts';
export { isProtocolId, isTlsMode, parseProtocol, validateNetwork, validatePage } from './validate.ts';
export type { ComparisonRow, WaterfallLaneItem, WaterfallLayout, WaterfallRow, WaterfallSegment } from './waterfall.ts';
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
} from './waterfall.ts';
