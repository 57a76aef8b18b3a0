/**
 * IPv4 subnet details against an independent path: every generated answer is recomputed with `netmask` (not
 * src/lib/ip) over ≥ 10,000 seeds, and the checker accepts it.
 */
import { Netmask } from 'netmask';
import { expect, test } from 'vitest';
import { IPV4_SUBNET } from '../../../../../src/lib/practice/families/ipv4-subnet.ts';
import { SEED_COUNT, seeds } from './seeds.ts';

test(`${SEED_COUNT} seeds: network, broadcast, first, last, hosts and mask agree with netmask`, () => {
  let checked = 0;
  const edges = new Set<number>();
  for (const [seed, difficulty] of seeds()) {
    const exercise = IPV4_SUBNET.generate(seed, difficulty);
    const given = exercise.givens?.[0]?.value ?? '';
    const [address, maskOrPrefix] = given.includes('/') ? given.split('/') : given.split(' ');
    const block = given.includes('/')
      ? new Netmask(`${address}/${maskOrPrefix}`)
      : new Netmask(address as string, maskOrPrefix);
    const expected: Record<string, string> = {
      network: block.base,
      broadcast: block.bitmask <= 30 ? (block.broadcast as string) : block.last,
      first: block.first,
      last: block.last,
      hosts: String(block.bitmask <= 30 ? block.size - 2 : block.size),
      mask: given.includes('/') ? block.mask : `/${block.bitmask}`,
    };
    for (const input of exercise.inputs) {
      const want = expected[input.id];
      if (exercise.answer[input.id] !== want) {
        throw new Error(
          `seed ${seed} d${difficulty} ${given}: ${input.id} = ${exercise.answer[input.id]}, netmask says ${want}`,
        );
      }
    }
    if (exercise.inputs.some((i) => i.id === 'broadcast')) expect(block.bitmask).toBeLessThanOrEqual(30);
    const verdict = IPV4_SUBNET.check(exercise, exercise.answer);
    if (!verdict.correct) throw new Error(`seed ${seed} d${difficulty}: own answer refused ${JSON.stringify(verdict)}`);
    edges.add(block.bitmask);
    checked++;
  }
  expect(checked).toBe(SEED_COUNT);
  // Every prefix from /8 to /32 was drawn, the RFC 3021 edges included.
  for (let p = 8; p <= 32; p++) expect(edges.has(p), `/${p} never drawn`).toBe(true);
});
