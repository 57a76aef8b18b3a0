/**
 * Conservative text measurement for build-time layout. There is no DOM at build time, so widths are estimated
 * from per-character advance widths (fractions of the font size) slightly above those of common sans-serif
 * system fonts (Segoe UI, Roboto, Helvetica, Noto Sans): a box sized with these never clips its text.
 */

const NARROW = new Set([...'iljtfr.,:;|!\'"()[]{}I/ ']);
const WIDE = new Set([...'mwMW@%']);
const UPPER_WIDE = new Set([...'ABCDGHKNOQRUVXY&']);

/** Estimated advance width of one character, as a fraction of the font size. */
function charWidth(char: string): number {
  if (NARROW.has(char)) return 0.32;
  if (WIDE.has(char)) return 0.9;
  if (UPPER_WIDE.has(char)) return 0.74;
  if (char >= 'A' && char <= 'Z') return 0.66;
  if (char >= '0' && char <= '9') return 0.58;
  if (char === '—' || char === '…') return 1;
  return 0.58;
}

/** Estimated rendered width in px of one line of text at `fontSize` px (bold text is ~6 % wider). */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * fontSize * (bold ? 1.06 : 1);
}

/** Splits a label on explicit line breaks (`\n`), trimming each line; an empty string gives no lines. */
export function splitLines(text: string | undefined): string[] {
  if (text === undefined) return [];
  const lines = text.split('\n').map((line) => line.trim());
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Width of the widest line in `lines`. */
export function maxLineWidth(lines: readonly string[], fontSize: number, bold = false): number {
  let max = 0;
  for (const line of lines) max = Math.max(max, estimateTextWidth(line, fontSize, bold));
  return max;
}
