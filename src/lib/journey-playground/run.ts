/**
 * One run of the journey playground: the journey model for the first and the second visit with the same options,
 * each with its ladder laid out. A module of its own, not re-exported by the index, so that only the worker, the
 * server render and tests bundle the model (DNS, handshake, HTTP, proxy) and the diagram layout; the island's
 * main-thread code renders the returned plain data.
 */
import { layoutSequence, type Scene } from '../diagram/index.ts';
import { type Journey, type JourneyError, planJourney } from '../journey/index.ts';
import type { Result } from '../playground/index.ts';
import { journeyLadder } from './ladder.ts';
import { type JourneyPlaygroundState, type JourneyRunInput, presetLabel, runInput } from './state.ts';
import type { TimedPhase } from './timeline.ts';
import { journeySummary } from './view.ts';

/** A laid-out ladder: the props of `<Figure>` (src/components/diagrams). */
export interface LaidOutLadder {
  readonly scene: Scene;
  readonly title: string;
  readonly caption: string;
}

/** One visit: the model's journey and its ladder (null when there is nothing to draw). */
export interface VisitView {
  readonly journey: Journey;
  readonly ladder: LaidOutLadder | null;
}

/** Both visits of one URL with the same options. */
export interface JourneyRun {
  readonly cold: VisitView;
  readonly warm: VisitView;
}

function visitView(journey: Journey): VisitView {
  const ladder = journeyLadder(journey);
  if (ladder === undefined) return { journey, ladder: null };
  const scene = layoutSequence(ladder.sequence);
  return { journey, ladder: { scene, title: ladder.title, caption: ladder.caption } };
}

/** Plans both visits; the model's refusal (an invalid URL, in plain words) when it refuses either. */
export function runJourney(input: JourneyRunInput): Result<JourneyRun, JourneyError> {
  const cold = planJourney(input.cold);
  if (!cold.ok) return cold;
  const warm = planJourney(input.warm);
  if (!warm.ok) return warm;
  return { ok: true, value: { cold: visitView(cold.value), warm: visitView(warm.value) } };
}

/** One visit as the home page's compact timeline needs it: plain, small, serialisable as island props. */
export interface CompactVisit {
  readonly summary: string;
  readonly totalMs: number;
  readonly phases: readonly TimedPhase[];
}

/** Both visits of the compact timeline, and what they were planned for. */
export interface CompactJourney {
  readonly url: string;
  readonly network: string;
  readonly cold: CompactVisit;
  readonly warm: CompactVisit;
}

function compactVisit(journey: Journey): CompactVisit {
  return {
    summary: journeySummary(journey),
    totalMs: journey.totalMs,
    phases: journey.phases.map((p) => ({ id: p.id, label: p.label, startMs: p.startMs, endMs: p.endMs })),
  };
}

/**
 * The compact form's data for a state (at build time: the home page passes it to its island as props, so the
 * island ships no model). Throws when the state does not plan: the page's own preset is a build-time constant.
 */
export function compactJourney(state: JourneyPlaygroundState): CompactJourney {
  const input = runInput(state);
  if (!input.ok) throw new Error(`The compact journey's state is invalid: ${input.error.message}`);
  const cold = planJourney(input.value.cold);
  const warm = planJourney(input.value.warm);
  if (!cold.ok) throw new Error(`The compact journey does not plan: ${cold.error.message}`);
  if (!warm.ok) throw new Error(`The compact journey does not plan: ${warm.error.message}`);
  return {
    url: cold.value.url.href,
    network: presetLabel(state.network),
    cold: compactVisit(cold.value),
    warm: compactVisit(warm.value),
  };
}
