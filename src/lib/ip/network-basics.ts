/**
 * The part of a network's details that needs no special-purpose registry: addresses, masks, counts, binary, class
 * (not reverse DNS either). Its own module so the subnet calculator's first download leaves out the registry table
 * (special-ranges.ts), which it loads on first use (bench/ip-size.ts); {@link networkDetails} adds the classification.
 */
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
import type { AddressClass, BinaryView, IpAddress, IpNetwork, NetworkDetails } from './types.ts';

/** What {@link networkBasics} returns: the network details without the special-purpose classification. */
export type NetworkBasics = Omit<
  NetworkDetails,
  'special' | 'reachability' | 'classification' | 'flags' | 'reverseDns'
>;

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

/** The registry-free part of {@link NetworkDetails} (see {@link NetworkBasics}). */
export function networkBasics(network: IpNetwork): NetworkBasics {
  const { version, prefixLength } = network;
  const usable = usableRange(network);
  const first = networkFirst(network);
  const bits = maxPrefix(version);
  const lastAddress = bigIntToAddress(version, networkLast(network));
  const extra: { broadcastAddress?: IpAddress; addressClass?: AddressClass } = {};
  if (version === 4 && prefixLength <= 30) extra.broadcastAddress = lastAddress;
  if (network.networkAddress.version === 4) extra.addressClass = addressClassOf(network.networkAddress.value);
  return {
    network,
    version,
    cidr: formatNetwork(network),
    prefixLength,
    networkAddress: network.networkAddress,
    lastAddress,
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
    ...extra,
  };
}
