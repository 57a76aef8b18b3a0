import {
  addressToBigInt,
  bigIntToAddress,
  compareAddresses,
  formatAddress,
  ipv4,
  parseAddress,
  wordsOf,
} from './address.ts';
import { ipError, MAX_INPUT_LENGTH, ok, quoteInput } from './errors.ts';
import { networkFirst, networkLast, parseNetwork } from './network.ts';
import type { AddressRange, IpAddress, IpNetwork, IpResult, IpVersion, Ipv6Address } from './types.ts';

/** Minimal CIDR blocks covering [first, last] exactly (integer bounds, inclusive). */
export function intervalToNetworks(version: IpVersion, first: bigint, last: bigint): IpNetwork[] {
  if (version === 4) return ipv4IntervalToNetworks(Number(first), Number(last));
  const out: IpNetwork[] = [];
  let cursor = first;
  while (cursor <= last) {
    // Largest block aligned at `cursor` (its trailing zero bits, read from the address's words) that does not pass
    // `last` (the bit length of what is left).
    const networkAddress = bigIntToAddress(6, cursor) as Ipv6Address;
    const size = Math.min(trailingZeros(networkAddress), bitLength(last - cursor + 1n) - 1);
    out.push({ version, networkAddress, prefixLength: 128 - size });
    cursor += POW2[size] as bigint;
  }
  return out;
}

const WORDS = /* @__PURE__ */ new Int32Array(4);

/** The number of trailing zero bits of an IPv6 address (128 for ::). */
function trailingZeros(address: Ipv6Address): number {
  wordsOf(address, WORDS);
  for (let k = 3; k >= 0; k--) {
    const word = WORDS[k] as number;
    if (word !== 0) return 32 * (3 - k) + 31 - Math.clz32(word & -word);
  }
  return 128;
}

/** The same for IPv4, in doubles (every value is below 2^33): no bigint per block. */
function ipv4IntervalToNetworks(first: number, last: number): IpNetwork[] {
  const out: IpNetwork[] = [];
  let cursor = first;
  while (cursor <= last) {
    // `cursor & -cursor` is the lowest set bit, also above 2^31, where both sides wrap to int32 alike.
    const alignment = cursor === 0 ? 32 : 31 - Math.clz32(cursor & -cursor);
    const count = last - cursor + 1;
    const span = count >= 2 ** 32 ? 32 : 31 - Math.clz32(count);
    const size = Math.min(alignment, span);
    out.push({ version: 4, networkAddress: ipv4(cursor), prefixLength: 32 - size });
    cursor += 2 ** size;
  }
  return out;
}

/** `POW2[k]` is 2^k as a bigint, 0 ≤ k ≤ 128. */
const POW2 = /* @__PURE__ */ Array.from({ length: 129 }, (_, k) => 1n << BigInt(k));

/**
 * The number of bits of a non-negative bigint below 2^129, without printing it in binary: exact in doubles below
 * 2^53; above, log2 of the nearest double, one lower when that double rounded up to the next power of two.
 */
function bitLength(x: bigint): number {
  if (x <= 0xffffffffn) return 32 - Math.clz32(Number(x));
  if (x <= 0x1fffffffffffffn) return 64 - Math.clz32(Math.floor(Number(x) / 2 ** 32));
  const floorLog2 = Math.floor(Math.log2(Number(x)));
  return x < (POW2[floorLog2] as bigint) ? floorLog2 : floorLog2 + 1;
}

/**
 * The minimal CIDR list covering exactly the addresses of all given networks (CPython's `collapse_addresses`).
 * IPv4 and IPv6 are collapsed separately and returned IPv4 first (CPython raises TypeError on a mix); each family is
 * sorted once by start and merged in one linear pass, so the blocks come out in order.
 */
export function collapseNetworks(networks: readonly IpNetwork[]): IpNetwork[] {
  const out: IpNetwork[] = [];
  collapseIpv4(networks, out);
  const intervals = networks
    .filter((n) => n.version === 6)
    .map((n) => [networkFirst(n), networkLast(n)] as [bigint, bigint])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let current: [bigint, bigint] | undefined;
  for (const iv of intervals) {
    if (current && iv[0] <= current[1] + 1n) {
      if (iv[1] > current[1]) current[1] = iv[1];
    } else {
      if (current) out.push(...intervalToNetworks(6, current[0], current[1]));
      current = [iv[0], iv[1]];
    }
  }
  if (current) out.push(...intervalToNetworks(6, current[0], current[1]));
  return out;
}

/**
 * IPv4 in doubles, no bigints: each network becomes one sort key `start · 64 + prefix` (below 2 ** 38, exact), a
 * Float64Array sorts those natively without a comparator, and one pass merges overlapping and adjacent blocks.
 */
function collapseIpv4(networks: readonly IpNetwork[], out: IpNetwork[]): void {
  let n = 0;
  for (const net of networks) if (net.version === 4) n++;
  if (n === 0) return;
  const keys = new Float64Array(n);
  let k = 0;
  for (const net of networks) {
    if (net.version === 4) keys[k++] = (net.networkAddress.value as number) * 64 + net.prefixLength;
  }
  keys.sort();
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    const prefix = key % 64;
    const start = (key - prefix) / 64;
    const end = start + 2 ** (32 - prefix) - 1;
    if (first >= 0 && start <= last + 1) {
      if (end > last) last = end;
    } else {
      if (first >= 0) ipv4Blocks(first, last, out);
      first = start;
      last = end;
    }
  }
  ipv4Blocks(first, last, out);
}

/** {@link intervalToNetworks} for IPv4 in doubles: each step takes the largest aligned block that fits. */
function ipv4Blocks(first: number, last: number, out: IpNetwork[]): void {
  let cursor = first;
  while (cursor <= last) {
    const c = cursor | 0;
    const alignment = cursor === 0 ? 32 : 31 - Math.clz32(c & -c);
    const count = last - cursor + 1;
    const span = count >= 2 ** 32 ? 32 : 31 - Math.clz32(count);
    const size = Math.min(alignment, span);
    out.push({ version: 4, networkAddress: ipv4(cursor), prefixLength: 32 - size });
    cursor += 2 ** size; // ≥ 1, so the loop advances and ends past `last`
  }
}

/** The minimal CIDR list covering exactly `first`…`last` (CPython's `summarize_address_range`). */
export function summarizeRange(first: IpAddress, last: IpAddress): IpResult<IpNetwork[]> {
  if (first.version !== last.version) {
    return ipError(
      'version-mismatch',
      `The range mixes IPv${first.version} (${formatAddress(first)}) and IPv${last.version} (${formatAddress(last)}); use two addresses of the same version`,
    );
  }
  // IPv4 in doubles, without a bigint.
  const v4 = first.version === 4;
  if (v4 ? first.value > (last.value as number) : compareAddresses(first, last) > 0) {
    return ipError(
      'range-reversed',
      `The range starts at ${formatAddress(first)}, after its end ${formatAddress(last)}; swap the two addresses`,
    );
  }
  return ok(
    v4
      ? ipv4IntervalToNetworks(first.value, last.value as number)
      : intervalToNetworks(6, addressToBigInt(first), addressToBigInt(last)),
  );
}

const RANGE_SEPARATOR = /[-–—]/;

/** Parses `start - end` (hyphen or en dash, spaces optional) into two addresses of one version, start ≤ end. */
export function parseRange(input: string): IpResult<AddressRange> {
  if (input.length > MAX_INPUT_LENGTH) {
    return ipError('too-long', `The input is ${input.length} characters long; a range is two addresses, so shorten it`);
  }
  const text = input.trim();
  if (text === '') return ipError('empty', 'Enter a range as start - end, e.g. 192.0.2.10 - 192.0.2.99');
  const parts = text.split(RANGE_SEPARATOR).map((p) => p.trim());
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return ipError(
      'range-syntax',
      `${quoteInput(input)} is not a range; write two addresses joined by '-', e.g. 192.0.2.10 - 192.0.2.99`,
    );
  }
  const first = parseAddress(parts[0] as string);
  if (!first.ok) return first;
  const last = parseAddress(parts[1] as string);
  if (!last.ok) return last;
  const check = summarizeRangeCheck(first.value, last.value);
  if (check) return check;
  return ok({ first: first.value, last: last.value });
}

function summarizeRangeCheck(first: IpAddress, last: IpAddress): IpResult<never> | undefined {
  const r = summarizeRange(first, last);
  if (!r.ok) return r;
  return undefined;
}

/**
 * Parses a list of networks and ranges, one per line or separated by commas or semicolons (`addr netmask` and
 * `start - end` entries allowed); errors name the entry. Ranges are expanded to their minimal CIDR blocks.
 */
export function parseNetworkList(input: string): IpResult<IpNetwork[]> {
  if (input.length > MAX_INPUT_LENGTH * 10) {
    return ipError(
      'too-long',
      `The list is ${input.length} characters long; paste at most ${MAX_INPUT_LENGTH * 10} characters`,
    );
  }
  const entries = input
    .split(/[\n\r,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return ipError('list-empty', 'Enter at least one network, e.g. 10.0.0.0/24, one per line');
  const out: IpNetwork[] = [];
  for (const [i, entry] of entries.entries()) {
    if (RANGE_SEPARATOR.test(entry)) {
      const range = parseRange(entry);
      if (!range.ok) return ipError(range.error.code, `Entry ${i + 1}: ${range.error.message}`);
      out.push(
        ...intervalToNetworks(
          range.value.first.version,
          addressToBigInt(range.value.first),
          addressToBigInt(range.value.last),
        ),
      );
      continue;
    }
    const parsed = parseNetwork(entry);
    if (!parsed.ok) return ipError(parsed.error.code, `Entry ${i + 1}: ${parsed.error.message}`);
    out.push(parsed.value.network);
  }
  return ok(out);
}
