/**
 * Which subnet does this address belong to? Warm-up: pick from the four /26s of a /24 (or four equal subnets of a
 * larger block). Standard: a block split into 8–64 equal subnets; type the subnet in CIDR notation. Hard: pick from
 * subnets of different sizes (a VLSM plan), where the block boundaries are not evenly spaced.
 */
import { checkAnswers, type FieldContext } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep } from '../types.ts';
import {
  binaryRows,
  calculatorLink,
  cidrText,
  dotted,
  GUIDES,
  grouped,
  levelOf,
  maskOf,
  networkOf,
  sizeOf,
} from './addressing-support.ts';

const ID = 'which-subnet';

/** One candidate subnet (uint32 network and prefix). */
export interface Subnet {
  readonly network: number;
  readonly prefix: number;
}

/** The numbers behind one exercise. */
export interface WhichSubnetProblem {
  readonly address: number;
  /** The block the subnets are carved from. */
  readonly block: Subnet;
  /** Levels 1 and 3: the listed subnets (in address order); level 2: the equal split's new prefix only. */
  readonly subnets: readonly Subnet[];
  readonly newPrefix: number;
  /** Index in `subnets` of the right one (levels 1 and 3). */
  readonly answerIndex: number;
}

function randomBlock(r: Random, prefix: number): Subnet {
  const first = r.pick([10, 172, 192, r.int(1, 223)]);
  const base = first === 127 ? 10 : first;
  const address = (base * 2 ** 24 + r.int(0, 2 ** 24 - 1)) >>> 0;
  return { network: networkOf(address, prefix), prefix };
}

/** Carves `block` into subnets of random sizes, largest first from the start (a VLSM-like layout, no gaps). */
function unequalSubnets(r: Random, block: Subnet): Subnet[] {
  const out: Subnet[] = [];
  let cursor = block.network;
  const end = block.network + sizeOf(block.prefix);
  let prefix = block.prefix + 1;
  // At most 6 subnets; each step advances the cursor by a whole block, so the loop ends.
  while (out.length < 6 && cursor < end && prefix <= 30) {
    out.push({ network: cursor, prefix });
    cursor += sizeOf(prefix);
    prefix = Math.min(30, prefix + r.int(0, 2));
    while (cursor + sizeOf(prefix) > end && prefix < 30) prefix++;
    if (cursor + sizeOf(prefix) > end) break;
  }
  return out;
}

/** Draws the problem for a seed and level (pure). */
export function whichSubnetProblem(seed: number, difficulty: Difficulty): WhichSubnetProblem {
  const r = createRandom(seed, ID);
  const level = levelOf(difficulty);
  if (level === 2) {
    const blockPrefix = r.int(16, 24);
    const newPrefix = blockPrefix + r.int(3, 6);
    const block = randomBlock(r, blockPrefix);
    const address = block.network + r.int(0, sizeOf(blockPrefix) - 1);
    return { address, block, subnets: [], newPrefix, answerIndex: -1 };
  }
  if (level === 1) {
    const blockPrefix = r.pick([24, 24, 23, 22]);
    const block = randomBlock(r, blockPrefix);
    const newPrefix = blockPrefix + 2;
    const subnets = [0, 1, 2, 3].map((i) => ({ network: block.network + i * sizeOf(newPrefix), prefix: newPrefix }));
    const answerIndex = r.int(0, 3);
    const chosen = subnets[answerIndex] as Subnet;
    const address = chosen.network + r.int(1, sizeOf(newPrefix) - 2);
    return { address, block, subnets, newPrefix, answerIndex };
  }
  const block = randomBlock(r, r.int(22, 24));
  const subnets = unequalSubnets(r, block);
  const answerIndex = r.int(0, subnets.length - 1);
  const chosen = subnets[answerIndex] as Subnet;
  // Near the chosen subnet's edges half of the time: that is where the block size matters.
  const size = sizeOf(chosen.prefix);
  const offset = r.chance(0.5) ? r.pick([0, 1, size - 2, size - 1]) : r.int(0, size - 1);
  return { address: chosen.network + offset, block, subnets, newPrefix: chosen.prefix, answerIndex };
}

/** The right subnet. */
function rightSubnet(p: WhichSubnetProblem): Subnet {
  return p.subnets[p.answerIndex] ?? { network: networkOf(p.address, p.newPrefix), prefix: p.newPrefix };
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const level = levelOf(difficulty);
  const p = whichSubnetProblem(seed, level);
  const right = rightSubnet(p);
  const blockText = cidrText(p.block.network, p.block.prefix);
  const common = {
    family: ID,
    seed,
    difficulty: level,
    solution: solution(p),
    guide: GUIDES.subnetDetails,
  };
  if (level === 2) {
    return {
      ...common,
      question: `${blockText} is split into equal /${p.newPrefix} subnets (${grouped(2 ** (p.newPrefix - p.block.prefix))} of them). Which one contains ${dotted(p.address)}? Answer in CIDR notation.`,
      givens: [
        { label: 'Block', value: blockText },
        { label: 'Subnet size', value: `/${p.newPrefix}` },
        { label: 'Address', value: dotted(p.address) },
      ],
      inputs: [{ id: 'subnet', label: 'Subnet', kind: 'cidr', hint: `e.g. ${cidrText(p.block.network, p.newPrefix)}` }],
      answer: { subnet: cidrText(right.network, right.prefix) },
      playground: calculatorLink({
        mode: 'split',
        split: { network: blockText, by: 'prefix', newPrefix: String(p.newPrefix), highlight: String(indexIn(p) + 1) },
      }),
    };
  }
  const choices = p.subnets.map((s) => ({
    value: cidrText(s.network, s.prefix),
    label: cidrText(s.network, s.prefix),
  }));
  return {
    ...common,
    question: `${blockText} is divided into the subnets below. Which one contains ${dotted(p.address)}?`,
    givens: [
      { label: 'Address', value: dotted(p.address) },
      { label: 'Subnets', value: choices.map((c) => c.label).join(', ') },
    ],
    inputs: [{ id: 'subnet', label: 'Subnet', kind: 'choice', choices }],
    answer: { subnet: cidrText(right.network, right.prefix) },
    playground: calculatorLink({ mode: 'details', details: { network: cidrText(right.network, right.prefix) } }),
  };
}

/** 0-based index of the right subnet in the equal split of the block (level 2's highlight). */
function indexIn(p: WhichSubnetProblem): number {
  return Math.floor((p.address - p.block.network) / sizeOf(p.newPrefix));
}

function solution(p: WhichSubnetProblem): SolutionStep[] {
  const right = rightSubnet(p);
  const size = sizeOf(right.prefix);
  const steps: SolutionStep[] = [];
  if (p.subnets.length > 0 && new Set(p.subnets.map((s) => s.prefix)).size > 1) {
    steps.push({
      text: "The subnets have different sizes, so test each one: an address is inside a subnet when masking it with that subnet's mask gives the subnet's own network address.",
    });
  }
  steps.push(
    {
      text: `The /${right.prefix} mask keeps ${right.prefix} bits; AND the address with it to find the network it falls in.`,
      code: binaryRows([
        ['address', p.address],
        [`/${right.prefix} mask`, maskOf(right.prefix)],
        ['network', right.network],
      ]),
    },
    {
      text: `Or in decimal: /${right.prefix} blocks are ${grouped(size)} addresses long, so the subnet starts at the multiple of ${grouped(size)} at or below the address and ends ${grouped(size - 1)} later.`,
      code: `${cidrText(right.network, right.prefix)} = ${dotted(right.network)} – ${dotted(right.network + size - 1)}\n${dotted(p.address)} is in that range`,
    },
  );
  return steps;
}

function sameAs(value: { network: number; prefix: number }, s: Subnet): boolean {
  return value.network === s.network && value.prefix === s.prefix;
}

function judge(p: WhichSubnetProblem, field: FieldContext): FieldVerdict | undefined {
  const right = rightSubnet(p);
  const v = field.value;
  let chosen: Subnet;
  if (v.kind === 'cidr') {
    if (v.network.version !== 4)
      return { ok: false, mistake: 'wrong', message: 'The address is IPv4; answer with an IPv4 subnet.' };
    chosen = { network: v.network.networkAddress.value as number, prefix: v.network.prefixLength };
    if (v.hostBitsSet && sameAs(chosen, right)) {
      return {
        ok: false,
        mistake: 'host-bits-set',
        message: `${v.text} has host bits set: that is the address with a prefix, not the subnet. Clear the host bits: ${cidrText(right.network, right.prefix)}.`,
      };
    }
  } else if (v.kind === 'choice') {
    const found = p.subnets.find((s) => cidrText(s.network, s.prefix) === v.value);
    if (found === undefined) return undefined;
    chosen = found;
  } else return undefined;
  if (sameAs(chosen, right) && !(v.kind === 'cidr' && v.hostBitsSet)) return { ok: true };
  if (chosen.prefix === right.prefix && Math.abs(chosen.network - right.network) === sizeOf(right.prefix)) {
    return {
      ok: false,
      mistake: 'adjacent-subnet',
      message: `That is the neighbouring subnet; it ${chosen.network < right.network ? `ends at ${dotted(chosen.network + sizeOf(chosen.prefix) - 1)}` : `starts at ${dotted(chosen.network)}`}, so ${dotted(p.address)} is not in it. Check the block boundaries (multiples of ${grouped(sizeOf(right.prefix))}).`,
    };
  }
  if (v.kind === 'choice' && chosen.network + sizeOf(chosen.prefix) === right.network) {
    return {
      ok: false,
      mistake: 'adjacent-subnet',
      message: `That subnet ends at ${dotted(chosen.network + sizeOf(chosen.prefix) - 1)}, just before ${dotted(p.address)}'s subnet starts; check the block sizes.`,
    };
  }
  if (v.kind === 'choice' && chosen.network === right.network + sizeOf(right.prefix)) {
    return {
      ok: false,
      mistake: 'adjacent-subnet',
      message: `That subnet starts at ${dotted(chosen.network)}, after ${dotted(p.address)}; the address belongs to the one before it.`,
    };
  }
  if (Math.abs(chosen.prefix - right.prefix) === 1 && networkOf(p.address, chosen.prefix) === chosen.network) {
    return {
      ok: false,
      mistake: 'wrong-prefix-by-one',
      message: `That network does contain the address, but with /${chosen.prefix} instead of /${right.prefix}; the subnets here are /${right.prefix}.`,
    };
  }
  return {
    ok: false,
    mistake: 'wrong',
    message: `${dotted(p.address)} is not in ${cidrText(chosen.network, chosen.prefix)}.`,
  };
}

export const WHICH_SUBNET: Family = {
  id: ID,
  title: 'Which subnet?',
  summary: 'Find the subnet an address belongs to, among equal or unequal subnets of a block.',
  guide: GUIDES.subnetDetails,
  generate,
  check(exercise, answers) {
    const p = whichSubnetProblem(exercise.seed, levelOf(exercise.difficulty));
    return checkAnswers(exercise, answers, (field) => judge(p, field));
  },
};
