/**
 * Shared pieces of the model families: numeric fields compared with a tolerance, named mistakes as "the value you
 * would get if…", and small formatting helpers. The notation-tolerant readers themselves live in `../answer.ts`.
 */
import {
  type ReadResult,
  readBytes as readBytesText,
  readCount as readCountText,
  readDuration as readDurationText,
} from '../answer.ts';
import type { FieldVerdict, MistakeCode, Verdict } from '../types.ts';

/** A named mistake: the value a reader gets by making it, and what to tell them. */
export interface NumericMistake {
  readonly code: MistakeCode;
  readonly value: number;
  readonly message: string;
}

/** Reads a field's text as a number of its kind, or says why not. */
export type NumberReader = (
  text: string,
) => { readonly ok: true; readonly value: number } | { readonly ok: false; readonly verdict: FieldVerdict };

/**
 * Verdict on one numeric field: right within `tolerance`, else the first mistake (in the order given: the most
 * specific first) whose value it matches, else 'wrong'. Mistakes equal to the right value are skipped.
 */
export function judgeNumber(
  read: NumberReader,
  text: string | undefined,
  expected: number,
  tolerance: number,
  mistakes: readonly NumericMistake[],
  wrongMessage: string,
): FieldVerdict {
  const parsed = read(text ?? '');
  if (!parsed.ok) return parsed.verdict;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= tolerance + 1e-9;
  if (near(parsed.value, expected)) return { ok: true };
  for (const mistake of mistakes) {
    if (near(mistake.value, expected)) continue;
    if (near(parsed.value, mistake.value)) return { ok: false, mistake: mistake.code, message: mistake.message };
  }
  return { ok: false, mistake: 'wrong', message: wrongMessage };
}

/** The whole verdict from per-field verdicts. */
export function verdictOf(fields: Readonly<Record<string, FieldVerdict>>): Verdict {
  return { correct: Object.values(fields).every((field) => field.ok), fields };
}

/**
 * A duration for answers and worked arithmetic: exact to 0.01 ms ("77.5 ms"). The site's `formatDuration` rounds for
 * display ("78 ms", "1.23 s"), which would make a worked sum not add up and a canonical answer inexact.
 */
export function ms(value: number): string {
  return `${plain(value)} ms`;
}

/** A number for the canonical answer: at most two decimals, no trailing zeros. */
export function plain(value: number): string {
  return String(Number.parseFloat(value.toFixed(2)));
}

/** `n` with its noun, singular or plural ("1 round trip", "3 round trips"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Adapts one of `../answer.ts`'s readers to a {@link NumberReader}. */
function numberReader(read: (text: string) => ReadResult<number>): NumberReader {
  return (text) => {
    const r = read(text);
    return r.ok
      ? { ok: true, value: r.value }
      : { ok: false, verdict: { ok: false, mistake: r.error.code, message: r.error.message } };
  };
}

/** A whole number (`62`, `1,024`, `3 round trips`). */
export const readCount: NumberReader = numberReader(readCountText);

/** A duration in ms (`168`, `168 ms`, `0.168 s`). */
export const readDuration: NumberReader = numberReader(readDurationText);

/** A size in bytes (`1460`, `1460 B`, `1.46 kB`). */
export const readBytes: NumberReader = numberReader(readBytesText);
