import type { JSX } from 'preact';

/** Props of {@link Field}. */
export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** The error to show next to the field (also sets `aria-invalid`); undefined when the input is valid. */
  readonly error: string | undefined;
  readonly hint?: string;
  readonly onValue: (value: string) => void;
  /** A textarea of this many rows instead of a one-line input. */
  readonly rows?: number;
  readonly inputMode?: 'text' | 'numeric';
  /** Keep the label for screen readers only (used in table-like rows that have visible column headings). */
  readonly labelHidden?: boolean;
  readonly class?: string;
}

/**
 * A labelled text input with a hint and an inline error. The error paragraph is always in the DOM and `aria-live`, so
 * a message that appears while typing is announced; the field points at hint and error with `aria-describedby`.
 */
export function Field(props: FieldProps) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const invalid = props.error !== undefined;
  const common = {
    id: props.id,
    value: props.value,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': props.hint ? `${hintId} ${errorId}` : errorId,
    spellcheck: false,
    autocomplete: 'off',
    autocapitalize: 'off' as const,
    onInput: (event: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.onValue(event.currentTarget.value),
  };
  return (
    <div class={`sc-field${invalid ? ' sc-field--invalid' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id} class={props.labelHidden ? 'sr-only' : 'sc-label'}>
        {props.label}
      </label>
      {props.hint ? (
        <span id={hintId} class="sc-hint">
          {props.hint}
        </span>
      ) : null}
      {props.rows ? (
        <textarea rows={props.rows} {...common} />
      ) : (
        <input type="text" inputMode={props.inputMode ?? 'text'} {...common} />
      )}
      <ErrorText id={errorId} error={props.error} />
    </div>
  );
}

/** An always-present, polite live region holding an error message (empty when there is none). */
export function ErrorText(props: { readonly id: string; readonly error: string | undefined }) {
  return (
    <p id={props.id} class="sc-error" aria-live="polite">
      {props.error ? (
        <>
          <span aria-hidden="true" class="sc-error-icon">
            !
          </span>{' '}
          {props.error}
        </>
      ) : null}
    </p>
  );
}
