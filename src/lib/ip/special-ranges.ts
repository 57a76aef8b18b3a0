/**
 * Special-purpose address blocks, one row per entry of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/, .../iana-ipv6-special-registry/, RFC 6890 as
 * updated by RFC 8190), plus the two multicast blocks, which IANA keeps in their own registries (RFC 5771, RFC 4291).
 * Flags are copied from the registries: `'n/a'` where the registry says N/A (6to4, Teredo, the deprecated rows).
 */
import { networkFirst, networkLast, networkSize, parseNetwork } from './network.ts';
import type { IpNetwork, Reachability, RegistryFlag, SpecialCategory, SpecialMatch, SpecialRange } from './types.ts';

type Row = readonly [
  cidr: string,
  name: string,
  category: SpecialCategory,
  rfc: string,
  source: RegistryFlag,
  destination: RegistryFlag,
  forwardable: RegistryFlag,
  globallyReachable: RegistryFlag,
  reservedByProtocol: RegistryFlag,
];

const T = true;
const F = false;
const NA = 'n/a';

// IANA IPv4 Special-Purpose Address Registry (columns: Source, Destination, Forwardable, Globally Reachable,
// Reserved-by-Protocol).
const IPV4_ROWS: readonly Row[] = [
  ['0.0.0.0/8', '"This network"', 'this-network', 'RFC 791 §3.2', T, F, F, F, T],
  ['0.0.0.0/32', '"This host on this network"', 'this-network', 'RFC 1122 §3.2.1.3', T, F, F, F, T],
  ['10.0.0.0/8', 'Private-Use', 'private', 'RFC 1918', T, T, T, F, F],
  ['100.64.0.0/10', 'Shared Address Space', 'shared', 'RFC 6598', T, T, T, F, F],
  ['127.0.0.0/8', 'Loopback', 'loopback', 'RFC 1122 §3.2.1.3', F, F, F, F, T],
  ['169.254.0.0/16', 'Link Local', 'link-local', 'RFC 3927', T, T, F, F, T],
  ['172.16.0.0/12', 'Private-Use', 'private', 'RFC 1918', T, T, T, F, F],
  ['192.0.0.0/24', 'IETF Protocol Assignments', 'ietf-protocol', 'RFC 6890 §2.1', F, F, F, F, F],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix (DS-Lite)', 'translation', 'RFC 7335, RFC 6333', T, T, T, F, F],
  ['192.0.0.8/32', 'IPv4 dummy address', 'ietf-protocol', 'RFC 7600', T, F, F, F, F],
  ['192.0.0.9/32', 'Port Control Protocol Anycast', 'anycast', 'RFC 7723', T, T, T, T, F],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'anycast', 'RFC 8155', T, T, T, T, F],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery', 'translation', 'RFC 8880, RFC 7050 §2.2', F, F, F, F, T],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery', 'translation', 'RFC 8880, RFC 7050 §2.2', F, F, F, F, T],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)', 'documentation', 'RFC 5737', F, F, F, F, F],
  ['192.31.196.0/24', 'AS112-v4', 'as112', 'RFC 7535', T, T, T, T, F],
  ['192.52.193.0/24', 'AMT', 'amt', 'RFC 7450', T, T, T, T, F],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'tunnelling', 'RFC 7526', NA, NA, NA, NA, NA],
  ['192.88.99.2/32', '6a44-relay anycast address', 'tunnelling', 'RFC 6751', T, T, T, F, F],
  ['192.168.0.0/16', 'Private-Use', 'private', 'RFC 1918', T, T, T, F, F],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service', 'as112', 'RFC 7534', T, T, T, T, F],
  ['198.18.0.0/15', 'Benchmarking', 'benchmarking', 'RFC 2544', T, T, T, F, F],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)', 'documentation', 'RFC 5737', F, F, F, F, F],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)', 'documentation', 'RFC 5737', F, F, F, F, F],
  ['240.0.0.0/4', 'Reserved', 'reserved', 'RFC 1112 §4', F, F, F, F, T],
  ['255.255.255.255/32', 'Limited Broadcast', 'limited-broadcast', 'RFC 8190, RFC 919 §7', F, T, F, F, T],
];

// IANA IPv6 Special-Purpose Address Registry.
const IPV6_ROWS: readonly Row[] = [
  ['::1/128', 'Loopback Address', 'loopback', 'RFC 4291', F, F, F, F, T],
  ['::/128', 'Unspecified Address', 'unspecified', 'RFC 4291', T, F, F, F, T],
  ['::ffff:0:0/96', 'IPv4-mapped Address', 'translation', 'RFC 4291', F, F, F, F, T],
  ['64:ff9b::/96', 'IPv4-IPv6 Translat.', 'translation', 'RFC 6052', T, T, T, T, F],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', 'translation', 'RFC 8215', T, T, T, F, F],
  ['100::/64', 'Discard-Only Address Block', 'discard', 'RFC 6666', T, T, T, F, F],
  ['100:0:0:1::/64', 'Dummy IPv6 Prefix', 'ietf-protocol', 'RFC 9780', T, F, F, F, F],
  ['2001::/23', 'IETF Protocol Assignments', 'ietf-protocol', 'RFC 2928', F, F, F, F, F],
  ['2001::/32', 'TEREDO', 'tunnelling', 'RFC 4380, RFC 8190', T, T, T, NA, F],
  ['2001:1::1/128', 'Port Control Protocol Anycast', 'anycast', 'RFC 7723', T, T, T, T, F],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'anycast', 'RFC 8155', T, T, T, T, F],
  ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'anycast', 'RFC 9665', T, T, T, T, F],
  ['2001:2::/48', 'Benchmarking', 'benchmarking', 'RFC 5180', T, T, T, F, F],
  ['2001:3::/32', 'AMT', 'amt', 'RFC 7450', T, T, T, T, F],
  ['2001:4:112::/48', 'AS112-v6', 'as112', 'RFC 7535', T, T, T, T, F],
  ['2001:10::/28', 'Deprecated (previously ORCHID)', 'orchid', 'RFC 4843', NA, NA, NA, NA, NA],
  ['2001:20::/28', 'ORCHIDv2', 'orchid', 'RFC 7343', T, T, T, T, F],
  ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', 'orchid', 'RFC 9374', T, T, T, T, F],
  ['2001:db8::/32', 'Documentation', 'documentation', 'RFC 3849', F, F, F, F, F],
  ['2002::/16', '6to4', 'tunnelling', 'RFC 3056', T, T, T, NA, F],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'as112', 'RFC 7534', T, T, T, T, F],
  ['3fff::/20', 'Documentation', 'documentation', 'RFC 9637', F, F, F, F, F],
  ['5f00::/16', 'Segment Routing (SRv6) SIDs', 'segment-routing', 'RFC 9602', T, T, T, F, F],
  ['fc00::/7', 'Unique-Local', 'unique-local', 'RFC 4193, RFC 8190', T, T, T, F, F],
  ['fe80::/10', 'Link-Local Unicast', 'link-local', 'RFC 4291', T, T, F, F, T],
];

// Multicast has its own registries; whether a group is reachable depends on its scope, hence N/A.
const MULTICAST_ROWS: readonly Row[] = [
  ['224.0.0.0/4', 'Multicast', 'multicast', 'RFC 5771', F, T, NA, NA, F],
  ['ff00::/8', 'Multicast', 'multicast', 'RFC 4291 §2.7', F, T, NA, NA, F],
];

function toRange(row: Row, registry: SpecialRange['registry']): SpecialRange {
  const [cidr, name, category, rfc, source, destination, forwardable, globallyReachable, reservedByProtocol] = row;
  return {
    cidr,
    version: cidr.includes(':') ? 6 : 4,
    name,
    category,
    rfc,
    source,
    destination,
    forwardable,
    globallyReachable,
    reservedByProtocol,
    registry,
  };
}

/** All special-purpose ranges (IPv4 registry, IPv6 registry, then multicast), in registry order. */
export const SPECIAL_RANGES: readonly SpecialRange[] = [
  ...IPV4_ROWS.map((r) => toRange(r, 'iana-ipv4-special-registry')),
  ...IPV6_ROWS.map((r) => toRange(r, 'iana-ipv6-special-registry')),
  ...MULTICAST_ROWS.map((r) => toRange(r, 'iana-multicast')),
];

interface Compiled {
  readonly range: SpecialRange;
  readonly network: IpNetwork;
  readonly first: bigint;
  readonly last: bigint;
}

function compile(cidr: string): IpNetwork {
  const parsed = parseNetwork(cidr);
  if (!parsed.ok || parsed.value.hostBitsSet) throw new Error(`bad special range ${cidr}`, { cause: parsed });
  return parsed.value.network;
}

let compiled: readonly Compiled[] | undefined;

/** The table with parsed networks, built on first use (module init order stays simple). */
function table(): readonly Compiled[] {
  compiled ??= SPECIAL_RANGES.map((range) => {
    const network = compile(range.cidr);
    return { range, network, first: networkFirst(network), last: networkLast(network) };
  });
  return compiled;
}

/**
 * Every special range the network touches: ranges it lies in (`inside`/`equal`, most specific first), then ranges it
 * contains (`contains`, in address order). CIDR blocks either nest or are disjoint, so there is no partial overlap.
 */
export function classifyNetwork(network: IpNetwork): readonly SpecialMatch[] {
  const first = networkFirst(network);
  const last = networkLast(network);
  const around: Compiled[] = [];
  const inside: Compiled[] = [];
  for (const c of table()) {
    if (c.network.version !== network.version || c.last < first || c.first > last) continue;
    if (c.first <= first && c.last >= last) around.push(c);
    else inside.push(c);
  }
  around.sort((a, b) => b.network.prefixLength - a.network.prefixLength);
  inside.sort((a, b) =>
    a.first < b.first ? -1 : a.first > b.first ? 1 : a.network.prefixLength - b.network.prefixLength,
  );
  return [
    ...around.map(
      (c): SpecialMatch => ({
        range: c.range,
        relation: c.network.prefixLength === network.prefixLength ? 'equal' : 'inside',
      }),
    ),
    ...inside.map((c): SpecialMatch => ({ range: c.range, relation: 'contains' })),
  ];
}

const isGlobalFlag = (flag: RegistryFlag): boolean => flag === true;

/** Reachability of [first, last] when the innermost enclosing range says `base` (true = global). */
function reach(first: bigint, last: bigint, base: boolean, version: 4 | 6): Reachability {
  // Maximal ranges strictly inside [first, last]: each one decides its own part, recursively.
  const inner = table()
    .filter(
      (c) =>
        c.network.version === version && c.first >= first && c.last <= last && !(c.first === first && c.last === last),
    )
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.network.prefixLength - b.network.prefixLength));
  let covered = 0n;
  let end = first - 1n;
  let sawGlobal = false;
  let sawLocal = false;
  for (const c of inner) {
    if (c.last <= end) continue; // nested in a range already handled
    end = c.last;
    covered += c.last - c.first + 1n;
    const r = reach(c.first, c.last, isGlobalFlag(c.range.globallyReachable), version);
    if (r === 'partly-global') return r;
    if (r === 'global') sawGlobal = true;
    else sawLocal = true;
  }
  if (covered < last - first + 1n) {
    if (base) sawGlobal = true;
    else sawLocal = true;
  }
  return sawGlobal && sawLocal ? 'partly-global' : sawGlobal ? 'global' : 'not-global';
}

/**
 * Whether the network's addresses are globally reachable: each address follows the most specific registry row
 * containing it (`Globally Reachable`; N/A and multicast count as not global); addresses in no row are global.
 */
export function reachabilityOf(network: IpNetwork): Reachability {
  const first = networkFirst(network);
  const last = networkLast(network);
  let base = true;
  let bestPrefix = -1;
  for (const c of table()) {
    if (
      c.network.version === network.version &&
      c.first <= first &&
      c.last >= last &&
      c.network.prefixLength > bestPrefix
    ) {
      bestPrefix = c.network.prefixLength;
      base = isGlobalFlag(c.range.globallyReachable);
    }
  }
  return reach(first, last, base, network.version);
}

/** Python-compatible "IETF reserved" blocks (IPv4 240/4; IPv6 unassigned blocks of the IPv6 address space). */
const RESERVED_CIDRS = [
  '240.0.0.0/4',
  '::/8',
  '100::/8',
  '200::/7',
  '400::/6',
  '800::/5',
  '1000::/4',
  '4000::/3',
  '6000::/3',
  '8000::/3',
  'a000::/3',
  'c000::/3',
  'e000::/4',
  'f000::/5',
  'f800::/6',
  'fe00::/9',
] as const;

let reservedIntervals: { version: number; first: bigint; last: bigint }[] | undefined;

/** True when every address of the network is in the IETF-reserved blocks (contiguous blocks merged). */
export function isReservedNetwork(network: IpNetwork): boolean {
  if (reservedIntervals === undefined) {
    const merged: { version: number; first: bigint; last: bigint }[] = [];
    for (const cidr of RESERVED_CIDRS) {
      const n = compile(cidr);
      const prev = merged.at(-1);
      if (prev && prev.version === n.version && prev.last + 1n === networkFirst(n)) prev.last = networkLast(n);
      else merged.push({ version: n.version, first: networkFirst(n), last: networkLast(n) });
    }
    reservedIntervals = merged;
  }
  const first = networkFirst(network);
  const last = first + networkSize(network) - 1n;
  return reservedIntervals.some((r) => r.version === network.version && r.first <= first && r.last >= last);
}
