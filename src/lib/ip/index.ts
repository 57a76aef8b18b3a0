/**
 * Public API of the IP library: parse and format IPv4/IPv6 addresses and networks, network details, special-purpose
 * classification, lazy subnetting, supernets, VLSM plans, collapsing and range summarising. Pure: no DOM, no Preact.
 * Everything that reads user input returns an {@link IpResult}; nothing here throws on user input.
 */

export {
  addressToBigInt,
  bigIntToAddress,
  compareAddresses,
  formatAddress,
  formatMask,
  isIpv4MappedAddress,
  parseAddress,
} from './address.ts';
export { collapseNetworks, parseNetworkList, parseRange, summarizeRange } from './collapse.ts';
export { addressClassOf, binaryView, networkDetails } from './details.ts';
export { quoteInput } from './errors.ts';
export {
  formatNetwork,
  hostmaskOf,
  hostRange,
  hosts,
  makeNetwork,
  netmaskOf,
  networkFirst,
  networkLast,
  networkSize,
  parseNetwork,
  prefixFromMask,
  usableRange,
} from './network.ts';
export { type NetworkBasics, networkBasics } from './network-basics.ts';
export { compareNetworks, containsAddress, overlaps, subnetOf, supernet, supernetOf } from './network-ops.ts';
export { reverseDns, reversePointer } from './reverse-dns.ts';
export { classifyNetwork, reachabilityOf, SPECIAL_RANGES } from './special-ranges.ts';
export { MAX_PAGE_SIZE, splitNetwork, subnets } from './subnets.ts';
export type * from './types.ts';
export { IP_ERROR_CODES, IP_WARNING_CODES, SPECIAL_CATEGORIES } from './types.ts';
export { planVlsm } from './vlsm.ts';
