/**
 * Which subnet: over ≥ 10,000 seeds the generated answer is the one listed subnet (or the one subnet of the split)
 * that contains the address according to `netmask` (not src/lib/ip), and the checker accepts it.
 */
import { Netmask } from 'netmask';
import { expect, test } from 'vitest';
import { WHICH_SUBNET } from '../../../../../src/lib/practice/families/which-subnet.ts';
import { SEED_COUNT, seeds } from './seeds.ts';

test(`${SEED_COUNT} seeds: the answer contains the address, and no other candidate does (netmask)`, () => {
  for (const [seed, difficulty] of seeds()) {
    const exercise = WHICH_SUBNET.generate(seed, difficulty);
    const address = exercise.givens?.find((g) => g.label === 'Address')?.value as string;
    const answer = new Netmask(exercise.answer.subnet as string);
    const fail = (why: string) => new Error(`seed ${seed} d${difficulty} ${address}: ${why} (${exercise.question})`);
    if (!answer.contains(address)) throw fail(`${exercise.answer.subnet} does not contain it`);
    if (`${answer.base}/${answer.bitmask}` !== exercise.answer.subnet) throw fail('answer has host bits set');
    const choices = exercise.inputs[0]?.choices;
    if (choices) {
      const holding = choices.filter((c) => new Netmask(c.value).contains(address));
      if (holding.length !== 1) throw fail(`${holding.length} candidates contain it`);
      for (const a of choices) {
        for (const b of choices) {
          if (a !== b && new Netmask(a.value).contains(new Netmask(b.value)))
            throw fail(`${a.value} overlaps ${b.value}`);
        }
      }
    } else {
      const block = new Netmask(exercise.givens?.find((g) => g.label === 'Block')?.value as string);
      const prefix = Number((exercise.givens?.find((g) => g.label === 'Subnet size')?.value ?? '').slice(1));
      expect(answer.bitmask).toBe(prefix);
      if (!block.contains(answer)) throw fail('answer outside the block');
    }
    const verdict = WHICH_SUBNET.check(exercise, exercise.answer);
    if (!verdict.correct) throw fail(`own answer refused ${JSON.stringify(verdict)}`);
  }
});
