/**
 * Turns a `PageLoadResult` into layout data for a waterfall chart: percentages on a shared time axis, "nice" tick
 * marks, and connection lanes (connections that never overlap in time share a lane, so HTTP/1.0's hundred
 * short connections fit in six lanes). No DOM: the view only prints these numbers. Two faces: the HTTP timeline
 * island stretches the path data below to its track; `layoutWaterfallScene` (waterfall-scene.ts) draws the same
 * rows as a static scene for the guides.
 */
// Types only, from the model's own module: importing http/index.ts would close a circle through http/waterfall.ts.
import { ticks } from '../format/index.ts';
import type { PageLoadResult, PhaseName, ProtocolId } from '../http/types.ts';

/** CSS-friendly key per phase (class names, legend swatches). */
export const PHASE_KEYS: Readonly<Record<PhaseName, string>> = {
  Queueing: 'queueing',
  Stalled: 'stalled',
  'DNS Lookup': 'dns',
  'Initial connection': 'connect',
  SSL: 'ssl',
  'Request sent': 'request',
  'Waiting (TTFB)': 'waiting',
  'Content Download': 'download',
};

/** One coloured piece of a bar. */
export interface WaterfallSegment {
  readonly phase: PhaseName;
  readonly key: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Left edge, % of the axis. */
  readonly left: number;
  /** Width, % of the axis (at least a hairline so tiny phases stay visible). */
  readonly width: number;
}

/** One request row. */
export interface WaterfallRow {
  readonly index: number;
  readonly name: string;
  readonly connectionId: number;
  readonly streamId: number | null;
  readonly lane: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly segments: readonly WaterfallSegment[];
}

/** A connection drawn in a lane. */
export interface WaterfallLaneItem {
  readonly connectionId: number;
  readonly left: number;
  readonly width: number;
  /** Part of the item spent in the handshake (% of the axis, from `left`). */
  readonly setupWidth: number;
}

/** Everything the chart needs. */
export interface WaterfallLayout {
  readonly axisMs: number;
  readonly ticks: readonly { readonly ms: number; readonly left: number }[];
  readonly rows: readonly WaterfallRow[];
  readonly lanes: readonly (readonly WaterfallLaneItem[])[];
}

const MIN_WIDTH = 0.15;

/** At most this many tick intervals on the axis (1, 2 or 5 × 10^n ms apart): 4–10 ticks, as the island has always drawn. */
const MAX_TICKS = 5;

/** Lays out one result; pass `axisMs` to share an axis between charts (default: the result's total). */
export function layoutWaterfall(result: PageLoadResult, axisMs = result.totalMs): WaterfallLayout {
  const axis = Math.max(axisMs, 1e-9);
  const pct = (ms: number): number => (100 * ms) / axis;
  const marks = ticks(0, axisMs, MAX_TICKS).map((ms) => ({ ms, left: pct(ms) }));

  // Lanes: greedy interval colouring by opening time.
  const laneEnds: number[] = [];
  const laneOf = new Map<number, number>();
  const lanes: WaterfallLaneItem[][] = [];
  const sorted = [...result.connections].sort((a, b) => a.openedMs - b.openedMs || a.id - b.id);
  for (const c of sorted) {
    const start = c.openedMs;
    let lane = laneEnds.findIndex((end) => end <= start + 1e-9);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(0);
      lanes.push([]);
    }
    laneEnds[lane] = c.lastUsedMs;
    laneOf.set(c.id, lane);
    lanes[lane]?.push({
      connectionId: c.id,
      left: pct(start),
      width: Math.max(MIN_WIDTH, pct(c.lastUsedMs - start)),
      setupWidth: pct(c.readyMs - start),
    });
  }

  const rows: WaterfallRow[] = result.requests.map((r) => ({
    index: r.index,
    name: r.name,
    connectionId: r.connectionId,
    streamId: r.streamId,
    lane: laneOf.get(r.connectionId) ?? 0,
    startMs: r.discoveredMs,
    endMs: r.endMs,
    segments: r.phases.map((p) => ({
      phase: p.name,
      key: PHASE_KEYS[p.name],
      startMs: p.startMs,
      endMs: p.endMs,
      left: pct(p.startMs),
      width: Math.max(MIN_WIDTH, pct(p.endMs - p.startMs)),
    })),
  }));
  return { axisMs, ticks: marks, rows, lanes };
}

/** One line of the protocol comparison. */
export interface ComparisonRow {
  readonly protocol: ProtocolId;
  readonly totalMs: number;
  /** Bar length, % of the slowest. */
  readonly width: number;
  readonly connections: number;
  readonly setupRoundTrips: number;
  readonly bytesOnWire: number;
  readonly lostPackets: number;
  readonly fastest: boolean;
}

/** The comparison of several protocols, bars scaled to the slowest. */
export function compareRows(results: readonly PageLoadResult[]): ComparisonRow[] {
  const slowest = Math.max(1e-9, ...results.map((r) => r.totalMs));
  const fastest = Math.min(...results.map((r) => r.totalMs));
  return results.map((r) => ({
    protocol: r.protocol,
    totalMs: r.totalMs,
    width: (100 * r.totalMs) / slowest,
    connections: r.connectionsOpened,
    setupRoundTrips: r.setupRoundTrips,
    bytesOnWire: r.bytesOnWire,
    lostPackets: r.lostPackets,
    fastest: r.totalMs === fastest,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// SVG geometry. The chart draws every bar of one phase as one <path>, so a redraw of 200 requests touches eight
// path elements instead of a thousand boxes. Paths live in a viewBox `0 0 WATERFALL_WIDTH (rows × ROW_UNITS)` that the
// page stretches to the track's width (preserveAspectRatio="none"), so only horizontal lengths scale: a phase's
// shape is therefore made of horizontal bands, which stretching leaves intact (hatching would be distorted).

/** Width of the waterfall's viewBox: x = ‰ of the time axis. */
export const WATERFALL_WIDTH = 1000;
/** Height of one request row in viewBox units (the page draws a row 1.5rem tall, 24 px at the default size). */
export const ROW_UNITS = 24;

/**
 * The bands `[y, height]` (within a row of {@link ROW_UNITS}) that draw each phase. Shape as well as colour tells
 * phases apart (WCAG 1.4.1): neighbours in a bar never share a shape except where their colours differ strongly.
 */
export const PHASE_BANDS: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  queueing: [
    [5, 2],
    [17, 2],
  ],
  stalled: [
    [5, 2],
    [11, 2],
    [17, 2],
  ],
  dns: [[8, 8]],
  connect: [[5, 14]],
  ssl: [
    [5, 6],
    [13, 6],
  ],
  request: [[5, 14]],
  waiting: [[9, 6]],
  download: [[5, 14]],
};

/** One rectangle as path data (absolute move, relative lines). */
function rect(x: number, y: number, w: number, h: number): string {
  return `M${round1(x)} ${y}h${round1(w)}v${h}h${round1(-w)}z`;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Path data per phase key for every row of `layout`: row `i` occupies y ∈ [i × ROW_UNITS, (i + 1) × ROW_UNITS). */
export function waterfallPaths(layout: WaterfallLayout): Record<string, string> {
  const parts: Record<string, string[]> = {};
  for (const key of Object.values(PHASE_KEYS)) parts[key] = [];
  layout.rows.forEach((row, i) => {
    const top = i * ROW_UNITS;
    for (const s of row.segments) {
      const x = (s.left * WATERFALL_WIDTH) / 100;
      const w = (s.width * WATERFALL_WIDTH) / 100;
      const out = parts[s.key];
      for (const [y, h] of PHASE_BANDS[s.key] ?? []) out?.push(rect(x, top + y, w, h));
    }
  });
  return Object.fromEntries(Object.entries(parts).map(([key, list]) => [key, list.join('')]));
}

/** Path data for a legend swatch of one phase, in a `0 0 24 24` viewBox (the row's bands, 24 units wide). */
export function swatchPath(key: string): string {
  return (PHASE_BANDS[key] ?? []).map(([y, h]) => rect(0, y, 24, h)).join('');
}

/** Height of one connection lane in viewBox units; the item is drawn 9 units tall, leaving a 3-unit gap. */
export const LANE_UNITS = 12;

/** Path data for the connection lanes: `items` (whole connection lifetimes) and `setup` (their handshakes). */
export function lanePaths(layout: WaterfallLayout): { items: string; setup: string } {
  const items: string[] = [];
  const setup: string[] = [];
  layout.lanes.forEach((lane, i) => {
    const y = i * LANE_UNITS;
    for (const c of lane) {
      const x = (c.left * WATERFALL_WIDTH) / 100;
      items.push(rect(x, y, (c.width * WATERFALL_WIDTH) / 100, 9));
      if (c.setupWidth > 0) setup.push(rect(x, y, (c.setupWidth * WATERFALL_WIDTH) / 100, 9));
    }
  });
  return { items: items.join(''), setup: setup.join('') };
}
