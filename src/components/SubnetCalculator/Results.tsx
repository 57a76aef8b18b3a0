import type { ComponentChildren } from 'preact';
import type { LinkedNote } from '../../lib/subnet-calculator/format.ts';

/**
 * Wraps a mode's results. While the input is invalid the last good result stays visible but dimmed, with a note
 * saying so (the dimming is not the only cue); with no good result yet, only the note is shown.
 */
export function Results(props: {
  readonly stale: boolean;
  readonly label: string;
  readonly children: ComponentChildren;
  readonly empty?: boolean;
}) {
  return (
    <section class={`sc-results${props.stale ? ' sc-results--stale' : ''}`} aria-label={props.label}>
      {props.stale ? (
        <p class="sc-stale-note">
          {props.empty
            ? 'No result yet: fix the input above.'
            : 'Showing the last valid result: fix the input above to update it.'}
        </p>
      ) : null}
      {props.empty ? null : <div class="sc-results-body">{props.children}</div>}
    </section>
  );
}

/** Notes about how the input was read (wildcard mask, zone ID, rounding), shown under the results heading. */
export function Notes(props: { readonly notes: readonly string[] }) {
  if (props.notes.length === 0) return null;
  return (
    <ul class="sc-notes">
      {props.notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

/** A note with its source linked (e.g. why IPv4-mapped addresses are printed the way they are). */
export function LinkedNoteText(props: { readonly note: LinkedNote | undefined }) {
  const { note } = props;
  if (!note) return null;
  return (
    <p class="sc-note sc-linked-note">
      {note.before}
      <a href={note.href}>{note.linkLabel}</a>
      {note.after}
    </p>
  );
}
