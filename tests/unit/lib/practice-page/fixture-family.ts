/**
 * A tiny family for the view model's and the island's tests, so they do not depend on which real families have
 * landed: "what is a + b". Its checker names one mistake (`subtracted`).
 */
import { createRandom, type Difficulty, type Exercise, type Family } from '../../../../src/lib/practice/index.ts';

export function fixtureFamily(id = 'sum', title = 'Sums'): Family {
  return {
    id,
    title,
    summary: 'Adds two numbers.',
    guide: { href: '/addressing/subnetting/', label: 'Subnets and CIDR' },
    generate(seed: number, difficulty: Difficulty): Exercise {
      const random = createRandom(seed, id);
      const a = random.int(10, 10 ** (difficulty + 1));
      const b = random.int(1, a - 1);
      return {
        family: id,
        seed,
        difficulty,
        question: `What is ${a} + ${b}?`,
        givens: [{ label: 'a', value: String(a) }],
        inputs: [
          { id: 'sum', label: 'Sum', kind: 'count', hint: 'e.g. 42' },
          {
            id: 'parity',
            label: 'Parity',
            kind: 'choice',
            choices: [
              { value: 'even', label: 'Even' },
              { value: 'odd', label: 'Odd' },
            ],
          },
        ],
        answer: { sum: String(a + b), parity: (a + b) % 2 === 0 ? 'even' : 'odd' },
        solution: [{ text: `Add ${a} and ${b}.`, code: `${a} + ${b} = ${a + b}` }],
        guide: { href: '/addressing/subnetting/#cidr', label: 'Subnets and CIDR' },
        playground: { href: `/playgrounds/subnet-calculator/?q=${a}`, label: 'Subnet calculator' },
      };
    },
    check(exercise, answers) {
      const fields: Record<string, { ok: true } | { ok: false; mistake: string; message: string }> = {};
      for (const input of exercise.inputs) {
        const text = (answers[input.id] ?? '').trim();
        const expected = exercise.answer[input.id] ?? '';
        const [a = 0, b = 0] = (exercise.question.match(/\d+/g) ?? []).map(Number);
        if (text === '') fields[input.id] = { ok: false, mistake: 'empty', message: 'The answer is blank.' };
        else if (text === expected) fields[input.id] = { ok: true };
        else if (input.id === 'sum' && text === String(a - b)) {
          fields[input.id] = { ok: false, mistake: 'subtracted', message: `${text} is ${a} − ${b}: add instead.` };
        } else fields[input.id] = { ok: false, mistake: 'wrong', message: `'${text}' is not right.` };
      }
      return { correct: Object.values(fields).every((f) => f.ok), fields };
    },
  };
}
