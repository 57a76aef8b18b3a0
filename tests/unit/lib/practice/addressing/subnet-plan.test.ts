/**
 * Subnet plans against an independent path (`cidr-tools` and `netmask`, not src/lib/ip) over ≥ 10,000 seeds: an
 * equal split merges back to exactly the block with the fewest subnets that are enough; a VLSM plan gives every
 * requirement the smallest block that fits, inside the parent, without overlaps, largest first from the start.
 */
import { containsCidr, mergeCidr, overlapCidr } from 'cidr-tools';
import { ip2long, Netmask } from 'netmask';
import { expect, test } from 'vitest';
import { SUBNET_PLAN } from '../../../../../src/lib/practice/families/subnet-plan.ts';
import { SEED_COUNT, seeds } from './seeds.ts';

test(`${SEED_COUNT} seeds: splits and VLSM plans check out with cidr-tools and netmask`, () => {
  const modes = { split: 0, vlsm: 0 };
  for (const [seed, difficulty] of seeds()) {
    const exercise = SUBNET_PLAN.generate(seed, difficulty);
    const block = exercise.givens?.[0]?.value as string;
    const fail = (why: string) =>
      new Error(`seed ${seed} d${difficulty} ${block}: ${why}\n${JSON.stringify(exercise.answer)}`);
    if (exercise.answer.subnets !== undefined) {
      modes.split++;
      const parts = Number((exercise.givens?.[1]?.value ?? '').replace(/[^0-9]/g, ''));
      const subnets = exercise.answer.subnets.split('\n');
      const prefix = Number((exercise.answer.prefix ?? '').slice(1));
      if (mergeCidr(subnets).join() !== new Netmask(block).toString())
        throw fail('the subnets do not merge back to the block');
      if (subnets.some((s) => new Netmask(s).bitmask !== prefix)) throw fail('a subnet has another prefix');
      const blockSize = new Netmask(block).size;
      if (subnets.length * new Netmask(subnets[0] as string).size !== blockSize) throw fail('overlap or gap');
      if (!(subnets.length >= parts && subnets.length / 2 < parts))
        throw fail(`${subnets.length} subnets for ${parts}`);
    } else {
      modes.vlsm++;
      const requirements = (exercise.givens ?? []).slice(1).map((g) => Number(g.value.replace(/[^0-9]/g, '')));
      const plan = requirements.map((_, i) => exercise.answer[`net-${i + 1}`] as string);
      plan.forEach((cidr, i) => {
        const hosts = requirements[i] as number;
        const net = new Netmask(cidr);
        if (!containsCidr(block, cidr)) throw fail(`${cidr} is outside the block`);
        if (net.size - 2 < hosts) throw fail(`${cidr} is too small for ${hosts} hosts`);
        if (net.size / 2 - 2 >= hosts) throw fail(`${cidr} is larger than ${hosts} hosts need`);
        plan.forEach((other, j) => {
          if (i !== j && overlapCidr(cidr, other)) throw fail(`${cidr} overlaps ${other}`);
        });
      });
      // Largest first (ties in listed order), each starting where the previous one ended, from the block's start.
      const order = plan
        .map((cidr, i) => ({ net: new Netmask(cidr), i }))
        .sort((a, b) => b.net.size - a.net.size || a.i - b.i);
      let cursor = ip2long(new Netmask(block).base);
      for (const { net } of order) {
        if (ip2long(net.base) !== cursor) throw fail(`${net} does not start at the next free address`);
        cursor += net.size;
      }
    }
    const verdict = SUBNET_PLAN.check(exercise, exercise.answer);
    if (!verdict.correct) throw fail(`own answer refused ${JSON.stringify(verdict)}`);
  }
  expect(modes.split + modes.vlsm).toBe(SEED_COUNT);
  expect(modes.vlsm).toBeGreaterThan(SEED_COUNT / 5);
});
