/**
 * The journey's one horizontal timeline, to scale: where each phase's bar starts and how wide it is (in percent of
 * the axis), and the axis ticks (the site's tick rule, src/lib/format). Both visits are drawn on one scale (the
 * longer visit's), so the second visit's bar is visibly shorter than the first's.
 */
import { formatDuration, ticks } from '../format/index.ts';

/** What the timeline needs of a phase (the model's JourneyPhase has more). */
export interface TimedPhase {
  readonly id: string;
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** One phase's bar. */
export interface TimelineSegment {
  readonly id: string;
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** Left edge, % of the axis (0–100). */
  readonly left: number;
  /** Width, % of the axis (0 for a phase that takes no time: it is listed, not drawn). */
  readonly width: number;
}

/** One axis tick. */
export interface TimelineTick {
  readonly ms: number;
  /** % of the axis. */
  readonly left: number;
  /** "0 ms", "100 ms", "1.00 s". */
  readonly label: string;
}

/** The laid-out timeline. */
export interface TimelineLayout {
  /** The axis length (ms): the longest of the journeys drawn on it. */
  readonly scaleMs: number;
  /** When this journey's last phase ends (ms). */
  readonly totalMs: number;
  readonly segments: readonly TimelineSegment[];
  readonly ticks: readonly TimelineTick[];
}

/** Percent with three decimals: enough for any screen, short in the HTML. */
const percent = (ms: number, scaleMs: number): number => Math.round((ms / scaleMs) * 100_000) / 1000;

/**
 * Lays out phases on an axis of `scaleMs` (default: this journey's end; a shorter scale is widened to fit). A
 * journey of no time at all gets a 1 ms axis, so nothing divides by zero. Non-finite or negative times are
 * invariant breaks of the model and throw.
 */
export function layoutTimeline(phases: readonly TimedPhase[], scaleMs = 0, maxTicks = 6): TimelineLayout {
  for (const phase of phases) {
    if (!(Number.isFinite(phase.startMs) && Number.isFinite(phase.endMs) && phase.startMs >= 0)) {
      throw new Error(`Phase '${phase.id}' has a bad time: ${phase.startMs}–${phase.endMs} ms.`);
    }
    if (phase.endMs < phase.startMs) throw new Error(`Phase '${phase.id}' ends before it starts.`);
  }
  const totalMs = Math.max(0, ...phases.map((p) => p.endMs));
  const scale = Math.max(totalMs, Number.isFinite(scaleMs) ? scaleMs : 0) || 1;
  const segments = phases.map((p) => ({
    id: p.id,
    label: p.label,
    startMs: p.startMs,
    endMs: p.endMs,
    durationMs: p.endMs - p.startMs,
    left: percent(p.startMs, scale),
    width: percent(p.endMs - p.startMs, scale),
  }));
  const tickList = ticks(0, scale, maxTicks).map((ms) => ({ ms, left: percent(ms, scale), label: formatDuration(ms) }));
  return { scaleMs: scale, totalMs, segments, ticks: tickList };
}
