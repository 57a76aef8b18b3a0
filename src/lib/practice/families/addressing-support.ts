/**
 * Shared pieces of the addressing families: IPv4 uint32 arithmetic and text (the numbers are generated here, so no
 * parsing is involved), binary lines for worked solutions, the guide sections they link to, and the subnet
 * calculator link built with the calculator's own URL codec so it opens preloaded with the problem's values.
 */
import { type CalculatorPreset, encodeState, resolvePreset } from '../../subnet-calculator/index.ts';
import { DIFFICULTIES, type Difficulty, type FieldVerdict, type PracticeLink } from '../types.ts';

/** The netmask of an IPv4 prefix as a uint32 (`2 ** n`, never `1 << n`, which wraps at /0). */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0;
}

/** Addresses in an IPv4 block of this prefix. */
export function sizeOf(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** The network address (uint32) of `address` under `prefix`. */
export function networkOf(address: number, prefix: number): number {
  return (address & maskOf(prefix)) >>> 0;
}

/** The last address (uint32) of the block of `address` under `prefix`. */
export function lastOf(address: number, prefix: number): number {
  return networkOf(address, prefix) + sizeOf(prefix) - 1;
}

/** Usable hosts of an IPv4 prefix: 2^h − 2, except /31 (2, RFC 3021) and /32 (1). */
export function usableOf(prefix: number): number {
  if (prefix === 32) return 1;
  if (prefix === 31) return 2;
  return sizeOf(prefix) - 2;
}

/** Dotted quad of a uint32. */
export function dotted(value: number): string {
  const v = value >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** `192.0.2.0/26` of a uint32 network and prefix. */
export function cidrText(network: number, prefix: number): string {
  return `${dotted(network)}/${prefix}`;
}

/** 32 bits grouped by octet: `11000000.10101000.00001010.01001101`. */
export function binary(value: number): string {
  const bits = (value >>> 0).toString(2).padStart(32, '0');
  return `${bits.slice(0, 8)}.${bits.slice(8, 16)}.${bits.slice(16, 24)}.${bits.slice(24)}`;
}

/** Aligned rows of a binary worked step: `label  bits  dotted`. */
export function binaryRows(rows: readonly (readonly [string, number])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${binary(value)}  ${dotted(value)}`).join('\n');
}

/** A number with grouped thousands (`16,777,214`). */
export function grouped(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/** The difficulty as given, or 1 for anything that is not 1, 2 or 3 (exercises may come from untrusted URLs). */
export function levelOf(difficulty: unknown): Difficulty {
  return DIFFICULTIES.includes(difficulty as Difficulty) ? (difficulty as Difficulty) : 1;
}

/** Guide sections the addressing families link to (Starlight heading slugs; a test checks each exists). */
export const GUIDES = {
  subnetDetails: {
    href: '/addressing/subnetting/#network-broadcast-and-usable-hosts',
    label: 'Subnetting: network, broadcast and usable hosts',
  },
  edgeCases: {
    href: '/addressing/subnetting/#the-edge-cases-31-and-32',
    label: 'Subnetting: the edge cases /31 and /32',
  },
  netmasks: { href: '/addressing/subnetting/#netmasks', label: 'Subnetting: netmasks' },
  plan: {
    href: '/addressing/subnetting/#worked-example-the-acme-inc-addressing-plan',
    label: 'Subnetting: the ACME Inc addressing plan',
  },
  vlsm: { href: '/addressing/subnetting/#vlsm-subnets-of-different-sizes', label: 'Subnetting: VLSM' },
  summarise: { href: '/addressing/subnetting/#summarising-routes', label: 'Subnetting: summarising routes' },
  ipv6Notation: {
    href: '/addressing/ip-addresses/#how-ipv6-addresses-are-written',
    label: 'IP addresses: how IPv6 addresses are written',
  },
  specialRanges: {
    href: '/addressing/public-private-nat/#other-special-purpose-ranges',
    label: 'Public and private addresses: special-purpose ranges',
  },
} as const satisfies Record<string, PracticeLink>;

/** Path of the subnet calculator page. */
export const CALCULATOR_PATH = '/playgrounds/subnet-calculator/';

/** The subnet calculator preloaded with `preset` (encoded by the calculator's own codec, so the link round-trips). */
export function calculatorLink(preset: CalculatorPreset, label = 'Open in the subnet calculator'): PracticeLink {
  const query = encodeState(resolvePreset(preset));
  return { href: query === '' ? CALCULATOR_PATH : `${CALCULATOR_PATH}?${query}`, label };
}

/** A named mistake as "the value you get by making it". */
export interface Slip<T> {
  readonly value: T;
  readonly code: string;
  readonly message: string;
}

/**
 * Right when `value` equals `expected`; otherwise the first slip (most specific first) whose value it equals, skipping
 * slips that coincide with the right answer; otherwise `wrong` with `wrongMessage`.
 */
export function judgeSlips<T>(
  value: T,
  expected: T,
  slips: readonly Slip<T>[],
  wrongMessage: string,
  same: (a: T, b: T) => boolean = Object.is,
): FieldVerdict {
  if (same(value, expected)) return { ok: true };
  for (const slip of slips) {
    if (same(slip.value, expected)) continue;
    if (same(value, slip.value)) return { ok: false, mistake: slip.code, message: slip.message };
  }
  return { ok: false, mistake: 'wrong', message: wrongMessage };
}
