import type { IpError, IpErrorCode, IpResult } from './types.ts';

/** Longest input accepted anywhere; anything longer is rejected before parsing so fuzzed megabyte strings stay fast. */
export const MAX_INPUT_LENGTH = 100_000;

/**
 * Quotes user input for a message: single quotes, control characters escaped as `\uXXXX`, and shortened to about
 * `max` visible characters (escapes count in full), so a message stays short whatever was typed.
 */
export function quoteInput(input: string, max = 60): string {
  let shown = '';
  let length = 0;
  for (const c of input.length > max * 4 ? input.slice(0, max * 4) : input) {
    const code = c.charCodeAt(0);
    // Control characters would be invisible or break the layout, so show them as \u escapes.
    const piece = code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    if (length + (piece.length > 2 ? piece.length : 1) > max) return `'${shown}…'`;
    shown += piece;
    length += piece.length > 2 ? piece.length : 1;
  }
  return `'${shown}'`;
}

/** Builds a failed result. */
export function ipError<T = never>(code: IpErrorCode, message: string): IpResult<T> {
  const error: IpError = { code, message };
  return { ok: false, error };
}

/** Builds a successful result. */
export function ok<T>(value: T): IpResult<T> {
  return { ok: true, value };
}
