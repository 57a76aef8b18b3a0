/**
 * Summarising against an independent path: `cidr-tools`' merge (not src/lib/ip) of the given networks, or of every
 * address of the given range as a /32, is the generated answer, over ≥ 10,000 seeds.
 */
import { mergeCidr } from 'cidr-tools';
import { ip2long, long2ip } from 'netmask';
import { expect, test } from 'vitest';
import { SUMMARISE } from '../../../../../src/lib/practice/families/summarise.ts';
import { SEED_COUNT, seeds } from './seeds.ts';

test(`${SEED_COUNT} seeds: the summary equals cidr-tools' merge`, () => {
  const modes = { range: 0, collapse: 0 };
  for (const [seed, difficulty] of seeds()) {
    const exercise = SUMMARISE.generate(seed, difficulty);
    const given = exercise.givens?.[0];
    let merged: string[];
    if (given?.label === 'Range') {
      modes.range++;
      const [first, last] = given.value.split(' – ').map((a) => ip2long(a));
      const singles: string[] = [];
      for (let a = first as number; a <= (last as number); a++) singles.push(`${long2ip(a)}/32`);
      merged = mergeCidr(singles);
    } else {
      modes.collapse++;
      merged = mergeCidr((given?.value ?? '').split(', '));
    }
    const answer = (exercise.answer.blocks ?? '').split('\n');
    if (answer.join() !== merged.join()) {
      throw new Error(
        `seed ${seed} d${difficulty} ${given?.value}: answer ${answer.join()}, cidr-tools ${merged.join()}`,
      );
    }
    const verdict = SUMMARISE.check(exercise, exercise.answer);
    if (!verdict.correct) throw new Error(`seed ${seed} d${difficulty}: own answer refused ${JSON.stringify(verdict)}`);
  }
  expect(modes.range).toBeGreaterThan(SEED_COUNT / 5);
  expect(modes.collapse).toBeGreaterThan(SEED_COUNT / 5);
});
