/**
 * The journey's one horizontal timeline, to scale: a bar per phase on a millisecond axis (decorative: hidden from
 * screen readers, whose alternative is the phase list or table beside it), laid out by src/lib/journey-playground.
 * Shared by the journey playground and the home page's compact form, so it imports nothing heavy.
 */
import type { TimelineLayout } from '../../lib/journey-playground/timeline.ts';

/** Most tick intervals on the axis: three or four labels, which fit side by side at 390 px. */
export const TICKS = 5;

/** Props: the laid-out timeline. */
export interface TimelineProps {
  readonly layout: TimelineLayout;
}

/** Bars (zero-length phases are not drawn) over a tick axis. */
export function Timeline(props: TimelineProps) {
  const { layout } = props;
  const last = layout.ticks.length - 1;
  return (
    <div class="jp-timeline" aria-hidden="true">
      <div class="jp-track">
        {layout.segments.map((s) =>
          s.width > 0 ? (
            <span
              key={s.id}
              class={`jp-seg jp-ph-${s.id}`}
              style={{ left: `${s.left}%`, width: `${s.width}%` }}
              title={s.label}
            />
          ) : null,
        )}
      </div>
      <div class="jp-axis">
        {layout.ticks.map((t, i) => (
          <span
            key={t.ms}
            class={i === 0 ? 'jp-tick jp-tick--first' : i === last && t.left > 90 ? 'jp-tick jp-tick--last' : 'jp-tick'}
            style={{ left: `${t.left}%` }}
          >
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}
