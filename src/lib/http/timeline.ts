/**
 * What the HTTP timeline island imports: the timeline state, the layout helpers, labels, and one function that
 * runs the comparison for a control state. A narrow entry point keeps the island's bundle to what it uses.
 */
import { PRESET_IDS } from './presets.ts';
import { comparePageLoads } from './simulate.ts';
import { type TimelineState, timelineInput } from './timeline-state.ts';
import type { HttpResult, PageLoadResult } from './types.ts';

export { PRESETS, PROTOCOLS } from './presets.ts';
export type { PageChoice, TimelineState } from './timeline-state.ts';
export { DEFAULT_STATE, decodeTimelineState, encodeTimelineState, mergeTimelineQuery } from './timeline-state.ts';
export type { HttpInputError, PageLoadResult, ProtocolId, RequestTiming } from './types.ts';
export { PHASE_NAMES, PROTOCOL_IDS } from './types.ts';
export { isProtocolId } from './validate.ts';
// Layout, SVG geometry and labels of the waterfall: all of waterfall.ts is the island's.
export * from './waterfall.ts';

/** The page choices of the playground's select, presets first. */
export const PAGE_CHOICES = [...PRESET_IDS, 'custom'] as const;

/** Runs all five protocols for a control state; errors name the control and quote its text. */
export function simulateTimeline(state: TimelineState): HttpResult<PageLoadResult[]> {
  const input = timelineInput(state);
  if (!input.ok) return input;
  return comparePageLoads(input.value.page, input.value.network);
}
