/**
 * Fuzz: mutated frames (bit flips, byte overwrites, truncation, insertion, length fields set to edges) through
 * decodeFrame, parseHex and readPcap — never a throw, no case over 10 ms. FUZZ_RUNS=1000000 for the full run.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrame, parseHex, readPcap, toHex, writePcap } from '../../../../src/lib/packet/index.ts';
import { generate, int, type Rng, rng } from '../../../support/packet-gen.ts';
import { bestTime, type Timing } from '../../../support/timing.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1_764_115_200);
const LIMIT_MS = 10;

function mutate(r: Rng, frame: Uint8Array): Uint8Array {
  let f = frame.slice();
  for (let k = int(r, 1, 4); k > 0; k--) {
    const op = int(r, 0, 5);
    const at = int(r, 0, Math.max(0, f.length - 1));
    if (op === 0 && f.length > 0) f[at] = (f[at] ?? 0) ^ (1 << int(r, 0, 7));
    else if (op === 1 && f.length > 0) f[at] = int(r, 0, 255);
    else if (op === 2) f = f.subarray(0, int(r, 0, f.length));
    else if (op === 3)
      f = Uint8Array.from([
        ...f.subarray(0, at),
        ...Array.from({ length: int(r, 1, 16) }, () => int(r, 0, 255)),
        ...f.subarray(at),
      ]);
    else if (op === 4 && f.length > 1) {
      const v = [0, 1, 0xff, 0x7f, 0x80][int(r, 0, 4)] ?? 0;
      f[at] = v;
      f[at + 1] = v;
    } else if (f.length > 0) f[at] = [0x45, 0x60, 0x4f, 0x41, 0x00, 0x2c, 0x3b][int(r, 0, 6)] ?? 0;
  }
  return f;
}

describe(`fuzz (${RUNS} mutated frames, seed ${SEED})`, () => {
  it('decodeFrame never throws and never takes over 10 ms', () => {
    const r = rng(SEED);
    let pool: Uint8Array[] = [];
    let slow = 0;
    let maxMs = 0;
    let problems = 0;
    for (let i = 0; i < RUNS; i++) {
      if (pool.length === 0 || i % 50 === 0) pool = generate(r).frames;
      const f = mutate(r, pool[int(r, 0, pool.length - 1)] ?? new Uint8Array(0));
      let time: Timing<ReturnType<typeof decodeFrame>>;
      try {
        // A GC pause or a busy machine can land on any case: it is slow only if its re-timings after pauses are too.
        time = bestTime(() => decodeFrame(f), LIMIT_MS);
      } catch (e) {
        throw new Error(`seed ${SEED} case ${i} threw on ${toHex(f)}`, { cause: e });
      }
      const ms = time.first;
      problems += time.value.problems.length > 0 ? 1 : 0;
      if (time.best > LIMIT_MS) {
        slow++;
        console.error(`slow: seed ${SEED} case ${i}: ${toHex(f)}`);
      }
      maxMs = Math.max(maxMs, ms);
    }
    console.log(
      `${RUNS} mutated frames: ${problems} with problems, slowest ${maxMs.toFixed(2)} ms (first timing), ${slow} over ${LIMIT_MS} ms on re-timing after pauses`,
    );
    expect(slow).toBe(0);
  }, 600_000);

  it('parseHex and readPcap never throw on mutated input', () => {
    const r = rng(SEED + 1);
    const runs = Math.max(200, Math.floor(RUNS / 20));
    for (let i = 0; i < runs; i++) {
      const g = generate(r).frames;
      const file = mutate(r, writePcap(g.map((data, k) => ({ timeMicros: k, data }))));
      expect(() => readPcap(file)).not.toThrow();
      const text = [...toHex(mutate(r, g[0] ?? new Uint8Array(0)), 0, undefined, ' ')]
        .map((c) => (r() < 0.01 ? String.fromCharCode(int(r, 0, 127)) : c))
        .join('');
      expect(() => parseHex(text)).not.toThrow();
    }
  }, 600_000);
});
