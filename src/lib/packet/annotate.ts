/**
 * The decoders' shared state while one frame is decoded (shape: the bytes, and the fields, layers and problems
 * found so far, appended in frame order), and the three ways they add to it.
 */
import type { Field, Layer, LayerName, Problem, ProblemCode } from './types.ts';

export interface Ctx {
  readonly b: Uint8Array;
  readonly fields: Field[];
  readonly layers: Layer[];
  readonly problems: Problem[];
  /** False: layers, summaries, checksum verdicts and problems only, no byte map (the fast path for long captures). */
  readonly annotate: boolean;
}
/** Adds a field to the byte map (nothing on the fast path without annotation). */
export function field(
  c: Ctx,
  layer: LayerName,
  offset: number,
  bitOffset: number,
  bitLength: number,
  name: string,
  key: string | undefined,
  value: number | string,
  meaning = '',
): void {
  if (!c.annotate) return;
  c.fields.push({ layer, offset, bitOffset, bitLength, name, key, value, meaning });
}
/** Records a problem at an offset. */
export function problem(c: Ctx, code: ProblemCode, offset: number, message: string): void {
  c.problems.push({ code, offset, message });
}
/** Whether `n` bytes from `at` fit before `end`; records a truncation problem when not. */
export function need(c: Ctx, layer: LayerName, at: number, n: number, end: number): boolean {
  if (at + n <= end) return true;
  problem(c, 'truncated', at, `${layer} header needs ${n} bytes at offset ${at}, only ${Math.max(0, end - at)} left`);
  return false;
}
