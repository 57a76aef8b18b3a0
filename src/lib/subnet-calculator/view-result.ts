/** The result shape of every view-model function: a value to render, or errors addressed to the fields they concern. */

/** An input error for one field of the form (`network`, `newPrefix`, `requirement-2-hosts`, `plan`, …). */
export interface FieldError<F extends string = string> {
  readonly field: F;
  readonly code: string;
  /** Quotes the input and says what to do (from the ip lib, or the calculator's own checks). */
  readonly message: string;
}

/** A view to render, or the field errors that prevent it. */
export type ViewResult<T, F extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly FieldError<F>[] };

/** Builds a field error from a lib error. */
export function fieldError<F extends string>(field: F, error: { code: string; message: string }): FieldError<F> {
  return { field, code: error.code, message: error.message };
}

/** The message for `field` in a failed result, if any. */
export function errorFor(result: ViewResult<unknown>, field: string): string | undefined {
  return result.ok ? undefined : result.errors.find((e) => e.field === field)?.message;
}
