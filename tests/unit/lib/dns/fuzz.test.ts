/**
 * Fuzz: mutate generated messages (flip, overwrite, truncate, extend, splice in compression pointers and big
 * counts) and decode. The decoder must return a result (never throw) and never take over 10 ms on one input.
 * CI runs 20,000 cases; `FUZZ_RUNS=1000000 npx vitest run tests/unit/lib/dns/fuzz.test.ts` runs the long campaign.
 * A case over 10 ms is re-timed after growing pauses (tests/support/timing.ts: a GC pause or a busy machine is not a
 * hang); it fails only if every attempt is slow, and prints the seed and the hex to reproduce.
 */
import { expect, test } from 'vitest';
import { decodeAnnotated, decodeMessage, encodeMessage } from '../../../../src/lib/dns/index.ts';
import { bestTime } from '../../../support/timing.ts';
import { type Gen, gen, randomMessage, typicalResponse } from './generate.ts';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 20_000);
const LIMIT_MS = 10;

function mutate(g: Gen, input: Uint8Array): Uint8Array {
  let bytes = input.slice();
  const rounds = 1 + g.int(4);
  for (let r = 0; r < rounds; r++) {
    const at = g.int(Math.max(0, bytes.length - 1));
    switch (g.int(6)) {
      case 0:
        bytes[at] = g.int(255);
        break;
      case 1:
        bytes[at] = (bytes[at] as number) ^ (1 << g.int(7));
        break;
      case 2:
        bytes = bytes.slice(0, at);
        break;
      case 3: {
        const extra = Uint8Array.from({ length: 1 + g.int(8) }, () => g.int(255));
        const next = new Uint8Array(bytes.length + extra.length);
        next.set(bytes.subarray(0, at));
        next.set(extra, at);
        next.set(bytes.subarray(at), at + extra.length);
        bytes = next;
        break;
      }
      case 4:
        if (at + 1 < bytes.length) {
          const target = g.int(Math.max(0, bytes.length - 1));
          bytes[at] = 0xc0 | ((target >> 8) & 0x3f);
          bytes[at + 1] = target & 0xff;
        }
        break;
      default:
        if (bytes.length >= 12) {
          const count = 4 + 2 * g.int(3);
          bytes[count] = g.int(255);
          bytes[count + 1] = g.int(255);
        }
    }
  }
  return bytes;
}

test(
  `${RUNS} mutated messages: a result every time, none over ${LIMIT_MS} ms`,
  () => {
    let accepted = 0;
    let worst = 0;
    let retried = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      const g = gen(seed * 7919);
      const message = g.int(3) === 0 ? typicalResponse(g) : randomMessage(g);
      const encoded = encodeMessage(message);
      if (!encoded.ok) throw new Error(`seed ${seed}: ${encoded.error.message}`);
      const input = mutate(g, encoded.value);
      const time = bestTime(() => (seed % 10 === 0 ? decodeAnnotated(input) : decodeMessage(input)), LIMIT_MS);
      retried += time.retimed;
      const result = time.value;
      if (result.ok) accepted++;
      else if (typeof result.error.offset !== 'number' || result.error.message.length === 0) {
        throw new Error(`seed ${seed}: malformed error for ${Buffer.from(input).toString('hex')}`);
      }
      const elapsed = time.best;
      if (elapsed > LIMIT_MS)
        throw new Error(`seed ${seed}: ${elapsed.toFixed(1)} ms for ${Buffer.from(input).toString('hex')}`);
      worst = Math.max(worst, elapsed);
    }
    if (process.env['FUZZ_RUNS'] !== undefined)
      console.log(`fuzz: ${RUNS} cases, ${accepted} accepted, worst ${worst.toFixed(3)} ms, ${retried} re-timings`);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(RUNS);
  },
  30_000 + RUNS / 5,
);
