/**
 * One number control of a playground, from its declaration in the island's codec: the label with its unit, a hint
 * with the bounds, the text as typed, and — when the text is refused — `aria-invalid` and the message in a line the
 * input points to with `aria-describedby` (announced politely as it changes).
 */
import type { TargetedEvent } from 'preact';
import { boundsHint, controlLabel, type NumberField as Declared } from '../../lib/playground/index.ts';

export interface NumberFieldProps {
  /** Element id of the input; the hint and error get `${id}-hint` and `${id}-error`. */
  readonly id: string;
  readonly field: Declared;
  /** The control's text. */
  readonly value: string;
  /** The refusal message, or undefined when the text is valid. */
  readonly error: string | undefined;
  /** Called with the new text on every keystroke. */
  readonly onInput: (text: string) => void;
  /** Extra words before the bounds ("Client ↔ server"). */
  readonly hint?: string | undefined;
  /** Extra class on the wrapper (which is `pj-field`, plus `pj-field--invalid` while the text is refused). */
  readonly class?: string | undefined;
}

/** A labelled text input for a number, with its bounds hint and error line. */
export function NumberField(props: NumberFieldProps) {
  const { id, field, error } = props;
  const cls = `pj-field${error === undefined ? '' : ' pj-field--invalid'}${props.class ? ` ${props.class}` : ''}`;
  const hint = props.hint === undefined ? boundsHint(field) : `${props.hint} · ${boundsHint(field)}`;
  return (
    <div class={cls}>
      <label for={id} class="pj-label">
        {controlLabel(field)}
      </label>
      <span id={`${id}-hint`} class="pj-hint">
        {hint}
      </span>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={props.value}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={`${id}-hint ${id}-error`}
        onInput={(event: TargetedEvent<HTMLInputElement>) => props.onInput(event.currentTarget.value)}
      />
      <p id={`${id}-error`} class="pj-error" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}
