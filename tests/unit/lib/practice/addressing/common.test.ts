/**
 * Properties every addressing family keeps: deterministic generation that never throws for any seed, a checker that
 * accepts the family's own answer in other notations and never throws for any text, guide links to headings that
 * exist, and calculator links that decode (with the calculator's own codec) to the problem's values.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  collapseNetworks,
  formatNetwork,
  parseAddress,
  parseNetwork,
  parseNetworkList,
  parseRange,
  summarizeRange,
} from '../../../../../src/lib/ip/index.ts';
import { ADDRESSING_FAMILIES } from '../../../../../src/lib/practice/families/addressing.ts';
import { FAMILIES, familyById } from '../../../../../src/lib/practice/index.ts';
import type { AnswerKind, Difficulty, Exercise } from '../../../../../src/lib/practice/types.ts';
import { decodeLink, encodeState } from '../../../../../src/lib/subnet-calculator/index.ts';

const difficulty = fc.constantFrom<Difficulty>(1, 2, 3);
const seed32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });

/** Other ways to write a right answer of each kind. */
function alternatives(kind: AnswerKind, text: string, exercise: Exercise, id: string): string[] {
  switch (kind) {
    case 'ipv4':
      return [` ${text} `, `\t${text}\n`];
    case 'prefix': {
      const prefix = Number(text.replace('/', ''));
      const mask = prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0;
      const dotted = [mask >>> 24, (mask >>> 16) & 255, (mask >>> 8) & 255, mask & 255].join('.');
      return text.startsWith('/') ? [String(prefix), ` / ${prefix}`, dotted, `/${dotted}`] : [`/${text}`];
    }
    case 'cidr': {
      const [address, prefix] = text.split('/');
      const mask = (2 ** 32 - 2 ** (32 - Number(prefix))) >>> 0;
      return [`${address} ${[mask >>> 24, (mask >>> 16) & 255, (mask >>> 8) & 255, mask & 255].join('.')}`, ` ${text}`];
    }
    case 'cidr-list': {
      const items = text.split('\n');
      return [[...items].reverse().join(', '), items.join(' '), items.join(';'), `${items.join(',\n')},`];
    }
    case 'count':
      return [
        Number(text).toLocaleString('en-US'),
        Number(text).toLocaleString('en-US').replaceAll(',', ' '),
        `${text} hosts`,
      ];
    case 'choice': {
      const label = exercise.inputs.find((i) => i.id === id)?.choices?.find((c) => c.value === text)?.label ?? text;
      return [label.toUpperCase(), ` ${text.toUpperCase()} `];
    }
    default:
      return [];
  }
}

/** `## Heading` → Starlight's (github-slugger's) anchor for plain ASCII headings. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

function anchorsOf(path: string): Set<string> {
  const file = `src/content/docs${path.replace(/\/$/, '')}.mdx`;
  const text = readFileSync(file, 'utf8');
  return new Set([...text.matchAll(/^#{2,4} (.+)$/gm)].map((m) => slug(m[1] as string)));
}

function expectGuideExists(href: string): void {
  const [path, anchor] = href.split('#');
  expect(anchor, href).toBeTruthy();
  expect(anchorsOf(path as string).has(anchor as string), `${href}: no heading with that slug`).toBe(true);
}

test('the addressing families are registered first, with unique ids', () => {
  expect(FAMILIES.slice(0, ADDRESSING_FAMILIES.length)).toEqual(ADDRESSING_FAMILIES);
  expect(ADDRESSING_FAMILIES.map((f) => f.id)).toEqual([
    'ipv4-subnet',
    'which-subnet',
    'ipv6-notation',
    'subnet-plan',
    'summarise',
    'special-ranges',
  ]);
  for (const f of ADDRESSING_FAMILIES) expect(familyById(f.id)).toBe(f);
});

describe.each(ADDRESSING_FAMILIES.map((f) => [f.id, f] as const))('%s', (_, family) => {
  test('generate is deterministic and never throws for any 32-bit seed', () => {
    fc.assert(
      fc.property(seed32, difficulty, (seed, d) => {
        expect(family.generate(seed, d)).toEqual(family.generate(seed, d));
      }),
      { numRuns: 300 },
    );
  });

  test('odd seeds and difficulties (negative, fractional, NaN, 7) still give an exercise the checker accepts', () => {
    for (const seed of [-1, 0.5, Number.NaN, 2 ** 40, -(2 ** 31)]) {
      for (const d of [1, 2, 3, 7, 0] as Difficulty[]) {
        const exercise = family.generate(seed, d);
        expect(family.check(exercise, exercise.answer).correct).toBe(true);
      }
    }
  });

  test('plain data: survives JSON and is checked the same', () => {
    const exercise = family.generate(12345, 3);
    const copy = JSON.parse(JSON.stringify(exercise)) as Exercise;
    expect(copy).toEqual(exercise);
    expect(family.check(copy, copy.answer).correct).toBe(true);
  });

  test('the answer in other notations is accepted', () => {
    for (let i = 0; i < 300; i++) {
      const exercise = family.generate(i * 7919, ((i % 3) + 1) as Difficulty);
      for (const input of exercise.inputs) {
        for (const alt of alternatives(input.kind, exercise.answer[input.id] as string, exercise, input.id)) {
          const verdict = family.check(exercise, { ...exercise.answer, [input.id]: alt });
          expect(verdict.fields[input.id], `${family.id} seed ${exercise.seed}: ${JSON.stringify(alt)}`).toEqual({
            ok: true,
          });
        }
      }
    }
  });

  test('blank answers are empty, one verdict per input', () => {
    const exercise = family.generate(99, 2);
    const verdict = family.check(exercise, {});
    expect(verdict.correct).toBe(false);
    for (const input of exercise.inputs)
      expect(verdict.fields[input.id]).toMatchObject({ ok: false, mistake: 'empty' });
  });

  test('check never throws for arbitrary text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc
        .array(fc.constantFrom(...'0123456789abcdefABCDEF.:/ ,\n-%'.split('')), { maxLength: 60 })
        .map((a) => a.join('')),
      fc.constantFrom('::', ':::', '1::2::3', '0.0.0.0/0', '255.255.255.255', '::/0', '10.0.0.0/8 '.repeat(600)),
    );
    fc.assert(
      fc.property(seed32, difficulty, text, (seed, d, t) => {
        const exercise = family.generate(seed, d);
        const answers = Object.fromEntries(exercise.inputs.map((input) => [input.id, t]));
        const verdict = family.check(exercise, answers);
        for (const input of exercise.inputs) {
          const field = verdict.fields[input.id];
          expect(field).toBeDefined();
          if (field && !field.ok) expect(field.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('guide links name headings that exist', () => {
    expectGuideExists(family.guide.href);
    for (let i = 0; i < 60; i++) expectGuideExists(family.generate(i, ((i % 3) + 1) as Difficulty).guide.href);
  });

  test('the calculator link round-trips through the calculator codec to the problem', () => {
    for (let i = 0; i < 300; i++) {
      const exercise = family.generate(i * 104729, ((i % 3) + 1) as Difficulty);
      const href = exercise.playground?.href ?? '';
      expect(href.startsWith('/playgrounds/subnet-calculator/?')).toBe(true);
      const query = href.slice(href.indexOf('?') + 1);
      const decoded = decodeLink(query);
      expect(decoded.notices).toEqual([]);
      expect(encodeState(decoded.state)).toBe(query);
      expectPreloaded(exercise, decoded.state);
    }
  });
});

type State = ReturnType<typeof decodeLink>['state'];

/** The calculator state shows this exercise's values. */
function expectPreloaded(exercise: Exercise, state: State): void {
  const network = (text: string) => {
    const parsed = parseNetwork(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  };
  const given = exercise.givens?.[0]?.value ?? '';
  switch (exercise.family) {
    case 'ipv4-subnet': {
      expect(state.mode).toBe('details');
      const parsed = network(state.details.network);
      expect(parsed.interfaceAddress).toEqual(network(given).interfaceAddress);
      expect(parsed.network).toEqual(network(given).network);
      return;
    }
    case 'which-subnet':
      if (state.mode === 'split') {
        expect(state.split.network).toBe(given);
        const parent = network(given).network;
        const index = BigInt(state.split.highlight) - 1n;
        const size = 2n ** BigInt(32 - Number(state.split.newPrefix));
        const start = BigInt(parent.networkAddress.value) + index * size;
        expect(`${intToDotted(start)}/${state.split.newPrefix}`).toBe(exercise.answer.subnet);
      } else {
        expect(state.details.network).toBe(exercise.answer.subnet);
      }
      return;
    case 'ipv6-notation': {
      const a = parseAddress(state.details.network.replace(/\/128$/, ''));
      const b = parseAddress(exercise.answer.address as string);
      expect(a.ok && b.ok && a.value.value === b.value.value).toBe(true);
      return;
    }
    case 'subnet-plan':
      if (state.mode === 'split') {
        expect(state.split.network).toBe(given);
        expect(`/${state.split.newPrefix}`).toBe(exercise.answer.prefix);
      } else {
        expect(state.mode).toBe('vlsm');
        expect(state.vlsm.network).toBe(given);
        expect(state.vlsm.requirements.map((q) => `${q.name}|${q.hosts}`)).toEqual(
          (exercise.givens ?? []).slice(1).map((g) => `${g.label}|${g.value.replace(/[^0-9]/g, '')}`),
        );
      }
      return;
    case 'summarise': {
      expect(state.mode).toBe('summarise');
      const list = exercise.answer.blocks?.split('\n') ?? [];
      if (exercise.givens?.[0]?.label === 'Range') {
        const range = parseRange(state.summarise.range);
        if (!range.ok) throw new Error(range.error.message);
        const blocks = summarizeRange(range.value.first, range.value.last);
        expect(blocks.ok && blocks.value.map((n) => formatNetwork(n))).toEqual(list);
      } else {
        const nets = parseNetworkList(state.summarise.networks);
        expect(nets.ok && collapseNetworks(nets.value).map((n) => formatNetwork(n))).toEqual(list);
      }
      return;
    }
    case 'special-ranges': {
      const a = parseAddress(state.details.network.replace(/\/(32|128)$/, ''));
      const b = parseAddress(given);
      expect(a.ok && b.ok && a.value.value === b.value.value).toBe(true);
      return;
    }
    default:
      throw new Error(`no link expectation for ${exercise.family}`);
  }
}

function intToDotted(n: bigint): string {
  const v = Number(n);
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}
