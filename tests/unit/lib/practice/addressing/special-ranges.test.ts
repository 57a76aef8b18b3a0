/**
 * Special-purpose ranges against an independent path: `ipaddr.js`' `range()` (its own table, not src/lib/ip), with
 * the documentation and benchmarking blocks (which it files together as "reserved") told apart by `cidr-tools`
 * against the RFC blocks written out here, over ≥ 10,000 seeds.
 */
import { containsCidr } from 'cidr-tools';
import ipaddr from 'ipaddr.js';
import { expect, test } from 'vitest';
import { SPECIAL_RANGES_FAMILY } from '../../../../../src/lib/practice/families/special-ranges.ts';
import { SEED_COUNT, seeds } from './seeds.ts';

/** RFC 5737, RFC 3849, RFC 9637. */
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'];
/** RFC 2544, RFC 5180. */
const BENCHMARKING = ['198.18.0.0/15', '2001:2::/48'];

function oracle(address: string): string {
  const range = ipaddr.parse(address).range();
  const map: Record<string, string> = {
    private: 'private',
    carrierGradeNat: 'shared',
    loopback: 'loopback',
    linkLocal: 'link-local',
    multicast: 'multicast',
    uniqueLocal: 'unique-local',
    benchmarking: 'benchmarking',
    unicast: 'global',
  };
  if (range === 'reserved') {
    if (DOCUMENTATION.some((block) => containsCidr(block, address))) return 'documentation';
    if (BENCHMARKING.some((block) => containsCidr(block, address))) return 'benchmarking';
  }
  return map[range] ?? `ipaddr.js:${range}`;
}

test(`${SEED_COUNT} seeds: the kind of address agrees with ipaddr.js`, () => {
  const seen = new Map<string, number>();
  for (const [seed, difficulty] of seeds()) {
    const exercise = SPECIAL_RANGES_FAMILY.generate(seed, difficulty);
    const address = exercise.givens?.[0]?.value as string;
    const want = oracle(address);
    if (exercise.answer.kind !== want) {
      throw new Error(`seed ${seed} d${difficulty} ${address}: answer ${exercise.answer.kind}, ipaddr.js ${want}`);
    }
    const verdict = SPECIAL_RANGES_FAMILY.check(exercise, exercise.answer);
    if (!verdict.correct) throw new Error(`seed ${seed} d${difficulty}: own answer refused ${JSON.stringify(verdict)}`);
    const key = `${want}/v${address.includes(':') ? 6 : 4}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  // Every choice is drawn, in both families where it exists.
  for (const key of [
    'private/v4',
    'shared/v4',
    'loopback/v4',
    'loopback/v6',
    'link-local/v4',
    'link-local/v6',
    'documentation/v4',
    'documentation/v6',
    'benchmarking/v4',
    'benchmarking/v6',
    'multicast/v4',
    'multicast/v6',
    'unique-local/v6',
    'global/v4',
    'global/v6',
  ]) {
    expect(seen.get(key) ?? 0, key).toBeGreaterThan(20);
  }
});
