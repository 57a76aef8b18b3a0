/**
 * IPv6 notation: compress an address to its RFC 5952 canonical text, or expand a compressed one to all eight groups
 * of four digits. The checker reads the typed text, not only its value, so it can name the RFC 5952 rule a
 * same-valued answer breaks.
 *
 * Upper case: refused when compressing (RFC 5952 §4.3 makes lower case part of the canonical form) but accepted when
 * expanding — the full form is not a canonical form, and RFC 4291 §2.2 reads hex digits in either case.
 */
import { bigIntToAddress, formatAddress } from '../../ip/address.ts';
import { answerText, checkAnswers, type FieldContext } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep, Verdict } from '../types.ts';
import { calculatorLink, GUIDES, levelOf } from './addressing-support.ts';

const ID = 'ipv6-notation';

/** The numbers behind one exercise. */
export interface Ipv6NotationProblem {
  /** Eight 16-bit groups. */
  readonly groups: readonly number[];
  readonly direction: 'compress' | 'expand';
  /** For `compress`: the expanded text is shown in upper case (hard level). */
  readonly upper: boolean;
}

const FIRST_GROUPS: readonly (readonly number[])[] = [
  [0x2001, 0x0db8],
  [0x2001, 0x0db8],
  [0xfe80, 0],
  [0xfd12, 0x3456],
  [0x2a00, 0x1450],
  [0xff02, 0],
];

/** A group likely to trip the reader: leading zeros (0x0db8) or trailing zeros (0x0100, 0xab00). */
function group(r: Random, level: number): number {
  const kind = r.int(0, level === 1 ? 2 : 4);
  if (kind === 0) return r.int(1, 0xf);
  if (kind === 1) return r.int(0x10, 0xfff);
  if (kind === 2) return r.int(0x1000, 0xffff);
  if (kind === 3) return r.int(1, 0xf) * 0x100;
  return r.int(0x10, 0xff) * 0x100;
}

/** Draws the problem for a seed and level (pure). */
export function ipv6NotationProblem(seed: number, difficulty: Difficulty): Ipv6NotationProblem {
  const r = createRandom(seed, ID);
  const level = levelOf(difficulty);
  const groups = [...r.pick(FIRST_GROUPS), 0, 0, 0, 0, 0, 0].map((g, i) => (i < 2 ? g : group(r, level)));
  const zero = (from: number, length: number) => {
    for (let i = from; i < from + length && i < 8; i++) groups[i] = 0;
  };
  if (level === 1) {
    zero(r.int(2, 5), r.int(2, 4));
  } else if (level === 2) {
    // Two runs of different lengths: the longer must be the one compressed.
    const a = r.int(2, 3);
    zero(2, a);
    zero(2 + a + 1, r.pick([1, a + 1].filter((n) => 3 + a + n <= 8)));
  } else {
    const shape = r.int(0, 2);
    if (shape === 0) {
      zero(2, 2);
      zero(5, 2); // two equal runs: the first is compressed
    } else if (shape === 1) {
      zero(r.int(2, 6), 1); // one lone zero group: never compressed
    } else {
      zero(1, 2);
      zero(4, 3);
    }
  }
  const direction = r.chance(0.5) ? 'compress' : 'expand';
  return { groups, direction, upper: level === 3 && r.chance(0.5) };
}

function groupsValue(groups: readonly number[]): bigint {
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function expandedText(groups: readonly number[]): string {
  return groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
}

function canonicalText(groups: readonly number[]): string {
  return formatAddress(bigIntToAddress(6, groupsValue(groups)));
}

/** Runs of all-zero groups: `[start, length]`, in order. */
function zeroRuns(groups: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < groups.length; i++) {
    if (groups[i] !== 0) continue;
    const start = i;
    while (i + 1 < groups.length && groups[i + 1] === 0) i++;
    runs.push([start, i - start + 1]);
  }
  return runs;
}

/** The run RFC 5952 compresses: the longest of length ≥ 2, the first of equal ones; undefined if none. */
function chosenRun(groups: readonly number[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const run of zeroRuns(groups)) if (run[1] >= 2 && (best === undefined || run[1] > best[1])) best = run;
  return best;
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const level = levelOf(difficulty);
  const p = ipv6NotationProblem(seed, level);
  const canonical = canonicalText(p.groups);
  const expanded = expandedText(p.groups);
  const shown = p.direction === 'compress' ? (p.upper ? expanded.toUpperCase() : expanded) : canonical;
  return {
    family: ID,
    seed,
    difficulty: level,
    question:
      p.direction === 'compress'
        ? `Write ${shown} in its shortest canonical form (RFC 5952).`
        : `Write ${shown} in full: all eight groups, four hex digits each.`,
    givens: [{ label: p.direction === 'compress' ? 'Full address' : 'Compressed address', value: shown }],
    inputs: [
      {
        id: 'address',
        label: p.direction === 'compress' ? 'Canonical form' : 'Full form',
        kind: 'ipv6',
        hint: p.direction === 'compress' ? 'e.g. 2001:db8::1' : 'e.g. 2001:0db8:0000:0000:0000:0000:0000:0001',
      },
    ],
    answer: { address: p.direction === 'compress' ? canonical : expanded },
    solution: p.direction === 'compress' ? compressSteps(p) : expandSteps(p),
    guide: GUIDES.ipv6Notation,
    playground: calculatorLink({ mode: 'details', details: { network: `${canonical}/128` } }),
  };
}

function compressSteps(p: Ipv6NotationProblem): SolutionStep[] {
  const short = p.groups.map((g) => g.toString(16));
  const runs = zeroRuns(p.groups);
  const run = chosenRun(p.groups);
  const steps: SolutionStep[] = [
    {
      text: `Drop the leading zeros of every group${p.upper ? ' and write the letters in lower case (RFC 5952 §4.1, §4.3)' : ' (RFC 5952 §4.1)'}; a group of zeros becomes a single 0. Trailing zeros stay: 0100 is 100, not 1.`,
      code: `${expandedText(p.groups)}\n→ ${short.join(':')}`,
    },
    {
      text:
        runs.length === 0
          ? 'There are no all-zero groups.'
          : `Find the runs of consecutive 0 groups: ${runs.map(([s, l]) => `${l} group${l === 1 ? '' : 's'} from group ${s + 1}`).join('; ')}.`,
    },
  ];
  if (run === undefined) {
    steps.push({
      text: 'A lone 0 group is never replaced by :: (RFC 5952 §4.2.2), so nothing is compressed.',
      code: canonicalText(p.groups),
    });
    return steps;
  }
  const tie = runs.filter(([, l]) => l === run[1]).length > 1;
  steps.push({
    text: `Replace the longest run${tie ? ' (the first one, as the runs are equally long: RFC 5952 §4.2.3)' : ''} with :: — once only, and never for a single group (§4.2.2).`,
    code: canonicalText(p.groups),
  });
  return steps;
}

function expandSteps(p: Ipv6NotationProblem): SolutionStep[] {
  const canonical = canonicalText(p.groups);
  const written = canonical.includes('::')
    ? canonical.split('::').flatMap((side) => (side === '' ? [] : side.split(':'))).length
    : 8;
  const steps: SolutionStep[] = [];
  if (canonical.includes('::')) {
    steps.push({
      text: `${written} groups are written, so :: stands for 8 − ${written} = ${8 - written} groups of zeros.`,
      code: `${canonical}\n→ ${p.groups.map((g) => g.toString(16)).join(':')}`,
    });
  }
  steps.push({
    text: 'Pad every group with leading zeros to four hex digits (zeros go in front: db8 is 0db8, never db80).',
    code: expandedText(p.groups),
  });
  return steps;
}

/** The typed groups of a parsed IPv6 text (no embedded IPv4, no zone): the explicit groups and the :: position. */
function typedShape(text: string): { left: string[]; right: string[]; compressed: boolean } | undefined {
  if (/[.%]/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parts = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':'));
  return { left: parts(halves[0]), right: parts(halves[1]), compressed: halves.length === 2 };
}

/** The address with every group's trailing zeros dropped (0x0100 → 0x1), the "dropped the wrong zeros" slip. */
function trailingDropped(groups: readonly number[]): bigint {
  return groupsValue(groups.map((g) => (g === 0 ? 0 : Number.parseInt(g.toString(16).replace(/0+$/, ''), 16))));
}

/** The address with short groups padded on the right (db8 → db80), the expansion slip. */
function paddedRight(groups: readonly number[]): bigint {
  return groupsValue(groups.map((g) => Number.parseInt(g.toString(16).padEnd(4, '0'), 16)));
}

function judgeCompress(p: Ipv6NotationProblem, field: FieldContext): FieldVerdict | undefined {
  if (field.value.kind !== 'ipv6') return undefined;
  const canonical = canonicalText(p.groups);
  const value = field.value.address.value;
  if (value !== groupsValue(p.groups)) {
    if (value === trailingDropped(p.groups) && trailingDropped(p.groups) !== groupsValue(p.groups)) {
      return mistake(
        'trailing-zeros-dropped',
        'Only leading zeros may be dropped: 0100 becomes 100, not 1 (that changes the address).',
      );
    }
    return mistake('wrong', `${field.text} is a different address from the one given; compress it group by group.`);
  }
  if (field.text === canonical) return { ok: true };
  if (/[A-F]/.test(field.text)) {
    return mistake('upper-case', 'Same address, but RFC 5952 §4.3 writes the canonical form in lower case.');
  }
  const shape = typedShape(field.text);
  if (shape === undefined) {
    return mistake('not-canonical', `Same address, but not the canonical form; RFC 5952 writes it ${canonical}.`);
  }
  if ([...shape.left, ...shape.right].some((g) => g.length > 1 && g.startsWith('0'))) {
    return mistake(
      'leading-zeros-kept',
      'Same address, but leading zeros must be dropped (RFC 5952 §4.1): 0db8 → db8, 0000 → 0.',
    );
  }
  const run = chosenRun(p.groups);
  if (!shape.compressed) {
    return mistake(
      'not-compressed',
      'Same address, but the run of zero groups must be replaced by :: (RFC 5952 §4.2.1).',
    );
  }
  const replaced = 8 - shape.left.length - shape.right.length;
  const start = shape.left.length;
  if (replaced === 1) {
    return mistake(
      'single-group-compressed',
      ':: must not stand for a single 0 group (RFC 5952 §4.2.2); write that group as 0.',
    );
  }
  if (run !== undefined && start !== run[0] && replaced <= run[1]) {
    return replaced < run[1]
      ? mistake(
          'shorter-run-compressed',
          'You compressed a shorter run of zeros; :: must replace the longest run (RFC 5952 §4.2.3).',
        )
      : mistake('not-first-run', 'The two runs of zeros are equally long; RFC 5952 §4.2.3 compresses the first one.');
  }
  if (run !== undefined && start >= run[0] && start + replaced <= run[0] + run[1] && replaced < run[1]) {
    return mistake(
      'not-fully-compressed',
      ':: must swallow the whole run of zero groups (RFC 5952 §4.2.1), not part of it.',
    );
  }
  return mistake('not-canonical', `Same address, but not the canonical form; RFC 5952 writes it ${canonical}.`);
}

function judgeExpand(p: Ipv6NotationProblem, field: FieldContext): FieldVerdict | undefined {
  if (field.value.kind !== 'ipv6') return undefined;
  const value = field.value.address.value;
  if (value !== groupsValue(p.groups)) {
    if (value === paddedRight(p.groups)) {
      return mistake('padded-wrong-side', 'Zeros are added in front of a group, not after it: db8 is 0db8, not db80.');
    }
    return mistake('wrong', `${field.text} is a different address from the one given.`);
  }
  const shape = typedShape(field.text);
  if (shape?.compressed) {
    return mistake(
      'double-colon-kept',
      'Same address, but the full form writes out the zero groups that :: stands for.',
    );
  }
  if (shape === undefined || shape.left.length !== 8 || shape.left.some((g) => g.length !== 4)) {
    return mistake(
      'leading-zeros-missing',
      'Same address, but the full form pads every group to four digits (0db8, 0000).',
    );
  }
  return { ok: true };
}

function mistake(code: string, message: string): FieldVerdict {
  return { ok: false, mistake: code, message };
}

/** Text mistakes that make the answer unreadable, named instead of `unparsable`. */
function unreadable(p: Ipv6NotationProblem, text: string): FieldVerdict | undefined {
  const t = text.trim();
  if (t.length > 100) return undefined;
  if (t.split('::').length > 2) {
    return mistake(
      'double-colon-twice',
      ':: may appear only once: with two, nobody can tell how many zero groups each stands for (RFC 4291 §2.2).',
    );
  }
  if (/^[0-9a-fA-F:]+$/.test(t) && !t.includes('::') && t.split(':').length !== 8) {
    const n = t.split(':').length;
    return mistake(
      'wrong-group-count',
      `An IPv6 address has exactly eight groups; this has ${n}.${p.direction === 'expand' ? ' The :: stands for as many zero groups as are missing from eight.' : ''}`,
    );
  }
  return undefined;
}

export const IPV6_NOTATION: Family = {
  id: ID,
  title: 'IPv6 notation',
  summary: 'Compress IPv6 addresses to their RFC 5952 canonical form, and expand them to all eight groups.',
  guide: GUIDES.ipv6Notation,
  generate,
  check(exercise, answers): Verdict {
    const p = ipv6NotationProblem(exercise.seed, levelOf(exercise.difficulty));
    const verdict = checkAnswers(exercise, answers, (field) =>
      p.direction === 'compress' ? judgeCompress(p, field) : judgeExpand(p, field),
    );
    const field = verdict.fields.address;
    if (field === undefined || field.ok || field.mistake !== 'unparsable') return verdict;
    const named = unreadable(p, answerText(answers, 'address'));
    return named === undefined ? verdict : { correct: false, fields: { ...verdict.fields, address: named } };
  },
};
