/**
 * Special-purpose ranges: is this address private (RFC 1918), shared/CGNAT (RFC 6598), loopback, link-local,
 * documentation, benchmarking, multicast, unique local — or an ordinary global address? The blocks and their RFCs are
 * the IANA registry table of `src/lib/ip` (`SPECIAL_RANGES`, `classifyNetwork`); nothing is copied here. Warm-up:
 * IPv4, four choices; standard: IPv4, eight choices, addresses just outside a block; hard: IPv4 and IPv6.
 */
import { bigIntToAddress, formatAddress } from '../../ip/address.ts';
import { parseNetwork } from '../../ip/network.ts';
import { classifyNetwork, SPECIAL_RANGES } from '../../ip/special-ranges.ts';
import type { IpAddress, IpNetwork, SpecialCategory, SpecialRange } from '../../ip/types.ts';
import { checkAnswers, type FieldContext } from '../answer.ts';
import { createRandom, type Random } from '../random.ts';
import type { Difficulty, Exercise, Family, FieldVerdict, SolutionStep } from '../types.ts';
import { calculatorLink, GUIDES, levelOf } from './addressing-support.ts';

const ID = 'special-ranges';

/** The answers this family offers: registry categories, plus `global` for none of them. */
export const SPECIAL_CHOICES = [
  'private',
  'shared',
  'loopback',
  'link-local',
  'documentation',
  'benchmarking',
  'multicast',
  'unique-local',
  'global',
] as const;

/** One of {@link SPECIAL_CHOICES}. */
export type SpecialChoice = (typeof SPECIAL_CHOICES)[number];

const LABELS: Record<SpecialChoice, string> = {
  private: 'Private (RFC 1918)',
  shared: 'Shared address space / CGNAT (RFC 6598)',
  loopback: 'Loopback',
  'link-local': 'Link-local',
  documentation: 'Documentation (RFC 5737, RFC 3849)',
  benchmarking: 'Benchmarking (RFC 2544)',
  multicast: 'Multicast',
  'unique-local': 'Unique local (fc00::/7)',
  global: 'None of these: global unicast',
};

const LEVEL_CHOICES: Record<Difficulty, readonly SpecialChoice[]> = {
  1: ['private', 'loopback', 'link-local', 'global'],
  2: ['private', 'shared', 'loopback', 'link-local', 'documentation', 'benchmarking', 'multicast', 'global'],
  3: SPECIAL_CHOICES,
};

/** The numbers behind one exercise. */
export interface SpecialRangesProblem {
  readonly address: IpAddress;
  readonly choices: readonly SpecialChoice[];
}

const hostNetwork = (address: IpAddress): IpNetwork => ({
  version: address.version,
  networkAddress: address,
  prefixLength: address.version === 4 ? 32 : 128,
});

/** The most specific registry row holding the address, from the IP library (undefined: none). */
export function specialRangeOf(address: IpAddress): SpecialRange | undefined {
  return classifyNetwork(hostNetwork(address))[0]?.range;
}

/** The answer for an address among `choices`, or undefined when its category is not offered. */
function categoryOf(address: IpAddress, choices: readonly SpecialChoice[]): SpecialChoice | undefined {
  const category: SpecialCategory | 'global' = specialRangeOf(address)?.category ?? 'global';
  return (choices as readonly string[]).includes(category) ? (category as SpecialChoice) : undefined;
}

const rowBounds = (row: SpecialRange): { first: bigint; last: bigint; network: IpNetwork } => {
  const parsed = parseNetwork(row.cidr);
  if (!parsed.ok) throw new Error(`special range ${row.cidr} does not parse`, { cause: parsed.error });
  const n = parsed.value.network;
  const bits = BigInt((n.version === 4 ? 32 : 128) - n.prefixLength);
  const first = BigInt(n.networkAddress.value);
  return { first, last: first + (1n << bits) - 1n, network: n };
};

function randomBig(r: Random, bits: number): bigint {
  let v = 0n;
  for (let done = 0; done < bits; done += 16) v = (v << 16n) | BigInt(r.int(0, 0xffff));
  return v & ((1n << BigInt(bits)) - 1n);
}

function candidate(r: Random, level: Difficulty, choices: readonly SpecialChoice[]): IpAddress {
  const version = level === 3 && r.chance(0.5) ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const target = r.pick(choices);
  if (target === 'global') {
    return version === 4
      ? bigIntToAddress(4, BigInt(r.int(1, 223) * 2 ** 24 + r.int(0, 2 ** 24 - 1)))
      : bigIntToAddress(6, (0x2n << 124n) | randomBig(r, 125)); // 2000::/3, global unicast
  }
  const rows = SPECIAL_RANGES.filter((row) => row.category === target && row.version === version);
  if (rows.length === 0) return candidate(r, 1, LEVEL_CHOICES[1]);
  const { first, last } = rowBounds(r.pick(rows));
  // Just outside an IPv4 block a third of the time above warm-up: that is where the boundaries get tested. (Not for
  // IPv6: outside 2000::/3 the space is unallocated, so "global unicast" would be the wrong lesson.)
  if (level > 1 && version === 4 && r.chance(0.35)) {
    const outside = r.chance(0.5) ? first - 1n - BigInt(r.int(0, 3)) : last + 1n + BigInt(r.int(0, 3));
    if (outside >= 0n && outside < 1n << BigInt(bits)) return bigIntToAddress(version, outside);
  }
  return bigIntToAddress(version, first + (randomBig(r, bits) % (last - first + 1n)));
}

/** Draws the problem for a seed and level (pure): retries until the address's category is offered (bounded). */
export function specialRangesProblem(seed: number, difficulty: Difficulty): SpecialRangesProblem {
  const r = createRandom(seed, ID);
  const level = levelOf(difficulty);
  const choices = LEVEL_CHOICES[level];
  for (let attempt = 0; attempt < 32; attempt++) {
    const address = candidate(r, level, choices);
    if (categoryOf(address, choices) !== undefined) return { address, choices };
  }
  return { address: bigIntToAddress(4, 0x0a000001n), choices };
}

function generate(seed: number, difficulty: Difficulty): Exercise {
  const level = levelOf(difficulty);
  const p = specialRangesProblem(seed, level);
  const text = formatAddress(p.address);
  const answer = categoryOf(p.address, p.choices) ?? 'global';
  return {
    family: ID,
    seed,
    difficulty: level,
    question: `What kind of address is ${text}?`,
    givens: [{ label: 'Address', value: text }],
    inputs: [
      {
        id: 'kind',
        label: 'Kind of address',
        kind: 'choice',
        choices: p.choices.map((value) => ({ value, label: LABELS[value] })),
      },
    ],
    answer: { kind: answer },
    solution: solution(p),
    guide: GUIDES.specialRanges,
    playground: calculatorLink({
      mode: 'details',
      details: { network: `${text}/${p.address.version === 4 ? 32 : 128}` },
    }),
  };
}

/** Registry rows of the offered categories for the address's family. */
function offeredRows(p: SpecialRangesProblem): SpecialRange[] {
  return SPECIAL_RANGES.filter(
    (row) => row.version === p.address.version && (p.choices as readonly string[]).includes(row.category),
  );
}

function solution(p: SpecialRangesProblem): SolutionStep[] {
  const row = specialRangeOf(p.address);
  const text = formatAddress(p.address);
  const rows = offeredRows(p);
  const steps: SolutionStep[] = [
    {
      text: 'Compare the address with the special-purpose blocks (IANA registries). A block a.b.c.d/n holds every address whose first n bits match it.',
      code: rows.map((r) => `${r.cidr.padEnd(18)} ${r.name} (${r.rfc})`).join('\n'),
    },
  ];
  if (row === undefined) {
    const near = nearest(p.address, rows);
    steps.push({
      text: `${text} is in none of them${near ? ` — note it is just outside ${near.cidr} (${near.name})` : ''}, so it is an ordinary global unicast address.`,
    });
  } else {
    const { first, last } = rowBounds(row);
    steps.push({
      text: `${text} lies in ${row.cidr}, ${row.name} (${row.rfc}).`,
      code: `${row.cidr} = ${formatAddress(bigIntToAddress(row.version, first))} – ${formatAddress(bigIntToAddress(row.version, last))}`,
    });
  }
  return steps;
}

/** The offered block nearest to the address, if it is closer than one block length. */
function nearest(address: IpAddress, rows: readonly SpecialRange[]): SpecialRange | undefined {
  const value = BigInt(address.value);
  for (const row of rows) {
    const { first, last } = rowBounds(row);
    const size = last - first + 1n;
    if ((value < first && first - value <= size) || (value > last && value - last <= size)) return row;
  }
  return undefined;
}

function mistake(code: string, message: string): FieldVerdict {
  return { ok: false, mistake: code, message };
}

function judge(p: SpecialRangesProblem, field: FieldContext): FieldVerdict | undefined {
  if (field.value.kind !== 'choice') return undefined;
  const chosen = field.value.value as SpecialChoice;
  const right = categoryOf(p.address, p.choices) ?? 'global';
  if (chosen === right) return { ok: true };
  const text = formatAddress(p.address);
  const row = specialRangeOf(p.address);
  if (right === 'shared' && chosen === 'private') {
    return mistake(
      'shared-is-not-private',
      `${text} is in 100.64.0.0/10, the shared address space of RFC 6598 for carrier-grade NAT — not one of the RFC 1918 private blocks (10/8, 172.16/12, 192.168/16).`,
    );
  }
  if (right === 'documentation' && chosen === 'private') {
    return mistake(
      'documentation-is-not-private',
      `${text} is in ${row?.cidr ?? 'a documentation block'}, reserved for examples in documentation (${row?.rfc ?? 'RFC 5737'}); it is not RFC 1918 private space and never appears on a real network.`,
    );
  }
  if ((right === 'unique-local' && chosen === 'link-local') || (right === 'link-local' && chosen === 'unique-local')) {
    return mistake(
      'ula-vs-link-local',
      'Unique local addresses are fc00::/7 (fc… and fd…) and route within a site; link-local addresses are fe80::/10 and never leave the link.',
    );
  }
  if (right !== 'global' && chosen === 'global') {
    return mistake(
      'special-as-global',
      `${text} is in ${row?.cidr} (${row?.name}, ${row?.rfc}), a special-purpose block: it is not a global unicast address.`,
    );
  }
  const near = nearest(
    p.address,
    offeredRows(p).filter((r) => r.category === chosen),
  );
  if (near !== undefined) {
    const { first, last } = rowBounds(near);
    return mistake(
      'outside-range',
      `${near.cidr} runs from ${formatAddress(bigIntToAddress(near.version, first))} to ${formatAddress(bigIntToAddress(near.version, last))}; ${text} is just outside it. Check the prefix length's boundary.`,
    );
  }
  return mistake(
    'wrong',
    `${text} is not ${LABELS[chosen] ?? 'that'}; compare its first bits with the blocks in the solution.`,
  );
}

export const SPECIAL_RANGES_FAMILY: Family = {
  id: ID,
  title: 'Special-purpose addresses',
  summary:
    'Tell private, CGNAT, loopback, link-local, documentation, multicast and unique-local addresses from global ones.',
  guide: GUIDES.specialRanges,
  generate,
  check(exercise, answers) {
    const p = specialRangesProblem(exercise.seed, levelOf(exercise.difficulty));
    return checkAnswers(exercise, answers, (field) => judge(p, field));
  },
};
