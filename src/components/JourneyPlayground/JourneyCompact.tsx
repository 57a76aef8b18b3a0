/**
 * The home page's compact journey: one sample URL's timeline, first visit or second, and a link to the journey page.
 * Both visits are planned at build time and arrive as props (plain data), so this island ships no model: Preact,
 * the timeline's geometry and these few lines. State: which visit is shown.
 */
import { useMemo, useState } from 'preact/hooks';
import { formatDuration } from '../../lib/format/index.ts';
import type { CompactJourney } from '../../lib/journey-playground/run.ts';
import { layoutTimeline } from '../../lib/journey-playground/timeline.ts';
import { TICKS, Timeline } from './Timeline.tsx';
import '../shared/island.css';
import './JourneyPlayground.css';

/** Props: the planned journey, where the journey page is, and an id prefix. */
export interface JourneyCompactProps {
  readonly journey: CompactJourney;
  readonly href: string;
  readonly id?: string | undefined;
}

const VISITS = [
  { visit: 'cold', label: 'First visit' },
  { visit: 'warm', label: 'Second visit' },
] as const;

/** The compact timeline. */
export function JourneyCompact(props: JourneyCompactProps) {
  const id = props.id ?? 'journey-compact';
  const [visit, setVisit] = useState<'cold' | 'warm'>('cold');
  const { journey } = props;
  const shown = journey[visit];
  const scale = Math.max(journey.cold.totalMs, journey.warm.totalMs);
  const layout = useMemo(() => layoutTimeline(shown.phases, scale, TICKS), [shown, scale]);
  return (
    <section class="pj-island jp jp--compact not-content" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>One request, to scale</h2>
      <p>
        Every phase of loading <code>{journey.url}</code> until its last byte, network: {journey.network}.
      </p>
      <fieldset class="jp-switch">
        <legend class="sr-only">Visit</legend>
        {VISITS.map((v) => (
          <button
            key={v.visit}
            type="button"
            aria-pressed={visit === v.visit ? 'true' : 'false'}
            onClick={() => setVisit(v.visit)}
          >
            {v.label}
          </button>
        ))}
      </fieldset>
      <p class="jp-summary" role="status">
        {shown.summary}
      </p>
      <Timeline layout={layout} />
      <ul class="jp-legend" aria-label="Phases">
        {shown.phases
          .filter((p) => p.endMs > p.startMs)
          .map((p) => (
            <li key={p.id}>
              <span class={`jp-swatch jp-ph-${p.id}`} aria-hidden="true" />
              {p.label} {formatDuration(p.endMs - p.startMs)}
            </li>
          ))}
      </ul>
      <p>
        <a href={props.href}>Type your own URL and follow it step by step</a>
      </p>
    </section>
  );
}
