import { addressToBigInt, formatAddress } from './address.ts';
import { formatNetwork, makeNetwork, networkFirst } from './network.ts';
import type { IpAddress, IpNetwork, ReverseDns } from './types.ts';

/** Largest number of zones listed for a network wider than a zone boundary (the count is always exact). */
export const MAX_LISTED_ZONES = 256;

/** PTR owner name of an address: `1.2.0.192.in-addr.arpa` or the 32 reversed nibbles under `ip6.arpa`. */
export function reversePointer(address: IpAddress): string {
  if (address.version === 4) return `${formatAddress(address).split('.').reverse().join('.')}.in-addr.arpa`;
  return `${address.value.toString(16).padStart(32, '0').split('').reverse().join('.')}.ip6.arpa`;
}

/** Zone name for the first `labels` octets/nibbles of `value`. */
function zoneName(version: 4 | 6, value: bigint, labels: number): string {
  if (version === 4) {
    const octets = [24n, 16n, 8n, 0n].slice(0, labels).map((shift) => String((value >> shift) & 255n));
    return [...octets.reverse(), 'in-addr.arpa'].join('.');
  }
  const nibbles = value.toString(16).padStart(32, '0').slice(0, labels).split('');
  return [...nibbles.reverse(), 'ip6.arpa'].join('.');
}

/**
 * Reverse-DNS zones for a network. On an octet (IPv4) or nibble (IPv6) boundary there is exactly one zone. A shorter
 * prefix spans several zones at the next boundary (all listed, up to {@link MAX_LISTED_ZONES}); an IPv4 prefix longer
 * than /24 sits inside one /24 zone and needs RFC 2317 classless delegation.
 */
export function reverseDns(network: IpNetwork): ReverseDns {
  const { version, prefixLength } = network;
  const unit = version === 4 ? 8 : 4;
  const pointer = reversePointer(network.networkAddress);
  const unitName = version === 4 ? 'octet' : 'nibble';
  if (prefixLength % unit === 0) {
    const zone = zoneName(version, networkFirst(network), prefixLength / unit);
    return {
      pointer,
      zones: [zone],
      zoneCount: 1n,
      classless: false,
      note: `${formatNetwork(network)} is exactly the zone ${zone}.`,
    };
  }
  if (version === 4 && prefixLength > 24) {
    const zone = zoneName(4, networkFirst(network), 3);
    const last = addressToBigInt(network.networkAddress) & 255n;
    return {
      pointer,
      zones: [zone],
      zoneCount: 1n,
      classless: true,
      note: `/${prefixLength} is not on an octet boundary, so its PTR records live in ${zone}; to hand them to someone else, use RFC 2317 classless delegation (e.g. a child zone ${last}/${prefixLength}.${zone} with a CNAME per address).`,
    };
  }
  const boundary = Math.ceil(prefixLength / unit) * unit;
  const zoneCount = 1n << BigInt(boundary - prefixLength);
  const step = 1n << BigInt((version === 4 ? 32 : 128) - boundary);
  const zones: string[] = [];
  const first = networkFirst(makeNetwork(network.networkAddress, boundary));
  for (let i = 0n; i < zoneCount && i < BigInt(MAX_LISTED_ZONES); i++) {
    zones.push(zoneName(version, first + i * step, boundary / unit));
  }
  return {
    pointer,
    zones,
    zoneCount,
    classless: true,
    note: `/${prefixLength} is not on a${version === 4 ? 'n' : ''} ${unitName} boundary, so it spans ${zoneCount} reverse zones at /${boundary}.`,
  };
}
