import { maxPrefix } from './address.ts';
import { networkFirst } from './network.ts';
import { networkBasics } from './network-basics.ts';
import { reverseDns } from './reverse-dns.ts';
import { classifyNetwork, isReservedNetwork, reachabilityOf } from './special-ranges.ts';
import type { AddressFlags, IpNetwork, NetworkDetails, SpecialMatch } from './types.ts';

export { addressClassOf, binaryView } from './network-basics.ts';

/** True if the network lies in the IPv4 block `v4` (uint32, prefix) or IPv6 block `v6` (top 16 bits, prefix). */
function within(network: IpNetwork, v4: readonly [number, number], v6: readonly [bigint, number]): boolean {
  const [value, prefix] = network.version === 4 ? [BigInt(v4[0]), v4[1]] : [v6[0] << 112n, v6[1]];
  const bits = maxPrefix(network.version);
  if (network.prefixLength < prefix) return false;
  return networkFirst(network) >> BigInt(bits - prefix) === value >> BigInt(bits - prefix);
}

/** Python-comparable flags: true when every address of the network has the property. */
export function addressFlags(network: IpNetwork, special: readonly SpecialMatch[], global: boolean): AddressFlags {
  const single = network.prefixLength === maxPrefix(network.version);
  const first = networkFirst(network);
  const isMulticast = within(network, [0xe0000000, 4], [0xff00n, 8]);
  const isShared = special.some((m) => m.relation !== 'contains' && m.range.category === 'shared');
  const notGlobal = !global && special.every((m) => m.relation !== 'contains' || m.range.globallyReachable !== true);
  return {
    // Like CPython ≥ 3.13: "not globally reachable per the registry", except shared space (100.64/10) and multicast.
    isPrivate: notGlobal && !isShared && !isMulticast && special.some((m) => m.relation !== 'contains'),
    isGlobal: global,
    isReserved: isReservedNetwork(network),
    isLoopback: network.version === 4 ? within(network, [0x7f000000, 8], [0n, 0]) : single && first === 1n,
    isLinkLocal: within(network, [0xa9fe0000, 16], [0xfe80n, 10]),
    isMulticast,
    isUnspecified: single && first === 0n,
  };
}

function classificationOf(network: IpNetwork, special: readonly SpecialMatch[]): string {
  const enclosing = special.find((m) => m.relation !== 'contains');
  if (enclosing) return enclosing.range.name;
  if (special.length > 0) return 'Contains special-purpose ranges';
  if (network.version === 6 && !within(network, [0, 0], [0x2000n, 3])) {
    return isReservedNetwork(network) ? 'Reserved by IETF' : 'Not global unicast (outside 2000::/3)';
  }
  return 'Global unicast';
}

/** Everything the calculator shows about a network (see {@link NetworkDetails}). */
export function networkDetails(network: IpNetwork): NetworkDetails {
  const special = classifyNetwork(network);
  const reachability = reachabilityOf(network);
  return {
    ...networkBasics(network),
    reverseDns: reverseDns(network),
    special,
    reachability,
    classification: classificationOf(network, special),
    flags: addressFlags(network, special, reachability === 'global'),
  };
}
