/**
 * The "last good result" rule of every playground: while the input is invalid, keep showing the results of the last
 * valid input, next to the error that says what to fix. Shape of the kept state: `{ value, error }` — `value` is the
 * newest valid value (undefined until there has been one), `error` the current error (undefined when valid).
 *
 * Pure, so it is tested here; `useLastGood` in `src/components/shared/hooks.ts` is the Preact hook over it (a ref,
 * no extra render, no memo key).
 */
import type { Result } from './result.ts';

/** What an island shows: the last valid value and, while the input is invalid, its error. */
export interface Kept<T, E> {
  readonly value: T | undefined;
  readonly error: E | undefined;
}

/**
 * The kept state after `next`: its value when it is valid, otherwise the previous value with `next`'s error.
 * Returns `previous` itself when nothing changed, so identity-based memos downstream stay valid.
 */
export function keepLastGood<T, E extends { readonly code: string; readonly message: string }>(
  previous: Kept<T, E> | undefined,
  next: Result<T, E>,
): Kept<T, E> {
  if (next.ok) {
    return previous?.value === next.value && previous.error === undefined
      ? previous
      : { value: next.value, error: undefined };
  }
  if (previous?.error === next.error) return previous;
  return { value: previous?.value, error: next.error };
}
