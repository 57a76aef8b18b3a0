import { addressToBigInt, bigIntToAddress, maxPrefix } from './address.ts';
import { ipError, ok } from './errors.ts';
import { formatNetwork } from './network.ts';
import type { IpNetwork, IpResult, SubnetList } from './types.ts';

/** Most subnets one page returns, so a careless caller cannot allocate millions of objects. */
export const MAX_PAGE_SIZE = 10_000;

function subnetList(parent: IpNetwork, newPrefix: number, notes: readonly string[]): SubnetList {
  const bits = maxPrefix(parent.version);
  const count = 1n << BigInt(newPrefix - parent.prefixLength);
  const subnetSize = 1n << BigInt(bits - newPrefix);
  const base = addressToBigInt(parent.networkAddress);
  const at = (index: bigint): IpNetwork => ({
    version: parent.version,
    networkAddress: bigIntToAddress(parent.version, base + index * subnetSize),
    prefixLength: newPrefix,
  });
  return {
    parent,
    newPrefix,
    count,
    subnetSize,
    notes,
    subnetAt(index: bigint): IpNetwork | undefined {
      return index >= 0n && index < count ? at(index) : undefined;
    },
    subnetPage(start: bigint, size: number): readonly IpNetwork[] {
      const page: IpNetwork[] = [];
      const from = start < 0n ? 0n : start;
      const n = Number.isFinite(size) ? Math.max(0, Math.min(Math.floor(size), MAX_PAGE_SIZE)) : 0;
      for (let i = from; i < count && i < from + BigInt(n); i++) page.push(at(i));
      return page;
    },
    *[Symbol.iterator](): Iterator<IpNetwork> {
      for (let i = 0n; i < count; i++) yield at(i);
    },
  };
}

/**
 * The subnets of `network` at `newPrefix` (or `prefixLenDiff` bits longer, default 1), as a lazy list: splitting
 * 10.0.0.0/8 into /30s gives `count` 4,194,304 without allocating them; read them with `subnetAt` or `subnetPage`.
 */
export function subnets(
  network: IpNetwork,
  options: { readonly newPrefix?: number; readonly prefixLenDiff?: number } = {},
): IpResult<SubnetList> {
  const bits = maxPrefix(network.version);
  const newPrefix = options.newPrefix ?? network.prefixLength + (options.prefixLenDiff ?? 1);
  if (!Number.isInteger(newPrefix) || newPrefix < network.prefixLength || newPrefix > bits) {
    const shown = Number.isFinite(newPrefix) ? `/${newPrefix}` : String(newPrefix);
    return ipError(
      'new-prefix-out-of-range',
      network.prefixLength === bits
        ? `${formatNetwork(network)} is a single address and cannot be split further`
        : `New prefix ${shown} does not fit ${formatNetwork(network)}; choose a prefix from /${network.prefixLength} to /${bits}`,
    );
  }
  return ok(subnetList(network, newPrefix, []));
}

/**
 * Splits a network into `parts` equal subnets. A count that is not a power of two is rounded up to the next power
 * of two (with a note), because equal CIDR blocks only come in powers of two.
 */
export function splitNetwork(network: IpNetwork, parts: number | bigint): IpResult<SubnetList> {
  const bits = maxPrefix(network.version);
  const cidr = formatNetwork(network);
  if (typeof parts === 'number' && !Number.isSafeInteger(parts)) {
    return ipError(
      'split-count-invalid',
      `Split count ${String(parts)} is not a whole number; enter how many equal parts you want, e.g. 4`,
    );
  }
  const n = BigInt(parts);
  if (n < 1n) {
    return ipError('split-count-invalid', `Split count ${n} is too small; split ${cidr} into at least 1 part`);
  }
  const extraBits = (n - 1n).toString(2).length - (n === 1n ? 1 : 0);
  const rounded = 1n << BigInt(extraBits);
  const newPrefix = network.prefixLength + extraBits;
  if (newPrefix > bits) {
    const most = 1n << BigInt(bits - network.prefixLength);
    return ipError(
      'too-many-subnets',
      most === 1n
        ? `${cidr} is a single address, so it cannot be split into ${n} parts`
        : `${cidr} cannot be split into ${n} parts: it has ${most} addresses, so at most ${most} parts of one address each`,
    );
  }
  const notes =
    rounded === n
      ? []
      : [
          `${n} is not a power of two, so ${cidr} is split into ${rounded} equal /${newPrefix} subnets (the next power of two).`,
        ];
  return ok(subnetList(network, newPrefix, notes));
}
