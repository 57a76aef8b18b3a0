/**
 * The one result shape of the playground toolkit, and the closed set of reasons a field is refused or a link is
 * read with a notice. Messages name the field as its label does and quote the input (clipped: a 100,000-character
 * parameter is quoted as its first 40 characters and an ellipsis).
 */

/** Success with a value, or failure with a typed error (the site-wide shape, see STYLE.md rule 2). */
export type Result<T, E extends { readonly code: string; readonly message: string }> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** Why a field's text was refused, or (for notices) why a URL parameter was not taken as it stood. */
export const FIELD_ERROR_CODES = [
  /** A required number field is blank. */
  'empty',
  /** Not decimal number syntax ('fast', '0x10', 'Infinity', 'NaN'). */
  'not-a-number',
  /** A number outside the field's declared bounds (src/lib/bounds), including 1e308, 1e-320 and overflow to ∞. */
  'out-of-range',
  /** A fraction where the bound asks for a whole number. */
  'not-integer',
  /** A URL parameter longer than the field keeps; it was clipped before parsing (notice). */
  'too-long',
  /** A value of a fixed-choice field that is not one of its choices; the base value is shown instead (notice). */
  'unknown-choice',
  /** The model refused a combination of otherwise valid fields (the message is the model's, in the field's words). */
  'rejected',
] as const;

/** One of {@link FIELD_ERROR_CODES}. */
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** A refused field (or a notice about a URL parameter): which field, why, and a message quoting the input. */
export interface FieldError<K extends string = string> {
  readonly code: FieldErrorCode;
  readonly field: K;
  readonly message: string;
}

/** Every refused field of a state at once, so each control can show its own message. */
export interface StateError<K extends string = string> {
  readonly code: 'invalid-fields';
  /** The first field's message (for a single summary line). */
  readonly message: string;
  readonly fields: readonly FieldError<K>[];
}

/** How many characters of an input a message quotes. */
export const QUOTE_LENGTH = 40;

/** Quotes user text for a message: `'80ms'`, or the first 40 characters and '…' for longer text. */
export function quote(text: string): string {
  return `'${text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text}'`;
}
