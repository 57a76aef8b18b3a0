/**
 * The HTTP timeline playground's view model (the island is `src/components/HttpTimeline/`): its URL fields
 * (declared with the playground toolkit) and the conversion of the controls to simulator input. The waterfall's
 * layout and labels are re-exported from the model so the island has one import site. The run (`runTimeline`,
 * `simulateTimeline`) is the second public entry point, `./run.ts`, for the worker, the server render, tests and
 * benches. It is not re-exported here on purpose: the island imports this index, and a static path from here to the
 * simulator would put the simulator's bytes in the island's bundle (the worker already carries them).
 */
// Direct module imports, not the model's index (which re-exports the simulator): see state.ts.

export { PRESETS, PROTOCOLS } from '../http/presets.ts';
export type { HttpInputError, HttpResult, PageLoadResult, ProtocolId, RequestTiming } from '../http/types.ts';
export { PHASE_NAMES, PROTOCOL_IDS } from '../http/types.ts';
export { isProtocolId } from '../http/validate.ts';
export type { WaterfallLayout } from '../http/waterfall.ts';
export {
  compareRows,
  formatBytes,
  formatMs,
  LANE_UNITS,
  lanePaths,
  layoutWaterfall,
  PHASE_KEYS,
  ROW_UNITS,
  swatchPath,
  WATERFALL_WIDTH,
  waterfallPaths,
} from '../http/waterfall.ts';
export type { PageChoice, TimelineError, TimelineField, TimelineInput, TimelineState } from './state.ts';
export { DEFAULT_STATE, PAGE_CHOICES, pageChoiceLabel, TIMELINE_CODEC, timelineInput } from './state.ts';
