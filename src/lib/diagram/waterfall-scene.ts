/**
 * A page load's waterfall as a static scene for the guides: one row per request (its name, then its phases as
 * bars on a shared time axis), a tick axis on top and a legend of the phases drawn. The bars reuse the island's
 * bands (`PHASE_BANDS`), so shape as well as colour tells the phases apart (WCAG 1.4.1), and the same
 * `layoutWaterfall` rows, so a guide's static waterfall and the playground's agree to the pixel's percentage.
 */
import { formatDuration } from '../format/index.ts';
import type { PageLoadResult, PhaseName } from '../http/types.ts';
import { finishScene, lineHeight, round, type Scene, type Shape, type ShapeRole, textBlock } from './scene.ts';
import { maxLineWidth } from './text.ts';
import { layoutWaterfall, PHASE_BANDS, PHASE_KEYS, ROW_UNITS, type WaterfallRow } from './waterfall.ts';

/** What to draw besides the result. */
export interface WaterfallSceneOptions {
  /** How the description names the protocol, e.g. "HTTP/2". */
  readonly label: string;
  /** Length of the time axis (ms): pass the slowest of several results so their figures compare. */
  readonly axisMs?: number;
}

/** Width of the time track in px at natural size. */
const TRACK_PX = 440;
/** Height of one request row in px. */
const ROW_PX = 14;
const NAME_FONT = 11;
const AXIS_FONT = 11;
const LEGEND_FONT = 12;
const SWATCH_PX = 14;
/** Gap between the names and the track. */
const GUTTER = 10;

/** The role that colours one phase: `phase-<key>`. */
function phaseRole(key: string): ShapeRole {
  return `phase-${key}` as ShapeRole;
}

/** The bands of one phase in a box of `height` px at (x, top), `width` px wide. */
function bands(key: string, x: number, top: number, width: number, height: number): Shape[] {
  const scale = height / ROW_UNITS;
  return (PHASE_BANDS[key] ?? []).map(([y, h]) => ({
    type: 'rect' as const,
    role: phaseRole(key),
    x: round(x),
    y: round(top + y * scale),
    width: round(width),
    height: round(h * scale),
    rx: 0,
  }));
}

/** The tick axis over the track, with a faint grid line down through the rows. */
function axis(marks: readonly { ms: number; left: number }[], x0: number, top: number, bottom: number): Shape[] {
  const shapes: Shape[] = [{ type: 'line', role: 'axis', x1: x0, y1: top, x2: x0 + TRACK_PX, y2: top }];
  for (const mark of marks) {
    const x = round(x0 + (mark.left * TRACK_PX) / 100);
    shapes.push({ type: 'line', role: 'grid', x1: x, y1: top, x2: x, y2: bottom });
    shapes.push({ type: 'line', role: 'tick', x1: x, y1: top - 4, x2: x, y2: top });
    const labelTop = top - 6 - lineHeight(AXIS_FONT);
    shapes.push(textBlock('text-muted', [formatDuration(mark.ms)], x, labelTop, AXIS_FONT, 'middle'));
  }
  return shapes;
}

/** One request row: its name right-aligned before the track, then its phases' bands. */
function row(r: WaterfallRow, i: number, nameRight: number, x0: number, top: number): Shape[] {
  const y = top + i * ROW_PX;
  const shapes: Shape[] = [
    textBlock('text', [r.name], nameRight, y + (ROW_PX - lineHeight(NAME_FONT)) / 2, NAME_FONT, 'end'),
  ];
  for (const s of r.segments) {
    shapes.push(...bands(s.key, x0 + (s.left * TRACK_PX) / 100, y, (s.width * TRACK_PX) / 100, ROW_PX));
  }
  return shapes;
}

/** A swatch and the name of each phase drawn, wrapped to the width of names + track. */
function legend(phases: readonly PhaseName[], left: number, right: number, top: number): Shape[] {
  const shapes: Shape[] = [];
  const rowH = Math.max(SWATCH_PX, lineHeight(LEGEND_FONT)) + 6;
  let x = left;
  let y = top;
  for (const phase of phases) {
    const width = SWATCH_PX + 6 + maxLineWidth([phase], LEGEND_FONT) + 16;
    if (x > left && x + width > right) {
      x = left;
      y += rowH;
    }
    shapes.push(...bands(PHASE_KEYS[phase], x, y + (rowH - SWATCH_PX) / 2, SWATCH_PX, SWATCH_PX));
    const textTop = y + (rowH - lineHeight(LEGEND_FONT)) / 2;
    shapes.push(textBlock('text', [phase], round(x + SWATCH_PX + 6), textTop, LEGEND_FONT, 'start'));
    x += width;
  }
  return shapes;
}

/** The facts in reading order: the totals, then each request with its connection and phases. */
function describeLoad(result: PageLoadResult, label: string): string[] {
  const connections = result.connectionsOpened === 1 ? '1 connection' : `${result.connectionsOpened} connections`;
  const out = [
    `${label}: ${result.requests.length} requests over ${connections}; the page is loaded at ${formatDuration(result.totalMs)}.`,
  ];
  for (const [i, r] of result.requests.entries()) {
    const stream = r.streamId === null ? '' : `, stream ${r.streamId}`;
    const phases = r.phases.map((p) => `${p.name} ${formatDuration(p.endMs - p.startMs)}`).join(', ');
    out.push(
      `${i + 1}. ${r.name}, connection ${r.connectionId}${stream}: ${formatDuration(r.discoveredMs)} to ${formatDuration(r.endMs)} (${phases}).`,
    );
  }
  return out;
}

/** Lays out a page load as a static waterfall scene (natural size: names + 440 px track). */
export function layoutWaterfallScene(result: PageLoadResult, options: WaterfallSceneOptions): Scene {
  const layout = layoutWaterfall(result, options.axisMs ?? result.totalMs);
  const nameRight = round(
    maxLineWidth(
      layout.rows.map((r) => r.name),
      NAME_FONT,
    ),
  );
  const x0 = nameRight + GUTTER;
  const top = 6 + lineHeight(AXIS_FONT) + 6;
  const bottom = top + 4 + layout.rows.length * ROW_PX;
  const shapes: Shape[] = [...axis(layout.ticks, x0, top, bottom)];
  layout.rows.forEach((r, i) => {
    shapes.push(...row(r, i, nameRight, x0, top + 4));
  });
  const drawn = new Set(layout.rows.flatMap((r) => r.segments.map((s) => s.phase)));
  const phases = (Object.keys(PHASE_KEYS) as PhaseName[]).filter((p) => drawn.has(p));
  shapes.push(...legend(phases, 0, x0 + TRACK_PX, bottom + 10));
  return finishScene(shapes, describeLoad(result, options.label));
}
