/**
 * IPv6 notation against an independent path: `ip-address` (not src/lib/ip) gives the RFC 5952 form
 * (`correctForm`) and the full form (`canonicalForm`) of every given address over ≥ 10,000 seeds.
 */
import { Address6 } from 'ip-address';
import { expect, test } from 'vitest';
import { IPV6_NOTATION } from '../../../../../src/lib/practice/families/ipv6-notation.ts';
import { SEED_COUNT, seeds } from './seeds.ts';

test(`${SEED_COUNT} seeds: canonical and full forms agree with ip-address; the checker accepts them`, () => {
  const shapes = { compress: 0, expand: 0, tie: 0, lone: 0 };
  for (const [seed, difficulty] of seeds()) {
    const exercise = IPV6_NOTATION.generate(seed, difficulty);
    const given = exercise.givens?.[0]?.value as string;
    const oracle = new Address6(given);
    const compress = exercise.givens?.[0]?.label === 'Full address';
    const want = compress ? oracle.correctForm() : oracle.canonicalForm();
    if (exercise.answer.address !== want) {
      throw new Error(`seed ${seed} d${difficulty} ${given}: answer ${exercise.answer.address}, ip-address ${want}`);
    }
    // The other form of the same address, written by the oracle, names the same address.
    expect(new Address6(compress ? oracle.canonicalForm() : oracle.correctForm()).correctForm()).toBe(
      oracle.correctForm(),
    );
    const verdict = IPV6_NOTATION.check(exercise, exercise.answer);
    if (!verdict.correct) throw new Error(`seed ${seed} d${difficulty}: own answer refused ${JSON.stringify(verdict)}`);
    if (!compress) {
      // Upper case is accepted for the full form (RFC 4291 §2.2: hex digits in either case).
      expect(IPV6_NOTATION.check(exercise, { address: want.toUpperCase() }).correct).toBe(true);
    }
    shapes[compress ? 'compress' : 'expand']++;
    const runs = oracle.canonicalForm().match(/(?:^|:)0000(?::0000)+(?=:|$)/g) ?? [];
    if (runs.length > 1 && new Set(runs.map((r) => r.replace(/^:/, '').length)).size === 1) shapes.tie++;
    if (!oracle.correctForm().includes('::')) shapes.lone++;
  }
  expect(shapes.compress + shapes.expand).toBe(SEED_COUNT);
  // The hard cases occur: equally long runs (the first is compressed) and lone zero groups (never compressed).
  expect(shapes.tie).toBeGreaterThan(100);
  expect(shapes.lone).toBeGreaterThan(100);
});
