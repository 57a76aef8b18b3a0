import {
  addressInPrefix,
  addressToBigInt,
  bigIntToAddress,
  compareAddresses,
  formatAddress,
  ipv4,
  ipv6,
  maxPrefix,
  parseAddressText,
  parseIpv4,
} from './address.ts';
import { ipError, MAX_INPUT_LENGTH, ok, quoteInput } from './errors.ts';
import type {
  HostRange,
  IpAddress,
  IpNetwork,
  IpResult,
  IpVersion,
  IpWarning,
  MaskForm,
  ParsedNetwork,
} from './types.ts';

// IPv6 sizes and masks per prefix length, built once: bigint shifts allocate, and these sit on hot paths.
const IPV6_SIZE: readonly bigint[] = Array.from({ length: 129 }, (_, p) => 1n << BigInt(128 - p));
const IPV6_HOSTMASK: readonly bigint[] = IPV6_SIZE.map((size) => size - 1n);
const IPV6_NETMASK: readonly bigint[] = IPV6_HOSTMASK.map((hostmask) => ((1n << 128n) - 1n) ^ hostmask);

/** The netmask of a prefix as an address (`/24` → 255.255.255.0). */
export function netmaskOf(version: IpVersion, prefixLength: number): IpAddress {
  if (version === 4) return ipv4((2 ** 32 - 2 ** (32 - prefixLength)) >>> 0);
  const cached = IPV6_NETMASK[prefixLength];
  return ipv6(cached ?? ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefixLength)) - 1n));
}

/** The hostmask (wildcard) of a prefix as an address (`/24` → 0.0.0.255). */
export function hostmaskOf(version: IpVersion, prefixLength: number): IpAddress {
  if (version === 4) return ipv4(2 ** (32 - prefixLength) - 1);
  return ipv6(IPV6_HOSTMASK[prefixLength] ?? (1n << BigInt(128 - prefixLength)) - 1n);
}

/** The network of `prefixLength` containing `address` (host bits cleared, zone ID dropped). */
export function makeNetwork(address: IpAddress, prefixLength: number): IpNetwork {
  const max = maxPrefix(address.version);
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > max) {
    throw new RangeError(`prefix length ${prefixLength} out of range for IPv${address.version}`);
  }
  if (address.version === 4) {
    const mask = netmaskOf(4, prefixLength).value as number;
    return { version: 4, networkAddress: ipv4((address.value & mask) >>> 0), prefixLength };
  }
  const hostBits = IPV6_HOSTMASK[prefixLength] as bigint; // prefixLength checked above
  return { version: 6, networkAddress: ipv6(address.value & ~hostBits), prefixLength };
}

/** Number of addresses in the network, 2 ** (bits − prefix). */
export function networkSize(network: IpNetwork): bigint {
  if (network.version === 6) {
    const cached = IPV6_SIZE[network.prefixLength];
    if (cached !== undefined) return cached;
  }
  return 1n << BigInt(maxPrefix(network.version) - network.prefixLength);
}

/** Integer value of the first address. */
export function networkFirst(network: IpNetwork): bigint {
  return addressToBigInt(network.networkAddress);
}

/** Integer value of the last address. */
export function networkLast(network: IpNetwork): bigint {
  return networkFirst(network) + networkSize(network) - 1n;
}

/** `10.0.0.0/8`, with the address `compressed` (default) or `exploded`. */
export function formatNetwork(network: IpNetwork, form: 'compressed' | 'exploded' = 'compressed'): string {
  return `${formatAddress(network.networkAddress, form)}/${network.prefixLength}`;
}

/** Orders networks like CPython: version, then network address, then prefix length. */
export function compareNetworks(a: IpNetwork, b: IpNetwork): number {
  return compareAddresses(a.networkAddress, b.networkAddress) || a.prefixLength - b.prefixLength;
}

/** Prefix length of a contiguous mask (netmask first, then hostmask like CPython), or undefined if neither. */
export function prefixFromMask(mask: IpAddress): { prefixLength: number; form: 'netmask' | 'hostmask' } | undefined {
  const bits = maxPrefix(mask.version);
  const all = (1n << BigInt(bits)) - 1n;
  const value = addressToBigInt(mask);
  const asNetmask = prefixOfNetmask(value, bits);
  if (asNetmask !== undefined) return { prefixLength: asNetmask, form: 'netmask' };
  const asHostmask = prefixOfNetmask(value ^ all, bits);
  if (asHostmask !== undefined) return { prefixLength: asHostmask, form: 'hostmask' };
  return undefined;
}

function prefixOfNetmask(value: bigint, bits: number): number | undefined {
  // A netmask is ones then zeros: its inverse plus one is a power of two.
  const inverse = ((1n << BigInt(bits)) - 1n) ^ value;
  if ((inverse & (inverse + 1n)) !== 0n) return undefined;
  return bits - inverse.toString(2).replace(/^0+$/, '').length;
}

const ALL_DIGITS = /^[0-9]+$/;

function parseMask(
  address: IpAddress,
  maskText: string,
  input: string,
): IpResult<{ prefixLength: number; form: MaskForm }> {
  const max = maxPrefix(address.version);
  if (ALL_DIGITS.test(maskText)) {
    const prefixLength = maskText.length > 3 ? Number.POSITIVE_INFINITY : Number.parseInt(maskText, 10);
    if (prefixLength > max) {
      return ipError(
        'prefix-out-of-range',
        `Prefix length ${maskText.length > 12 ? quoteInput(maskText, 12) : maskText} is out of range in ${quoteInput(input)}; IPv${address.version} prefixes are 0–${max}`,
      );
    }
    return ok({ prefixLength, form: 'prefix' });
  }
  if (address.version === 6) {
    return ipError(
      'mask-invalid',
      `${quoteInput(input)} has ${quoteInput(maskText, 20)} after '/'; IPv6 networks take a prefix length 0–128, e.g. 2001:db8::/32`,
    );
  }
  if (!maskText.includes('.')) {
    return ipError(
      'prefix-invalid',
      `${quoteInput(input)} has ${quoteInput(maskText, 20)} after '/'; write a prefix length 0–32 (e.g. /24) or a netmask (e.g. 255.255.255.0)`,
    );
  }
  const mask = parseIpv4(maskText);
  if (!mask.ok) {
    return ipError(
      'mask-invalid',
      `The mask in ${quoteInput(input)} is not a valid dotted quad: ${mask.error.message}`,
    );
  }
  const prefix = prefixFromMask(mask.value);
  if (prefix === undefined) {
    return ipError(
      'mask-non-contiguous',
      `The mask ${quoteInput(maskText)} in ${quoteInput(input)} is not contiguous; a netmask is ones followed by zeros (e.g. 255.255.255.0 = /24) and a wildcard mask is zeros followed by ones (e.g. 0.0.0.255)`,
    );
  }
  return ok(prefix);
}

/**
 * Parses `addr/prefix`, `addr/netmask`, `addr netmask`, `addr/wildcard` (when it is not also a netmask) or a bare
 * address (→ /32 or /128). Host bits are not silently dropped: the result carries the interface address, a
 * `hostBitsSet` flag and a warning naming the network.
 */
export function parseNetwork(input: string): IpResult<ParsedNetwork> {
  if (input.length > MAX_INPUT_LENGTH) {
    return ipError('too-long', `The input is ${input.length} characters long; a network is at most 49, so shorten it`);
  }
  const text = input.trim();
  if (text === '') return ipError('empty', 'Enter a network, e.g. 192.168.1.0/24, 10.0.0.0 255.0.0.0 or 2001:db8::/32');
  // Split on '/' first and trim the pieces (no regex over whitespace runs, so long inputs stay linear).
  const pieces = text.split('/');
  let addressText: string;
  let maskText: string | undefined;
  if (pieces.length > 2) {
    return ipError(
      'network-syntax',
      `${quoteInput(input)} has more than one '/'; write address/prefix, e.g. 10.0.0.0/8`,
    );
  }
  if (pieces.length === 2) {
    addressText = (pieces[0] as string).trim();
    maskText = (pieces[1] as string).trim();
    if (/\s/.test(addressText) || /\s/.test(maskText)) {
      return ipError(
        'network-syntax',
        `${quoteInput(input)} mixes '/' with a space-separated part; write address/prefix (10.0.0.0/8) or address netmask (10.0.0.0 255.0.0.0)`,
      );
    }
    if (maskText === '') {
      return ipError('network-syntax', `${quoteInput(input)} has nothing after '/'; add a prefix length, e.g. /24`);
    }
  } else {
    const tokens = text.split(/\s+/);
    if (tokens.length > 2) {
      return ipError(
        'network-syntax',
        `${quoteInput(input)} has ${tokens.length} space-separated parts; write one network such as 10.0.0.0/8 or 10.0.0.0 255.0.0.0`,
      );
    }
    addressText = tokens[0] as string;
    maskText = tokens[1];
  }
  if (addressText === '') {
    return ipError('network-syntax', `${quoteInput(input)} has no address before the mask; write e.g. 10.0.0.0/8`);
  }
  const address = parseAddressText(addressText, input);
  if (!address.ok) return address;
  const max = maxPrefix(address.value.version);
  let prefixLength: number = max;
  let maskForm: MaskForm = 'none';
  const warnings: IpWarning[] = [];
  if (maskText !== undefined) {
    const mask = parseMask(address.value, maskText, input);
    if (!mask.ok) return mask;
    ({ prefixLength, form: maskForm } = mask.value);
    if (maskForm === 'hostmask') {
      warnings.push({
        code: 'wildcard-mask',
        message: `${quoteInput(maskText)} is not a netmask, so it was read as a wildcard (inverse) mask: /${prefixLength}`,
      });
    }
  }
  const network = makeNetwork(address.value, prefixLength);
  const hostBitsSet = addressToBigInt(address.value) !== networkFirst(network);
  if (hostBitsSet) {
    warnings.push({
      code: 'host-bits-set',
      message: `${quoteInput(text)} has host bits set — the network is ${formatNetwork(network)}`,
    });
  }
  if (address.value.version === 6 && address.value.zoneId !== undefined) {
    warnings.push({
      code: 'zone-id',
      message: `Zone ID '%${address.value.zoneId}' only tells the host which interface to use; it is kept with the address but is not part of the network`,
    });
  }
  return ok({ network, interfaceAddress: address.value, hostBitsSet, maskForm, warnings });
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

/**
 * First and last usable host and how many, matching CPython's `hosts()`: IPv4 excludes network and broadcast except
 * /31 (RFC 3021, both usable) and /32; IPv6 excludes only the Subnet-Router anycast address (RFC 4291 §2.6.1, the
 * network address) except /127 (RFC 6164, both usable) and /128.
 */
export function usableRange(network: IpNetwork): { first: bigint; last: bigint; count: bigint } {
  const first = networkFirst(network);
  const last = networkLast(network);
  const hostBits = maxPrefix(network.version) - network.prefixLength;
  if (hostBits <= 1) return { first, last, count: last - first + 1n };
  if (network.version === 4) return { first: first + 1n, last: last - 1n, count: last - first - 1n };
  return { first: first + 1n, last, count: last - first };
}

/** {@link usableRange} as addresses, plus the last address and the IPv4 broadcast (≤ /30): cheap, no classification. */
export function hostRange(network: IpNetwork): HostRange {
  const base = network.networkAddress;
  if (network.version === 4 && base.version === 4) {
    // The same arithmetic as below in doubles (exact below 2 ** 53), avoiding bigints on the common IPv4 path.
    const size = 2 ** (32 - network.prefixLength);
    const last = base.value + size - 1;
    const lastAddress = ipv4(last);
    const both = size <= 2;
    return {
      firstUsable: both ? ipv4(base.value) : ipv4(base.value + 1),
      lastUsable: ipv4(both ? last : last - 1),
      usableHosts: BigInt(both ? size : size - 2),
      lastAddress,
      ...(network.prefixLength <= 30 ? { broadcastAddress: lastAddress } : {}),
    };
  }
  const { first, last, count } = usableRange(network);
  const lastAddress = bigIntToAddress(network.version, networkLast(network));
  const range: HostRange = {
    firstUsable: bigIntToAddress(network.version, first),
    lastUsable: bigIntToAddress(network.version, last),
    usableHosts: count,
    lastAddress,
  };
  return network.version === 4 && network.prefixLength <= 30 ? { ...range, broadcastAddress: lastAddress } : range;
}

/** Lazily yields the usable host addresses (see {@link usableRange}); never allocates the whole list. */
export function* hosts(network: IpNetwork): Generator<IpAddress, void, undefined> {
  const { first, last } = usableRange(network);
  for (let v = first; v <= last; v++) yield bigIntToAddress(network.version, v);
}
