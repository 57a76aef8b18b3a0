/**
 * Relations between networks (containment, overlap, order) and supernets: what the lazily loaded modes (compare,
 * summarise, VLSM) use. Apart from network.ts so the subnet calculator's first download, which parses and describes
 * one network, does not carry them (bench/ip-size.ts).
 */
import { addressInPrefix, addressToBigInt, compareAddresses } from './address.ts';
import { ipError, ok } from './errors.ts';
import { formatNetwork, makeNetwork, networkFirst, networkLast } from './network.ts';
import type { IpAddress, IpNetwork, IpResult } from './types.ts';

/** Orders networks like CPython: version, then network address, then prefix length. */
export function compareNetworks(a: IpNetwork, b: IpNetwork): number {
  return compareAddresses(a.networkAddress, b.networkAddress) || a.prefixLength - b.prefixLength;
}

/** True if `address` is inside `network` (false across versions). */
export function containsAddress(network: IpNetwork, address: IpAddress): boolean {
  if (network.version !== address.version) return false;
  // Word by word, without bigints, on the library's own address objects; by value for plain objects.
  return addressInPrefix(network.networkAddress, address, network.prefixLength) ?? containsByValue(network, address);
}

/** The definition, first ≤ v ≤ last, for IPv6 addresses that are plain objects rather than the library's own. */
function containsByValue(network: IpNetwork, address: IpAddress): boolean {
  const v = addressToBigInt(address);
  return v >= networkFirst(network) && v <= networkLast(network);
}

/** True if the networks share at least one address (false across versions, like CPython). */
export function overlaps(a: IpNetwork, b: IpNetwork): boolean {
  if (a.version !== b.version) return false;
  return networkFirst(a) <= networkLast(b) && networkFirst(b) <= networkLast(a);
}

/** True if `a` lies inside `b` (equal counts). CPython raises TypeError across versions; this returns false. */
export function subnetOf(a: IpNetwork, b: IpNetwork): boolean {
  return a.version === b.version && a.prefixLength >= b.prefixLength && containsAddress(b, a.networkAddress);
}

/** True if `a` contains `b` (equal counts). */
export function supernetOf(a: IpNetwork, b: IpNetwork): boolean {
  return subnetOf(b, a);
}

/**
 * The enclosing network `prefixLenDiff` bits shorter (default 1), or at `newPrefix`. Unlike CPython, /0 has no
 * supernet and asking for one is an error rather than returning the /0 itself.
 */
export function supernet(
  network: IpNetwork,
  options: { readonly newPrefix?: number; readonly prefixLenDiff?: number } = {},
): IpResult<IpNetwork> {
  const cidr = formatNetwork(network);
  let target = network.prefixLength - (options.prefixLenDiff ?? 1);
  if (options.newPrefix !== undefined) {
    if (options.prefixLenDiff !== undefined) {
      return ipError('supernet-out-of-range', 'Give either a new prefix or a prefix difference, not both');
    }
    target = options.newPrefix;
  }
  if (!Number.isInteger(target) || target < 0 || target > network.prefixLength) {
    return ipError(
      'supernet-out-of-range',
      network.prefixLength === 0
        ? `${cidr} is already the whole IPv${network.version} address space; it has no supernet`
        : `A supernet of ${cidr} needs a prefix length from 0 to ${network.prefixLength}, not ${Number.isFinite(target) ? target : String(options.newPrefix ?? options.prefixLenDiff)}`,
    );
  }
  return ok(makeNetwork(network.networkAddress, target));
}
