/**
 * Moved: the waterfall layout lives in src/lib/diagram/waterfall.ts (one home for diagram geometry), and its
 * number formatting in src/lib/format. This re-export keeps the HTTP timeline island compiling until it imports
 * those directly; then delete this file and its lines in ./index.ts and ./timeline.ts.
 */
export * from '../diagram/waterfall.ts';
export { formatBytes, formatDuration as formatMs, tickStep } from '../format/index.ts';
