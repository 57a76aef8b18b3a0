import { addressToBigInt, bigIntToAddress, maxPrefix } from './address.ts';
import {
  formatNetwork,
  hostmaskOf,
  netmaskOf,
  networkFirst,
  networkLast,
  networkSize,
  usableRange,
} from './network.ts';
import { reverseDns } from './reverse-dns.ts';
import { classifyNetwork, isReservedNetwork, reachabilityOf } from './special-ranges.ts';
import type {
  AddressClass,
  AddressFlags,
  BinaryView,
  IpAddress,
  IpNetwork,
  NetworkDetails,
  SpecialMatch,
} from './types.ts';

/** Bits of the network address with the prefix boundary marked. */
export function binaryView(network: IpNetwork): BinaryView {
  const bits = maxPrefix(network.version);
  const raw = networkFirst(network).toString(2).padStart(bits, '0');
  const groupSize = network.version === 4 ? 8 : 16;
  const separator = network.version === 4 ? '.' : ':';
  let grouped = '';
  let marked = '';
  for (let i = 0; i < bits; i++) {
    if (i > 0 && i % groupSize === 0) {
      grouped += separator;
      marked += separator;
    }
    if (i === network.prefixLength && i > 0) marked += '|';
    grouped += raw[i];
    marked += raw[i];
  }
  if (network.prefixLength === bits) marked += '|';
  if (network.prefixLength === 0) marked = `|${marked}`;
  return {
    grouped,
    marked,
    networkBits: raw.slice(0, network.prefixLength),
    hostBits: raw.slice(network.prefixLength),
  };
}

/** Historical class by leading bits (RFC 791, RFC 1112): A 0…, B 10…, C 110…, D 1110… (multicast), E 1111…. */
export function addressClassOf(value: number): AddressClass {
  const top = value >>> 28;
  if (top < 8) return 'A';
  if (top < 12) return 'B';
  if (top < 14) return 'C';
  if (top === 14) return 'D';
  return 'E';
}

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

function hostsNote(network: IpNetwork): string {
  const hostBits = maxPrefix(network.version) - network.prefixLength;
  if (network.version === 4) {
    if (hostBits === 0) return 'A /32 is a single address (a host route): no network or broadcast address.';
    if (hostBits === 1) {
      return 'RFC 3021: on a /31 point-to-point link both addresses are usable; there is no network or broadcast address.';
    }
    return 'The first address names the network and the last is the broadcast, so neither is given to a host.';
  }
  if (hostBits === 0) return 'A /128 is a single address.';
  if (hostBits === 1) return 'RFC 6164: on a /127 inter-router link both addresses are usable.';
  return 'IPv6 has no broadcast. The first address is the Subnet-Router anycast address (RFC 4291 §2.6.1), so it is not counted as a host (as in Python’s hosts()); the last address is usable.';
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
  const { version, prefixLength } = network;
  const usable = usableRange(network);
  const special = classifyNetwork(network);
  const reachability = reachabilityOf(network);
  const first = networkFirst(network);
  const bits = maxPrefix(version);
  const details: NetworkDetails = {
    network,
    version,
    cidr: formatNetwork(network),
    prefixLength,
    networkAddress: network.networkAddress,
    lastAddress: bigIntToAddress(version, networkLast(network)),
    netmask: netmaskOf(version, prefixLength),
    hostmask: hostmaskOf(version, prefixLength),
    numAddresses: networkSize(network),
    usableHosts: usable.count,
    firstUsable: bigIntToAddress(version, usable.first),
    lastUsable: bigIntToAddress(version, usable.last),
    hostsNote: hostsNote(network),
    binary: binaryView(network),
    hex: `0x${first.toString(16).padStart(bits / 4, '0')}`,
    integer: addressToBigInt(network.networkAddress),
    reverseDns: reverseDns(network),
    special,
    reachability,
    classification: classificationOf(network, special),
    flags: addressFlags(network, special, reachability === 'global'),
  };
  const extra: { broadcastAddress?: IpAddress; addressClass?: AddressClass } = {};
  if (version === 4 && prefixLength <= 30) extra.broadcastAddress = details.lastAddress;
  if (network.networkAddress.version === 4) extra.addressClass = addressClassOf(network.networkAddress.value);
  return { ...details, ...extra };
}
