/**
 * Summarising: the smallest list of CIDR blocks covering exactly some addresses. Warm-up: 2 or 4 adjacent networks
 * that merge into one. Standard: an address range (first – last) written as CIDR blocks. Hard: a list of networks
 * with overlaps, neighbours and gaps, or a longer range. The answers come from `collapseNetworks` / `summarizeRange`.
 */
import { bigIntToAddress } from '../../ip/address.ts';
import { collapseNetworks, summarizeRange } from '../../ip/collapse.ts';
import type { IpNetwork } from '../../ip/types.ts';
import { checkAnswers, type FieldContext } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep } from '../types.ts';
import {
  binary,
  calculatorLink,
  cidrText,
  dotted,
  GUIDES,
  grouped,
  levelOf,
  networkOf,
  sizeOf,
} from './addressing-support.ts';

const ID = 'summarise';

/** A block as uint32 network and prefix. */
export interface Block {
  readonly network: number;
  readonly prefix: number;
}

/** The numbers behind one exercise. */
export type SummariseProblem =
  | { readonly mode: 'collapse'; readonly networks: readonly Block[] }
  | { readonly mode: 'range'; readonly first: number; readonly last: number };

const lastOfBlock = (b: Block) => b.network + sizeOf(b.prefix) - 1;

function base(r: Random): number {
  return r.pick([0x0a000000 + r.int(0, 255) * 2 ** 16, 0xac100000 + r.int(0, 15) * 2 ** 16, 0xc0a80000]);
}

/** Draws the problem for a seed and level (pure). */
export function summariseProblem(seed: number, difficulty: Difficulty): SummariseProblem {
  const r = createRandom(seed, ID);
  const level = levelOf(difficulty);
  if (level === 1 || (level === 3 && r.chance(0.5))) {
    if (level === 1) {
      const parts = r.pick([2, 4]);
      const prefix = r.int(22, 27);
      const big = prefix - Math.log2(parts);
      const start = networkOf(base(r) + r.int(0, 2 ** 16 - 1), big);
      const networks = Array.from({ length: parts }, (_, i) => ({ network: start + i * sizeOf(prefix), prefix }));
      return { mode: 'collapse', networks: shuffle(r, networks) };
    }
    // Hard: 4–6 networks in one /20 with overlaps, neighbours and gaps.
    const area = networkOf(base(r) + r.int(0, 2 ** 16 - 1), 20);
    const count = r.int(4, 6);
    const networks = Array.from({ length: count }, () => {
      const prefix = r.int(22, 26);
      return { network: networkOf(area + r.int(0, sizeOf(20) - 1), prefix), prefix };
    });
    return { mode: 'collapse', networks };
  }
  // A range whose ends sit on small alignments, so the answer is a handful of blocks.
  const area = networkOf(base(r) + r.int(0, 2 ** 16 - 1), 20);
  const align = 2 ** r.int(level === 2 ? 3 : 1, level === 2 ? 5 : 4);
  const first = area + r.int(0, 2 ** 11 / align - 1) * align;
  const length = r.int(level === 2 ? 3 : 5, level === 2 ? 12 : 40) * align;
  return { mode: 'range', first, last: first + length - 1 };
}

function shuffle<T>(r: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const toNetwork = (b: Block): IpNetwork => ({
  version: 4,
  networkAddress: bigIntToAddress(4, BigInt(b.network)),
  prefixLength: b.prefix,
});
const fromNetwork = (n: IpNetwork): Block => ({ network: n.networkAddress.value as number, prefix: n.prefixLength });

/** The minimal covering list, from the IP library. */
export function summariseAnswer(p: SummariseProblem): Block[] {
  if (p.mode === 'collapse') return collapseNetworks(p.networks.map(toNetwork)).map(fromNetwork);
  const result = summarizeRange(bigIntToAddress(4, BigInt(p.first)), bigIntToAddress(4, BigInt(p.last)));
  if (!result.ok) throw new Error(`summarise generated a bad range: ${result.error.message}`);
  return result.value.map(fromNetwork);
}

/** Merged intervals `[first, last]` of a list of blocks, sorted. */
function coverage(blocks: readonly Block[]): [number, number][] {
  const sorted = blocks.map((b): [number, number] => [b.network, lastOfBlock(b)]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const prev = out.at(-1);
    if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

const addresses = (cov: readonly [number, number][]) => cov.reduce((s, [a, b]) => s + b - a + 1, 0);

/** Addresses in `a` not in `b` (both merged and sorted). */
function missingFrom(a: readonly [number, number][], b: readonly [number, number][]): number {
  let missing = 0;
  for (const [x, y] of a) {
    let covered = 0;
    for (const [u, v] of b) {
      const lo = Math.max(x, u);
      const hi = Math.min(y, v);
      if (lo <= hi) covered += hi - lo + 1;
    }
    missing += y - x + 1 - covered;
  }
  return missing;
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const level = levelOf(difficulty);
  const p = summariseProblem(seed, level);
  const answer = summariseAnswer(p).map((b) => cidrText(b.network, b.prefix));
  const listed = p.mode === 'collapse' ? p.networks.map((b) => cidrText(b.network, b.prefix)) : [];
  const range = p.mode === 'range' ? `${dotted(p.first)} – ${dotted(p.last)}` : '';
  return {
    family: ID,
    seed,
    difficulty: level,
    question:
      p.mode === 'collapse'
        ? `Summarise these networks: give the smallest list of CIDR blocks that covers exactly the same addresses. ${listed.join(', ')}`
        : `Write the address range ${range} as the smallest list of CIDR blocks that covers exactly those addresses.`,
    givens:
      p.mode === 'collapse' ? [{ label: 'Networks', value: listed.join(', ') }] : [{ label: 'Range', value: range }],
    inputs: [{ id: 'blocks', label: 'CIDR blocks', kind: 'cidr-list', hint: 'one per line, or separated by commas' }],
    answer: { blocks: answer.join('\n') },
    solution: p.mode === 'collapse' ? collapseSteps(p.networks) : rangeSteps(p.first, p.last),
    guide: GUIDES.summarise,
    playground: calculatorLink(
      p.mode === 'collapse'
        ? { mode: 'summarise', summarise: { networks: listed.join('\n') } }
        : { mode: 'summarise', summarise: { range: `${dotted(p.first)} - ${dotted(p.last)}` } },
    ),
  };
}

function collapseSteps(networks: readonly Block[]): SolutionStep[] {
  const answer = summariseAnswer({ mode: 'collapse', networks });
  const cov = coverage(networks);
  const steps: SolutionStep[] = [
    {
      text: 'Sort the networks by address and write each as a range of addresses; merge ranges that overlap or touch.',
      code: [...networks]
        .sort((a, b) => a.network - b.network || a.prefix - b.prefix)
        .map((b) => `${cidrText(b.network, b.prefix).padEnd(18)} ${dotted(b.network)} – ${dotted(lastOfBlock(b))}`)
        .join('\n'),
    },
    {
      text: `That leaves ${cov.length === 1 ? 'one range' : `${cov.length} separate ranges`}:`,
      code: cov.map(([a, b]) => `${dotted(a)} – ${dotted(b)} (${grouped(b - a + 1)} addresses)`).join('\n'),
    },
  ];
  if (answer.length === 1 && networks.length > 1) {
    const b = answer[0] as Block;
    steps.push({
      text: `The merged range is one aligned block of 2^${32 - b.prefix} addresses: the networks share their first ${b.prefix} bits, so they summarise to /${b.prefix}.`,
      code: [...new Set(networks.map((n) => n.network))]
        .slice(0, 4)
        .map((n) => `${binary(n)}  ${dotted(n)}`)
        .join('\n'),
    });
  }
  steps.push({
    text: 'Cut each range into the largest aligned blocks, from its start: a block of 2^n addresses must start on a multiple of 2^n and must not pass the end of the range.',
    code: answer.map((b) => cidrText(b.network, b.prefix)).join('\n'),
  });
  return steps;
}

function rangeSteps(first: number, last: number): SolutionStep[] {
  const answer = summariseAnswer({ mode: 'range', first, last });
  return [
    {
      text: `The range holds ${grouped(last - first + 1)} addresses. Start at ${dotted(first)} and repeatedly take the largest block that starts there (its size must divide the start address) and does not pass ${dotted(last)}.`,
    },
    {
      text: 'Block by block:',
      code: answer
        .map(
          (b) =>
            `${cidrText(b.network, b.prefix).padEnd(18)} ${dotted(b.network)} – ${dotted(lastOfBlock(b))}  (${grouped(sizeOf(b.prefix))})`,
        )
        .join('\n'),
    },
  ];
}

function mistake(code: string, message: string): FieldVerdict {
  return { ok: false, mistake: code, message };
}

function judge(p: SummariseProblem, field: FieldContext): FieldVerdict | undefined {
  const v = field.value;
  if (v.kind !== 'cidr-list') return undefined;
  const host = v.networks.find((n) => n.hostBitsSet);
  if (host)
    return mistake('host-bits-set', `${host.text} has host bits set; write each block with its network address.`);
  if (v.networks.some((n) => n.network.version !== 4))
    return mistake('wrong', 'These are IPv4 addresses; answer with IPv4 blocks.');
  const typed = v.networks.map((n) => fromNetwork(n.network));
  const truth = coverage(summariseAnswer(p));
  const theirs = coverage(typed);
  const extra = missingFrom(theirs, truth);
  const gap = missingFrom(truth, theirs);
  if (extra > 0 && gap === 0) {
    return mistake(
      'covers-too-much',
      `Your blocks cover ${grouped(extra)} address${extra === 1 ? '' : 'es'} outside the given ones; a summary must not claim addresses that are not there.`,
    );
  }
  if (gap > 0 && extra === 0) {
    return mistake(
      'leaves-gap',
      `Your blocks miss ${grouped(gap)} of the given address${gap === 1 ? '' : 'es'}; the summary must cover all of them.`,
    );
  }
  if (gap > 0)
    return mistake(
      'wrong',
      'These blocks cover different addresses: some given ones are missing and some others are added.',
    );
  const best = summariseAnswer(p).length;
  if (typed.length > best || addresses(theirs) !== typed.reduce((s, b) => s + sizeOf(b.prefix), 0)) {
    return mistake(
      'not-minimal',
      `These cover the right addresses, but ${best === 1 ? 'one block does' : `${best} blocks do`}: merge neighbours that form a larger aligned block, and drop overlaps.`,
    );
  }
  return { ok: true };
}

export const SUMMARISE: Family = {
  id: ID,
  title: 'Summarising networks and ranges',
  summary: 'Collapse networks, or write an address range, as the smallest list of CIDR blocks.',
  guide: GUIDES.summarise,
  generate,
  check(exercise, answers) {
    const p = summariseProblem(exercise.seed, levelOf(exercise.difficulty));
    return checkAnswers(exercise, answers, (field) => judge(p, field));
  },
};
