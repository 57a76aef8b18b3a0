/**
 * Public types of the IP library. IPv4 values are uint32 `number`s (kept unsigned with `>>> 0`); IPv6 values are
 * `bigint`s. Counts (numAddresses, usable hosts, subnet counts) are `bigint` for both versions so callers never
 * branch on the version to do arithmetic.
 */

/** IP version numbers. */
export type IpVersion = 4 | 6;

/** An IPv4 address; `value` is the uint32 in host order (0 … 2**32 − 1). */
export interface Ipv4Address {
  readonly version: 4;
  readonly value: number;
}

/** An IPv6 address; `value` is the 128-bit integer; `zoneId` is the RFC 4007 zone (`fe80::1%eth0` → `eth0`). */
export interface Ipv6Address {
  readonly version: 6;
  readonly value: bigint;
  readonly zoneId?: string;
}

/** Either address family. */
export type IpAddress = Ipv4Address | Ipv6Address;

/** A network: the (masked) network address and its prefix length. Host bits of `networkAddress` are always zero. */
export interface IpNetwork {
  readonly version: IpVersion;
  readonly networkAddress: IpAddress;
  readonly prefixLength: number;
}

/** Every error code the library returns for bad user input (closed union, see {@link IpErrorCode}). */
export const IP_ERROR_CODES = [
  'empty',
  'too-long',
  'unexpected-character',
  'ipv4-octet-count',
  'ipv4-empty-octet',
  'ipv4-octet-not-decimal',
  'ipv4-octet-out-of-range',
  'ipv4-leading-zero',
  'ipv6-group-count',
  'ipv6-group-too-long',
  'ipv6-invalid-group',
  'ipv6-multiple-double-colon',
  'ipv6-stray-colon',
  'ipv6-invalid-embedded-ipv4',
  'zone-id-invalid',
  'prefix-invalid',
  'prefix-out-of-range',
  'mask-invalid',
  'mask-non-contiguous',
  'network-syntax',
  'version-mismatch',
  'new-prefix-out-of-range',
  'split-count-invalid',
  'too-many-subnets',
  'supernet-out-of-range',
  'range-syntax',
  'range-reversed',
  'list-empty',
  'vlsm-invalid-requirement',
  'vlsm-does-not-fit',
] as const;

/** Closed union of error codes. */
export type IpErrorCode = (typeof IP_ERROR_CODES)[number];

/** A user-input error: a code to branch on and a message that quotes the input and says what to do. */
export interface IpError {
  readonly code: IpErrorCode;
  readonly message: string;
}

/** Result of anything that reads user input. Never thrown. */
export type IpResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpError };

/** Codes of non-fatal notes attached to a successful parse. */
export const IP_WARNING_CODES = ['host-bits-set', 'wildcard-mask', 'zone-id'] as const;

/** Closed union of warning codes. */
export type IpWarningCode = (typeof IP_WARNING_CODES)[number];

/** A non-fatal note about how an input was read (e.g. host bits set, mask read as a wildcard). */
export interface IpWarning {
  readonly code: IpWarningCode;
  readonly message: string;
}

/** How the mask part of a network string was written. */
export type MaskForm = 'none' | 'prefix' | 'netmask' | 'hostmask';

/** A parsed network string: the network, the address as typed (interface address) and notes about the input. */
export interface ParsedNetwork {
  /** The network with host bits cleared. */
  readonly network: IpNetwork;
  /** The address exactly as typed (with host bits, and zone ID if any): Python's `ip_interface(...).ip`. */
  readonly interfaceAddress: IpAddress;
  /** True when the typed address had bits set below the prefix (`192.168.1.7/24`). */
  readonly hostBitsSet: boolean;
  /** How the mask was written. */
  readonly maskForm: MaskForm;
  /** Notes for the user (host bits set, wildcard mask read as such, zone ID kept). */
  readonly warnings: readonly IpWarning[];
}

/** Historical classful address class (RFC 791 / RFC 1112 / RFC 1166). */
export type AddressClass = 'A' | 'B' | 'C' | 'D' | 'E';

/** A registry flag: `true`/`false`, or `'n/a'` where the IANA registry says N/A. */
export type RegistryFlag = boolean | 'n/a';

/** One row of an IANA special-purpose address registry (or the multicast registry). */
export interface SpecialRange {
  /** The block, e.g. `'100.64.0.0/10'`. */
  readonly cidr: string;
  readonly version: IpVersion;
  /** Registry name, e.g. `'Shared Address Space'`. */
  readonly name: string;
  /** Short category used for grouping and for the "classification" badge. */
  readonly category: SpecialCategory;
  /** Defining RFC(s), e.g. `'RFC 6598'`. */
  readonly rfc: string;
  readonly source: RegistryFlag;
  readonly destination: RegistryFlag;
  readonly forwardable: RegistryFlag;
  readonly globallyReachable: RegistryFlag;
  readonly reservedByProtocol: RegistryFlag;
  /** Which registry the row comes from. */
  readonly registry: 'iana-ipv4-special-registry' | 'iana-ipv6-special-registry' | 'iana-multicast' | 'rfc';
}

/** Category names for special ranges. */
export const SPECIAL_CATEGORIES = [
  'this-network',
  'private',
  'shared',
  'loopback',
  'link-local',
  'documentation',
  'benchmarking',
  'multicast',
  'reserved',
  'limited-broadcast',
  'unspecified',
  'unique-local',
  'ietf-protocol',
  'translation',
  'tunnelling',
  'discard',
  'orchid',
  'as112',
  'amt',
  'segment-routing',
  'anycast',
] as const;

/** Closed union of special categories. */
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];

/**
 * How a network relates to a special range it touches. CIDR blocks either nest or are disjoint, so `overlaps` is
 * never produced by this library; it stays in the union for callers that label relations exhaustively.
 */
export type SpecialRelation = 'inside' | 'equal' | 'contains' | 'overlaps';

/** A special range touched by a network or address, and how. */
export interface SpecialMatch {
  readonly range: SpecialRange;
  /** `inside`: the network lies within the range; `contains`: the range lies within the network. */
  readonly relation: SpecialRelation;
}

/** Global reachability verdict for a network. */
export type Reachability = 'global' | 'not-global' | 'partly-global';

/** Reverse-DNS information for a network. */
export interface ReverseDns {
  /** PTR name of the network address (`1.0.0.10.in-addr.arpa`). */
  readonly pointer: string;
  /** Zone(s) covering the network on an octet (IPv4) or nibble (IPv6) boundary; several when the prefix is wider. */
  readonly zones: readonly string[];
  /** Total number of zones (may exceed `zones.length`, which is capped at 256). */
  readonly zoneCount: bigint;
  /** True when the prefix is not on an octet/nibble boundary. */
  readonly classless: boolean;
  /** Human explanation (RFC 2317 for IPv4 longer than /24, enclosing zones otherwise). */
  readonly note: string;
}

/** A binary rendering with the network/host boundary marked. */
export interface BinaryView {
  /** All bits grouped by octet (`.`) or 16-bit group (`:`). */
  readonly grouped: string;
  /** The same with `|` inserted at the prefix boundary. */
  readonly marked: string;
  /** Network bits only. */
  readonly networkBits: string;
  /** Host bits only. */
  readonly hostBits: string;
}

/** Python-comparable boolean flags (see README for where they differ from CPython). */
export interface AddressFlags {
  readonly isPrivate: boolean;
  readonly isGlobal: boolean;
  readonly isReserved: boolean;
  readonly isLoopback: boolean;
  readonly isLinkLocal: boolean;
  readonly isMulticast: boolean;
  readonly isUnspecified: boolean;
}

/** Usable host range of a network as addresses (what one row of a subnet table shows). */
export interface HostRange {
  readonly firstUsable: IpAddress;
  readonly lastUsable: IpAddress;
  readonly usableHosts: bigint;
  /** Last address of the block (Python's `broadcast_address`). */
  readonly lastAddress: IpAddress;
  /** IPv4 broadcast, only for prefixes ≤ /30; absent for /31, /32 and IPv6. */
  readonly broadcastAddress?: IpAddress;
}

/** Everything the calculator shows about one network. */
export interface NetworkDetails {
  readonly network: IpNetwork;
  readonly version: IpVersion;
  /** Canonical text, `10.0.0.0/8`, `2001:db8::/32`. */
  readonly cidr: string;
  readonly prefixLength: number;
  readonly networkAddress: IpAddress;
  /** Last address of the block (Python's `broadcast_address`; for IPv6 it is not a broadcast). */
  readonly lastAddress: IpAddress;
  /** IPv4 broadcast, only for prefixes ≤ /30 (RFC 3021 /31 and /32 have none; IPv6 has none). */
  readonly broadcastAddress?: IpAddress;
  readonly netmask: IpAddress;
  /** Wildcard / inverse mask. */
  readonly hostmask: IpAddress;
  readonly numAddresses: bigint;
  /** Number of addresses `hosts()` yields. */
  readonly usableHosts: bigint;
  readonly firstUsable: IpAddress;
  readonly lastUsable: IpAddress;
  /** Why the usable range is what it is (/31, /32, /127, /128, IPv6 Subnet-Router anycast). */
  readonly hostsNote: string;
  readonly binary: BinaryView;
  /** Network address as `0x0a000000` (32 or 128 bits, zero padded). */
  readonly hex: string;
  /** Network address as a decimal integer. */
  readonly integer: bigint;
  readonly reverseDns: ReverseDns;
  /** Classful class of the network address (IPv4 only). */
  readonly addressClass?: AddressClass;
  /** Every special range the network lies in, equals, contains or overlaps. */
  readonly special: readonly SpecialMatch[];
  /** `global` when no non-global special range touches it. */
  readonly reachability: Reachability;
  /** Short label: the most specific special range's name, or `Global unicast`. */
  readonly classification: string;
  readonly flags: AddressFlags;
}

/** A lazily enumerated list of equal-size subnets (never materialised). */
export interface SubnetList {
  readonly parent: IpNetwork;
  readonly newPrefix: number;
  /** Number of subnets, 2 ** (newPrefix − parent prefix). */
  readonly count: bigint;
  /** Addresses per subnet. */
  readonly subnetSize: bigint;
  /** Notes (e.g. split count rounded up to a power of two). */
  readonly notes: readonly string[];
  /** The subnet at `index` (0-based); `undefined` outside 0 … count − 1. */
  subnetAt(index: bigint): IpNetwork | undefined;
  /** Up to `count` subnets starting at `start` (clamped to the list; at most 10,000 per page). */
  subnetPage(start: bigint, count: number): readonly IpNetwork[];
  /** Iterates all subnets lazily. */
  [Symbol.iterator](): Iterator<IpNetwork>;
}

/** An inclusive address range. */
export interface AddressRange {
  readonly first: IpAddress;
  readonly last: IpAddress;
}

/** One named host requirement for a VLSM plan. */
export interface VlsmRequirement {
  readonly name: string;
  /** Usable host addresses needed (≥ 1). */
  readonly hosts: number;
}

/** One allocated subnet of a VLSM plan. */
export interface VlsmAllocation {
  readonly name: string;
  readonly requestedHosts: number;
  readonly network: IpNetwork;
  readonly usableHosts: bigint;
  /** Usable host addresses allocated but not requested. */
  readonly waste: bigint;
}

/** A VLSM plan: allocations largest-first, the free space left as a minimal CIDR list, and totals. */
export interface VlsmPlan {
  readonly parent: IpNetwork;
  readonly allocations: readonly VlsmAllocation[];
  readonly unused: readonly IpNetwork[];
  readonly unusedAddresses: bigint;
  readonly allocatedAddresses: bigint;
  /** Sum of per-subnet waste. */
  readonly wastedHosts: bigint;
}

/** Options for {@link VlsmPlan} building. */
export interface VlsmOptions {
  /** Allow /31 (IPv4) and /127 (IPv6) point-to-point subnets for requirements of 2 hosts or fewer (RFC 3021/6164). */
  readonly pointToPoint?: boolean;
}
