/**
 * Subnet plans: split a block into N equal subnets (warm-up: 2 or 4 halves of a /24; standard: 4–16; hard: "at
 * least N" with N not a power of two), and VLSM plans (standard and hard): allocate subnets for a list of host
 * counts, largest first, each at the lowest free address. The VLSM answer comes from `planVlsm` in `src/lib/ip`.
 */
import { bigIntToAddress } from '../../ip/address.ts';
import { planVlsm } from '../../ip/vlsm.ts';
import { checkAnswers, type FieldContext, type ReadNetwork } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { AnswerInput, Difficulty, Exercise, Family, FieldVerdict, SolutionStep } from '../types.ts';
import {
  calculatorLink,
  cidrText,
  GUIDES,
  grouped,
  levelOf,
  networkOf,
  sizeOf,
  usableOf,
} from './addressing-support.ts';

const ID = 'subnet-plan';

/** One host requirement, as listed in the question. */
export interface Requirement {
  readonly name: string;
  readonly hosts: number;
}

/** A subnet as uint32 network + prefix. */
export interface Block {
  readonly network: number;
  readonly prefix: number;
}

/** The numbers behind one exercise. */
export type SubnetPlanProblem =
  | { readonly mode: 'split'; readonly block: Block; readonly parts: number }
  | { readonly mode: 'vlsm'; readonly block: Block; readonly requirements: readonly Requirement[] };

const NAMES = ['Sales', 'Engineering', 'Guest Wi-Fi', 'Servers', 'Printers', 'Voice', 'Lab', 'Management'];

/** A block of the given prefix inside 10/8, 172.16/12 or 192.168/16. */
function randomBlock(r: Random, prefix: number): Block {
  const base = r.pick([0x0a000000, 0xac100000, 0xc0a80000]);
  const span = base === 0x0a000000 ? 2 ** 24 : base === 0xac100000 ? 2 ** 20 : 2 ** 16;
  return { network: networkOf(base + r.int(0, span - 1), prefix), prefix };
}

/** Draws the problem for a seed and level (pure). */
export function subnetPlanProblem(seed: number, difficulty: Difficulty): SubnetPlanProblem {
  const r = createRandom(seed, ID);
  const level = levelOf(difficulty);
  const vlsm = level === 2 ? r.chance(0.5) : level === 3 ? r.chance(0.6) : false;
  if (!vlsm) {
    const prefix = level === 1 ? 24 : r.int(level === 2 ? 20 : 16, 24);
    const parts = level === 1 ? r.pick([2, 4]) : level === 2 ? r.pick([4, 8, 16]) : r.pick([3, 5, 6, 7, 9, 10, 12]);
    return { mode: 'split', block: randomBlock(r, prefix), parts };
  }
  const prefix = level === 2 ? r.int(22, 24) : r.int(21, 23);
  const count = level === 2 ? 3 : r.int(4, 5);
  const space = 32 - prefix;
  // Host bits per subnet, each at most half the block, shrunk (largest first) until the plan fits: each pass lowers
  // one entry and the sum of 2^bits strictly falls, so the loop ends.
  const bits = Array.from({ length: count }, () => r.int(2, space - 1));
  for (let guard = 0; guard < 64 && bits.reduce((s, b) => s + 2 ** b, 0) > 2 ** space; guard++) {
    const largest = bits.indexOf(Math.max(...bits));
    bits[largest] = Math.max(2, (bits[largest] as number) - 1);
  }
  const names = [...NAMES];
  const requirements = bits.map((b) => {
    const name = names.splice(r.int(0, names.length - 1), 1)[0] as string;
    // Needing exactly b host bits: hosts + 2 ≤ 2^b and hosts + 2 > 2^(b−1); the ends half of the time.
    const low = 2 ** (b - 1) - 1;
    const high = 2 ** b - 2;
    const hosts = r.chance(0.5) ? r.pick([low, high]) : r.int(low, high);
    return { name, hosts: Math.max(1, hosts) };
  });
  return { mode: 'vlsm', block: randomBlock(r, prefix), requirements };
}

/** Host bits a requirement needs: hosts + 2 (network and broadcast) ≤ 2^bits. */
function hostBits(hosts: number): number {
  let b = 2;
  while (2 ** b - 2 < hosts && b < 32) b++;
  return b;
}

/** The equal split: new prefix and the subnets. */
function splitAnswer(block: Block, parts: number): { newPrefix: number; subnets: Block[] } {
  let k = 0;
  while (2 ** k < parts) k++;
  const newPrefix = block.prefix + k;
  return {
    newPrefix,
    subnets: Array.from({ length: 2 ** k }, (_, i) => ({
      network: block.network + i * sizeOf(newPrefix),
      prefix: newPrefix,
    })),
  };
}

/** The VLSM plan from the IP library, in the order the requirements are listed. */
function vlsmAnswer(block: Block, requirements: readonly Requirement[]): Block[] {
  const plan = planVlsm(
    { version: 4, networkAddress: bigIntToAddress(4, BigInt(block.network)), prefixLength: block.prefix },
    requirements.map((q, i) => ({ name: `${i}`, hosts: q.hosts })),
  );
  if (!plan.ok) throw new Error(`subnet-plan generated a plan that does not fit: ${plan.error.message}`);
  const out: Block[] = [];
  for (const a of plan.value.allocations) {
    out[Number(a.name)] = { network: a.network.networkAddress.value as number, prefix: a.network.prefixLength };
  }
  return out;
}

/** The plan made in the listed order (not largest first), each block aligned: the "not largest first" slip. */
function inOrderPlan(block: Block, requirements: readonly Requirement[]): Block[] {
  let cursor = block.network;
  return requirements.map((q) => {
    const size = 2 ** hostBits(q.hosts);
    const start = Math.ceil(cursor / size) * size;
    cursor = start + size;
    return { network: start, prefix: 32 - hostBits(q.hosts) };
  });
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const level = levelOf(difficulty);
  const p = subnetPlanProblem(seed, level);
  const blockText = cidrText(p.block.network, p.block.prefix);
  const common = { family: ID, seed, difficulty: level };
  if (p.mode === 'split') {
    const { newPrefix, subnets } = splitAnswer(p.block, p.parts);
    const power = 2 ** Math.round(Math.log2(p.parts)) === p.parts;
    return {
      ...common,
      question: power
        ? `Split ${blockText} into ${p.parts} equal subnets. What is their prefix length, and which are they?`
        : `Split ${blockText} into equal subnets, at least ${p.parts} of them, as large as possible. What is their prefix length, and which are they?`,
      givens: [
        { label: 'Block', value: blockText },
        { label: 'Subnets', value: power ? String(p.parts) : `at least ${p.parts}` },
      ],
      inputs: [
        { id: 'prefix', label: 'New prefix length', kind: 'prefix', hint: 'e.g. /26' },
        { id: 'subnets', label: 'Subnets', kind: 'cidr-list', hint: 'one per line, or separated by commas' },
      ],
      answer: { prefix: `/${newPrefix}`, subnets: subnets.map((s) => cidrText(s.network, s.prefix)).join('\n') },
      solution: splitSteps(p.block, p.parts),
      guide: GUIDES.plan,
      playground: calculatorLink({
        mode: 'split',
        split: { network: blockText, by: 'prefix', newPrefix: String(newPrefix) },
      }),
    };
  }
  const plan = vlsmAnswer(p.block, p.requirements);
  const inputs: AnswerInput[] = p.requirements.map((q, i) => ({
    id: `net-${i + 1}`,
    label: `${q.name} (${grouped(q.hosts)} hosts)`,
    kind: 'cidr',
    hint: `e.g. ${cidrText(p.block.network, 26)}`,
  }));
  return {
    ...common,
    question: `Plan ${blockText} with VLSM: give each subnet the smallest block with enough usable hosts, allocating the largest first (equal sizes in the order listed), each at the lowest free address.`,
    givens: [
      { label: 'Block', value: blockText },
      ...p.requirements.map((q) => ({ label: q.name, value: `${grouped(q.hosts)} hosts` })),
    ],
    inputs,
    answer: Object.fromEntries(plan.map((b, i) => [`net-${i + 1}`, cidrText(b.network, b.prefix)])),
    solution: vlsmSteps(p.block, p.requirements, plan),
    guide: GUIDES.vlsm,
    playground: calculatorLink({
      mode: 'vlsm',
      vlsm: { network: blockText, requirements: p.requirements.map((q) => ({ name: q.name, hosts: String(q.hosts) })) },
    }),
  };
}

function splitSteps(block: Block, parts: number): SolutionStep[] {
  const { newPrefix, subnets } = splitAnswer(block, parts);
  const k = newPrefix - block.prefix;
  const shown = subnets.map((s) => cidrText(s.network, s.prefix));
  return [
    {
      text:
        2 ** k === parts
          ? `${parts} subnets need ${k} more network bits, since 2^${k} = ${parts}.`
          : `${parts} is not a power of two: round up to the next one, 2^${k} = ${2 ** k} ≥ ${parts}, so ${k} more network bits (2^${k - 1} = ${2 ** (k - 1)} would be too few).`,
      code: `/${block.prefix} + ${k} = /${newPrefix}`,
    },
    {
      text: `Each /${newPrefix} holds 2^${32 - newPrefix} = ${grouped(sizeOf(newPrefix))} addresses; the subnets start at the block's first address and follow each other every ${grouped(sizeOf(newPrefix))} addresses.`,
      code: shown.length > 8 ? [...shown.slice(0, 3), '…', ...shown.slice(-2)].join('\n') : shown.join('\n'),
    },
  ];
}

function vlsmSteps(block: Block, requirements: readonly Requirement[], plan: readonly Block[]): SolutionStep[] {
  const sizing = requirements.map(
    (q) =>
      `${q.name.padEnd(12)} ${String(q.hosts).padStart(4)} hosts + 2 = ${String(q.hosts + 2).padStart(4)} ≤ 2^${hostBits(q.hosts)} → /${32 - hostBits(q.hosts)} (${usableOf(32 - hostBits(q.hosts))} usable)`,
  );
  const order = requirements
    .map((q, i) => ({ q, i, bits: hostBits(q.hosts) }))
    .sort((a, b) => b.bits - a.bits || a.i - b.i);
  return [
    {
      text: 'Size each subnet: it needs its hosts plus the network and broadcast addresses, rounded up to a power of two.',
      code: sizing.join('\n'),
    },
    {
      text: `Allocate the largest first, each at the lowest free address of ${cidrText(block.network, block.prefix)}: a block of 2^n addresses then always starts on a multiple of 2^n, so nothing overlaps and no space is lost to alignment.`,
      code: order
        .map(({ q, i }) => `${q.name.padEnd(12)} ${cidrText((plan[i] as Block).network, (plan[i] as Block).prefix)}`)
        .join('\n'),
    },
  ];
}

const blockOf = (n: ReadNetwork): Block => ({
  network: n.network.networkAddress.value as number,
  prefix: n.network.prefixLength,
});
const sameBlock = (a: Block, b: Block) => a.network === b.network && a.prefix === b.prefix;
const lastAddress = (b: Block) => b.network + sizeOf(b.prefix) - 1;
const overlap = (a: Block, b: Block) => a.network <= lastAddress(b) && b.network <= lastAddress(a);
const inside = (a: Block, outer: Block) => a.network >= outer.network && lastAddress(a) <= lastAddress(outer);

function mistake(code: string, message: string): FieldVerdict {
  return { ok: false, mistake: code, message };
}

function judgeSplit(block: Block, parts: number, field: FieldContext): FieldVerdict | undefined {
  const { newPrefix, subnets } = splitAnswer(block, parts);
  const v = field.value;
  if (v.kind === 'prefix') {
    if (v.prefixLength === newPrefix && v.form !== 'hostmask') return { ok: true };
    if (
      v.prefixLength === newPrefix - 1 &&
      2 ** (newPrefix - 1 - block.prefix) < parts &&
      2 ** (newPrefix - block.prefix) !== parts
    ) {
      return mistake(
        'rounded-down',
        `/${v.prefixLength} gives only ${2 ** (newPrefix - 1 - block.prefix)} subnets, fewer than ${parts}; round the number of subnets up to a power of two.`,
      );
    }
    if (Math.abs(v.prefixLength - newPrefix) === 1) {
      return mistake(
        'wrong-prefix-by-one',
        `/${v.prefixLength} makes ${v.prefixLength < newPrefix ? 'half' : 'twice'} as many subnets as needed; ${subnets.length} subnets of /${block.prefix} are /${newPrefix}.`,
      );
    }
    return mistake('wrong', `Not the new prefix; each extra network bit doubles the number of subnets.`);
  }
  if (v.kind !== 'cidr-list') return undefined;
  const typed = v.networks;
  const host = typed.find((n) => n.hostBitsSet);
  if (host)
    return mistake('host-bits-set', `${host.text} has host bits set; a subnet is written with its network address.`);
  if (typed.some((n) => n.network.version !== 4)) return mistake('wrong', 'The block is IPv4; list IPv4 subnets.');
  const blocks = typed.map(blockOf);
  const outside = blocks.find((b) => !inside(b, block));
  if (outside)
    return mistake(
      'outside-block',
      `${cidrText(outside.network, outside.prefix)} is not inside ${cidrText(block.network, block.prefix)}.`,
    );
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (overlap(blocks[i] as Block, blocks[j] as Block)) {
        return mistake(
          'overlapping-subnets',
          `${cidrText((blocks[i] as Block).network, (blocks[i] as Block).prefix)} and ${cidrText((blocks[j] as Block).network, (blocks[j] as Block).prefix)} overlap; subnets of a plan must not share addresses.`,
        );
      }
    }
  }
  const prefixes = [...new Set(blocks.map((b) => b.prefix))];
  const only = prefixes.length === 1 ? (prefixes[0] as number) : -1;
  if (Math.abs(only - newPrefix) === 1) {
    return mistake('wrong-prefix-by-one', `These are /${only} subnets; the split into ${parts} needs /${newPrefix}.`);
  }
  const right = subnets.filter((s) => blocks.some((b) => sameBlock(b, s))).length;
  if (right === blocks.length && right < subnets.length) {
    return mistake(
      'missing-subnets',
      `These are right, but ${subnets.length - right} of the ${subnets.length} subnets are missing: the plan must cover the whole block.`,
    );
  }
  if (right === subnets.length && blocks.length === subnets.length) return { ok: true };
  return mistake(
    'wrong',
    `Not the ${subnets.length} /${newPrefix} subnets of the block; they follow each other every ${grouped(sizeOf(newPrefix))} addresses.`,
  );
}

function judgeVlsm(block: Block, requirements: readonly Requirement[], field: FieldContext): FieldVerdict | undefined {
  const v = field.value;
  if (v.kind !== 'cidr') return undefined;
  const index = Number(field.input.id.slice(4)) - 1;
  const q = requirements[index];
  const expected = vlsmAnswer(block, requirements)[index];
  if (q === undefined || expected === undefined) return undefined;
  if (v.network.version !== 4) return mistake('wrong', 'The block is IPv4; answer with an IPv4 subnet.');
  const typed = blockOf(v);
  if (v.hostBitsSet)
    return mistake('host-bits-set', `${v.text} has host bits set; a subnet is written with its network address.`);
  if (sameBlock(typed, expected)) {
    return { ok: true };
  }
  if (!inside(typed, block))
    return mistake('outside-block', `${v.text} is not inside ${cidrText(block.network, block.prefix)}.`);
  if (usableOf(typed.prefix) < q.hosts) {
    const forgot = sizeOf(typed.prefix) >= q.hosts;
    return mistake(
      'too-small-for-hosts',
      `A /${typed.prefix} has ${usableOf(typed.prefix)} usable hosts, fewer than ${q.hosts}${forgot ? ': the network and broadcast addresses are not hosts, so you need hosts + 2 ≤ 2^n' : ''}.`,
    );
  }
  for (const [id, other] of Object.entries(field.values)) {
    if (id === field.input.id || other.kind !== 'cidr' || other.network.version !== 4) continue;
    if (overlap(typed, blockOf(other))) {
      return mistake(
        'overlapping-subnets',
        `${v.text} overlaps ${other.text}; the subnets of a plan must not share addresses.`,
      );
    }
  }
  const naive = inOrderPlan(block, requirements)[index];
  if (naive !== undefined && sameBlock(typed, naive)) {
    return mistake(
      'not-largest-first',
      'That is where it goes if the subnets are allocated in the order listed; VLSM allocates the largest first, so the blocks stay aligned with no gaps.',
    );
  }
  if (typed.prefix < expected.prefix) {
    return mistake(
      'oversized-subnet',
      `A /${typed.prefix} is bigger than needed: ${q.hosts} hosts fit in a /${expected.prefix} (${usableOf(expected.prefix)} usable).`,
    );
  }
  return mistake(
    'wrong',
    `Not where this subnet goes: size it, then allocate the largest first from the start of the block.`,
  );
}

export const SUBNET_PLAN: Family = {
  id: ID,
  title: 'Subnet plans (equal split and VLSM)',
  summary: 'Split a block into equal subnets, and plan variable-length subnets for a list of host counts.',
  guide: GUIDES.vlsm,
  generate,
  check(exercise, answers) {
    const p = subnetPlanProblem(exercise.seed, levelOf(exercise.difficulty));
    return checkAnswers(exercise, answers, (field) =>
      p.mode === 'split' ? judgeSplit(p.block, p.parts, field) : judgeVlsm(p.block, p.requirements, field),
    );
  },
};
