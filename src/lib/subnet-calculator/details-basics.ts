/**
 * View model of the Details mode without the special-purpose classification: what the subnet calculator's first
 * download computes. The classification (`details-special.ts`, with the IANA registry table) is loaded on first use;
 * `details-view.ts` joins the two.
 */

// Direct module imports, not the lib's index: the index also pulls in collapse, subnets and VLSM, which only the
// lazily loaded modes use, and a bundler keeps a module's top-level tables once anything imports it (bench/ip-size.ts).
import { formatAddress, formatMask, isIpv4MappedAddress } from '../ip/address.ts';
import { formatNetwork, parseNetwork } from '../ip/network.ts';
import { type NetworkBasics, networkBasics } from '../ip/network-basics.ts';
import type { IpAddress, IpNetwork } from '../ip/types.ts';
import { formatCount, groupDigits, type LinkedNote, MAPPED_NOTATION_NOTE } from './format.ts';
import { fieldError, type ViewResult } from './view-result.ts';

/** One labelled value of the details list. */
export interface DetailRow {
  /** Stable key, also used in element ids. */
  readonly key: string;
  readonly label: string;
  /** What is shown. */
  readonly value: string;
  /** What the copy button copies (undefined: no copy button). */
  readonly copy?: string;
  /** A short explanation under the value. */
  readonly note?: string;
}

/** The binary form of the network address split at the prefix boundary, for a two-colour, separated rendering. */
export interface BinarySplit {
  /** Network bits with group separators (`11000000.10101000.00000001`). */
  readonly network: string;
  /** Separator between the last network bit and the first host bit when the boundary falls inside a group. */
  readonly joiner: string;
  /** Host bits with group separators (`00000000`). */
  readonly host: string;
  readonly networkBitCount: number;
  readonly hostBitCount: number;
  /** The plain grouped bits, for copying. */
  readonly copy: string;
}

/** Everything the Details mode renders except the classification (see `DetailsView`). */
export interface DetailsBasicView {
  readonly version: 4 | 6;
  readonly cidr: string;
  /** Set when the typed address had host bits set: both the interface and its network, in words. */
  readonly hostBitsWarning?: string;
  /** Other notes about how the input was read (wildcard mask, zone ID). */
  readonly notes: readonly string[];
  readonly rows: readonly DetailRow[];
  readonly binary: BinarySplit;
  /** Set when an address shown is IPv4-mapped: which text rule is followed, with its RFC link. */
  readonly mappedNote?: LinkedNote;
}

/** The basic view and the parsed network, which the classification is computed from. */
export interface DetailsBasics {
  readonly view: DetailsBasicView;
  readonly network: IpNetwork;
}

/** Parses the Details input and builds the basic view; a parse error is returned for the `network` field. */
export function detailsBasicView(input: string): ViewResult<DetailsBasics> {
  const parsed = parseNetwork(input);
  if (!parsed.ok) return { ok: false, errors: [fieldError('network', parsed.error)] };
  const { network, interfaceAddress, hostBitsSet, warnings } = parsed.value;
  const d = networkBasics(network);
  const ip = (address: IpAddress) => formatAddress(address);
  const rows: DetailRow[] = [];
  const add = (key: string, label: string, value: string, copy: string | undefined = value, note?: string) => {
    const row: DetailRow = { key, label, value, ...(copy === undefined ? {} : { copy }), ...(note ? { note } : {}) };
    rows.push(row);
  };
  add('cidr', 'Network (CIDR)', d.cidr);
  if (hostBitsSet) {
    const iface = `${ip(interfaceAddress)}/${d.prefixLength}`;
    add('interface', 'Interface address', iface, iface, 'The address as typed; its host bits are not zero.');
  }
  add('network', 'Network address', ip(d.networkAddress));
  if (d.version === 4) {
    if (d.broadcastAddress) add('broadcast', 'Broadcast address', ip(d.broadcastAddress));
    else add('broadcast', 'Broadcast address', 'None', undefined, `A /${d.prefixLength} has no broadcast address.`);
  } else {
    add('last', 'Last address', ip(d.lastAddress), ip(d.lastAddress), 'IPv6 has no broadcast address.');
  }
  add('first-usable', 'First usable', ip(d.firstUsable));
  add('last-usable', 'Last usable', ip(d.lastUsable));
  add('total', 'Total addresses', formatCount(d.numAddresses), d.numAddresses.toString());
  add('usable', 'Usable hosts', formatCount(d.usableHosts), d.usableHosts.toString(), d.hostsNote || undefined);
  add('prefix', 'Prefix length', `/${d.prefixLength}`);
  // Masks are never written in IPv4-mapped notation: a /80's wildcard is ::ffff:ffff:ffff, not ::ffff:255.255.255.255.
  add('netmask', 'Netmask', formatMask(d.netmask));
  add('wildcard', 'Wildcard mask', formatMask(d.hostmask));
  if (d.version === 6) add('expanded', 'Expanded', formatAddress(d.networkAddress, 'exploded'));
  add('hex', 'Hexadecimal', d.hex);
  add('integer', 'Integer', groupDigits(d.integer), d.integer.toString());
  // Filled in with the classification (details-special.ts), which also loads the reverse-DNS code.
  rows.push({ key: 'reverse', label: 'Reverse-DNS zone', value: '…' });
  if (d.addressClass) add('class', 'Class', classText(d.addressClass), d.addressClass);
  const view: DetailsBasicView = {
    version: d.version,
    cidr: d.cidr,
    notes: warnings.filter((w) => w.code !== 'host-bits-set').map((w) => w.message),
    rows,
    binary: binarySplit(d),
    ...([interfaceAddress, d.networkAddress, d.lastAddress].some(isIpv4MappedAddress)
      ? { mappedNote: MAPPED_NOTATION_NOTE }
      : {}),
  };
  if (hostBitsSet) {
    const hostBits = warnings.find((w) => w.code === 'host-bits-set');
    const hostBitsWarning =
      hostBits?.message ??
      `${ip(interfaceAddress)}/${d.prefixLength} has host bits set — the network is ${formatNetwork(network)}`;
    return { ok: true, value: { view: { ...view, hostBitsWarning }, network } };
  }
  return { ok: true, value: { view, network } };
}

function classText(addressClass: NonNullable<NetworkBasics['addressClass']>): string {
  const meaning = { A: '0–127', B: '128–191', C: '192–223', D: '224–239, multicast', E: '240–255, reserved' }[
    addressClass
  ];
  return `${addressClass} (first octet ${meaning}; classful addressing is historical)`;
}

/** Splits the lib's marked binary (`…00000001.|00000000`) at `|`; a group separator at the boundary goes between. */
export function binarySplit(d: Pick<NetworkBasics, 'binary' | 'prefixLength' | 'version'>): BinarySplit {
  const bar = d.binary.marked.indexOf('|');
  let network = bar < 0 ? d.binary.marked : d.binary.marked.slice(0, bar);
  const host = bar < 0 ? '' : d.binary.marked.slice(bar + 1);
  let joiner = '';
  if (network.endsWith('.') || network.endsWith(':')) {
    joiner = network.slice(-1);
    network = network.slice(0, -1);
  }
  return {
    network,
    joiner,
    host,
    networkBitCount: d.prefixLength,
    hostBitCount: (d.version === 4 ? 32 : 128) - d.prefixLength,
    copy: d.binary.grouped,
  };
}
