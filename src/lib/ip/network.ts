import {
  addressToBigInt,
  bigIntToAddress,
  fastIpv4,
  fastIpv6,
  formatAddress,
  ipv4,
  ipv6,
  ipv6FromWords,
  type MaybeWords,
  maxPrefix,
  parseAddressText,
  parseIpv4,
  wordsOf,
} from './address.ts';
import { ipError, MAX_INPUT_LENGTH, ok, quoteInput } from './errors.ts';
import type {
  HostRange,
  IpAddress,
  IpNetwork,
  IpResult,
  IpVersion,
  Ipv6Address,
  IpWarning,
  MaskForm,
  ParsedNetwork,
} from './types.ts';

// IPv6 sizes and masks per prefix length, built once: bigint shifts allocate, and these sit on hot paths.
const IPV6_SIZE: readonly bigint[] = Array.from({ length: 129 }, (_, p) => 1n << BigInt(128 - p));
const IPV6_HOSTMASK: readonly bigint[] = IPV6_SIZE.map((size) => size - 1n);
const IPV6_NETMASK: readonly bigint[] = IPV6_HOSTMASK.map((hostmask) => ((1n << 128n) - 1n) ^ hostmask);
// IPv4 counts as bigints per prefix length: the public counts are bigints, and there are only 33 of each.
const IPV4_SIZE: readonly bigint[] = Array.from({ length: 33 }, (_, p) => 1n << BigInt(32 - p));
const IPV4_USABLE: readonly bigint[] = IPV4_SIZE.map((size, p) => (p >= 31 ? size : size - 2n));
/**
 * `PREFIX_WORD_MASK[4p + k]`: word k (0–3, most significant first) of the mask of a /p prefix (0 ≤ p ≤ 128), as a
 * signed int32 like the words. IPv4 prefixes (p ≤ 32) leave words 1–3 at 0, which IPv4 addresses also hold.
 */
const PREFIX_WORD_MASK = Int32Array.from({ length: 129 * 4 }, (_, i) => {
  const bits = Math.min(32, Math.max(0, (i >> 2) - 32 * (i & 3)));
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) | 0;
});
const MASK_WORDS = new Int32Array(4);
/** `/0` … `/128`: printing a network appends one of these instead of converting the number each time. */
const PREFIX_TEXT: readonly string[] = Array.from({ length: 129 }, (_, p) => `/${p}`);

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
  return { version: 6, networkAddress: maskIpv6(address, prefixLength), prefixLength };
}

/** The IPv6 address with the bits below `prefixLength` cleared: the same object when none are set, zone ID dropped. */
function maskIpv6(address: Ipv6Address, prefixLength: number): Ipv6Address {
  const w = MASK_WORDS;
  wordsOf(address, w);
  let same = address.zoneId === undefined && (address as MaybeWords)._w0 !== undefined;
  for (let k = 0; k < 4; k++) {
    const word = w[k] as number;
    const masked = word & (PREFIX_WORD_MASK[(prefixLength << 2) + k] as number);
    if (masked !== word) {
      w[k] = masked;
      same = false;
    }
  }
  return same ? address : ipv6FromWords(w[0] as number, w[1] as number, w[2] as number, w[3] as number);
}

/** Number of addresses in the network, 2 ** (bits − prefix). */
export function networkSize(network: IpNetwork): bigint {
  const cached = (network.version === 4 ? IPV4_SIZE : IPV6_SIZE)[network.prefixLength];
  if (cached !== undefined) return cached;
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
  const p = network.prefixLength;
  return formatAddress(network.networkAddress, form) + (PREFIX_TEXT[p] ?? `/${p}`);
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
const LEADING_ZEROS = /^0+(?=[0-9])/;

/**
 * A prefix length written in decimal digits. Leading zeros are ignored (`/024` = `/0024` = `/24`), as CPython's
 * `ipaddress` does: one rule whatever their number, so only the value decides whether it is in range.
 */
function parsePrefixDigits(address: IpAddress, maskText: string, input: string): IpResult<number> {
  const max = maxPrefix(address.version);
  const digits = maskText.replace(LEADING_ZEROS, '');
  const prefixLength = digits.length > 3 ? Number.POSITIVE_INFINITY : Number.parseInt(digits, 10);
  if (prefixLength <= max) return ok(prefixLength);
  const shown = maskText.length > 12 ? quoteInput(maskText, 12) : maskText;
  const zeros = digits.length < maskText.length ? ' (leading zeros are ignored: /024 and /0024 both mean /24)' : '';
  return ipError(
    'prefix-out-of-range',
    `Prefix length ${shown} is out of range in ${quoteInput(input)}; IPv${address.version} prefixes are 0–${max}${zeros}`,
  );
}

function parseMask(
  address: IpAddress,
  maskText: string,
  input: string,
): IpResult<{ prefixLength: number; form: MaskForm }> {
  if (ALL_DIGITS.test(maskText)) {
    const prefix = parsePrefixDigits(address, maskText, input);
    return prefix.ok ? ok({ prefixLength: prefix.value, form: 'prefix' }) : prefix;
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
 * A parsed network. The warnings are built when first read: most callers never read them, and quoting the input and
 * printing the network cost as much as the parse itself (profiled on 200k CIDRs, half with host bits set).
 */
class ParsedNetworkValue implements ParsedNetwork {
  declare readonly network: IpNetwork;
  declare readonly interfaceAddress: IpAddress;
  declare readonly hostBitsSet: boolean;
  declare readonly maskForm: MaskForm;
  /** The trimmed input and the mask as typed, which the warnings quote. */
  declare private readonly text: string;
  declare private readonly maskText: string | undefined;
  declare private built: readonly IpWarning[] | undefined;

  constructor(
    network: IpNetwork,
    interfaceAddress: IpAddress,
    hostBitsSet: boolean,
    maskForm: MaskForm,
    text: string,
    maskText: string | undefined,
  ) {
    this.network = network;
    this.interfaceAddress = interfaceAddress;
    this.hostBitsSet = hostBitsSet;
    this.maskForm = maskForm;
    this.text = text;
    this.maskText = maskText;
    this.built = undefined;
  }

  /** Notes for the user: wildcard mask read as such, host bits set, zone ID kept. */
  get warnings(): readonly IpWarning[] {
    if (this.built === undefined) this.built = this.buildWarnings();
    return this.built;
  }

  private buildWarnings(): IpWarning[] {
    const warnings: IpWarning[] = [];
    if (this.maskForm === 'hostmask') {
      warnings.push({
        code: 'wildcard-mask',
        message: `${quoteInput(this.maskText ?? '')} is not a netmask, so it was read as a wildcard (inverse) mask: /${this.network.prefixLength}`,
      });
    }
    if (this.hostBitsSet) {
      warnings.push({
        code: 'host-bits-set',
        message: `${quoteInput(this.text)} has host bits set — the network is ${formatNetwork(this.network)}`,
      });
    }
    const address = this.interfaceAddress;
    if (address.version === 6 && address.zoneId !== undefined) {
      warnings.push({
        code: 'zone-id',
        message: `Zone ID '%${address.zoneId}' only tells the host which interface to use; it is kept with the address but is not part of the network`,
      });
    }
    return warnings;
  }
}

/**
 * The common case in one pass, no regexes and no substrings: `a.b.c.d/n` or `ipv6/n` exactly as the fast address
 * parsers accept it, with a 1–3 digit prefix. Undefined for anything else; the careful path then accepts it or says
 * what is wrong, so results and messages do not depend on which path ran.
 */
function parseNetworkFast(input: string): ParsedNetworkValue | undefined {
  const slash = input.indexOf('/');
  const n = input.length;
  if (slash <= 0 || n - slash < 2 || n - slash > 4) return undefined;
  let prefix = 0;
  for (let i = slash + 1; i < n; i++) {
    const d = input.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    prefix = prefix * 10 + d;
  }
  const v4 = fastIpv4(input, 0, slash);
  if (v4 >= 0) {
    if (prefix > 32) return undefined;
    const iface = ipv4(v4);
    const masked = (v4 & (PREFIX_WORD_MASK[prefix << 2] as number)) >>> 0;
    const network: IpNetwork = {
      version: 4,
      networkAddress: masked === v4 ? iface : ipv4(masked),
      prefixLength: prefix,
    };
    return new ParsedNetworkValue(network, iface, masked !== v4, 'prefix', input, undefined);
  }
  if (prefix > 128) return undefined;
  const v6 = fastIpv6(input, 0, slash);
  if (v6 === undefined) return undefined;
  const base = maskIpv6(v6, prefix);
  return new ParsedNetworkValue(
    { version: 6, networkAddress: base, prefixLength: prefix },
    v6,
    base !== v6,
    'prefix',
    input,
    undefined,
  );
}

const WHITESPACE = /\s/;

/**
 * Parses `addr/prefix`, `addr/netmask`, `addr netmask`, `addr/wildcard` (when it is not also a netmask) or a bare
 * address (→ /32 or /128). Host bits are not silently dropped: the result carries the interface address, a
 * `hostBitsSet` flag and a warning naming the network.
 */
export function parseNetwork(input: string): IpResult<ParsedNetwork> {
  const fast = parseNetworkFast(input);
  if (fast !== undefined) return ok(fast);
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
  const zoneSpace = zoneWithSpace(text, input);
  if (zoneSpace) return zoneSpace;
  if (pieces.length === 2) {
    addressText = (pieces[0] as string).trim();
    maskText = (pieces[1] as string).trim();
    if (WHITESPACE.test(addressText) || WHITESPACE.test(maskText)) {
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
  let prefixLength: number = maxPrefix(address.value.version);
  let maskForm: MaskForm = 'none';
  if (maskText !== undefined) {
    const mask = parseMask(address.value, maskText, input);
    if (!mask.ok) return mask;
    ({ prefixLength, form: maskForm } = mask.value);
  }
  const network = makeNetwork(address.value, prefixLength);
  const hostBitsSet = addressToBigInt(address.value) !== networkFirst(network);
  return ok(new ParsedNetworkValue(network, address.value, hostBitsSet, maskForm, text, maskText));
}

/**
 * A zone ID with a space in it (`fe80::1%Ethernet 2/64`, a Windows interface name) would otherwise be reported as a
 * syntax problem with the mask. CPython accepts any scope text, but a space cannot appear in a URL's zone (RFC 6874)
 * nor in the text most tools accept, so it is rejected with a message about the zone itself.
 */
function zoneWithSpace(text: string, input: string): IpResult<never> | undefined {
  const percent = text.indexOf('%');
  if (percent === -1 || !text.includes(':')) return undefined;
  const slash = text.indexOf('/', percent);
  if (slash === -1) return undefined;
  const trimmed = text.slice(percent + 1, slash).trim();
  if (!WHITESPACE.test(trimmed)) return undefined;
  return ipError(
    'zone-id-invalid',
    `The zone ID ${quoteInput(trimmed, 30)} in ${quoteInput(input)} contains a space; a zone ID is one word — use the interface number instead (e.g. fe80::1%12/64; \`netsh interface ipv6 show interface\` lists them on Windows)`,
  );
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
    // The same arithmetic as below in doubles (exact below 2 ** 53), avoiding bigints on the common IPv4 path; one
    // object literal per shape (a spread of an optional field copied the object and was a third of the call).
    const prefix = network.prefixLength;
    const last = base.value + 2 ** (32 - prefix) - 1;
    const lastAddress = ipv4(last);
    const usableHosts = IPV4_USABLE[prefix] as bigint;
    if (prefix >= 31) {
      return { firstUsable: base, lastUsable: lastAddress, usableHosts, lastAddress };
    }
    const firstUsable = ipv4(base.value + 1);
    const lastUsable = ipv4(last - 1);
    return { firstUsable, lastUsable, usableHosts, lastAddress, broadcastAddress: lastAddress };
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
