import { ipError, MAX_INPUT_LENGTH, ok, quoteInput } from './errors.ts';
import type { IpAddress, IpResult, IpVersion, Ipv4Address, Ipv6Address } from './types.ts';

/** 2 ** 128 − 1, the largest IPv6 address. */
export const IPV6_MAX = (1n << 128n) - 1n;
/** 2 ** 32 − 1, the largest IPv4 address. */
export const IPV4_MAX = 2 ** 32 - 1;

/** Bits in an address of the given version. */
export function maxPrefix(version: IpVersion): 32 | 128 {
  return version === 4 ? 32 : 128;
}

/** Builds an IPv4 address from a uint32 (throws on a non-uint32: that is a bug, not user input). */
export function ipv4(value: number): Ipv4Address {
  if (!Number.isInteger(value) || value < 0 || value > IPV4_MAX) {
    throw new RangeError(`IPv4 value out of range: ${value}`);
  }
  return newIpv4(value);
}

/** Builds an IPv6 address from a 128-bit bigint (throws on out of range: a bug, not user input). */
export function ipv6(value: bigint, zoneId?: string): Ipv6Address {
  if (value < 0n || value > IPV6_MAX) throw new RangeError(`IPv6 value out of range: ${value}`);
  return newIpv6(value, zoneId);
}

// Scratch space for splitting a bigint into 32-bit words with one allocation (the shift) instead of six: a store into
// the BigUint64Array truncates to 64 bits, and the Int32Array reads the same bytes as two words in platform order.
const SCRATCH64 = new BigUint64Array(2);
const SCRATCH32 = new Int32Array(SCRATCH64.buffer);
const HIGH_LANE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: [low, high]
const LOW_LANE = 1 - HIGH_LANE;

/**
 * What {@link ipv4} and {@link ipv6} return: the public shape (`version`, `value`, IPv6 `zoneId`) plus the address split
 * into 32-bit words `_w0`…`_w3`, most significant first (IPv4 uses `_w0` only; the rest are 0), computed once at
 * construction. With them, "is this address in that network" compares small integers, the same way for both families,
 * instead of allocating bigints, and IPv6 text is printed from them. The words are signed int32s; an IPv4 `value` is
 * `_w0` read as unsigned. One class for both families keeps the JIT's property caches monomorphic when callers mix
 * them. The words are an implementation detail: read `value`. A plain object of the public shape is still a valid
 * address (code that reads the words checks for them and falls back to `value`), and two addresses built by this
 * library with the same value are deep-equal (the version, words and zone decide).
 *
 * The fields are `declare`d, so JavaScript defines none of them before the constructor assigns them. A declared class
 * field starts as `undefined`, and V8 then stores the field as "any value", checking its type on every read: for
 * containment that was about 5 % of the time. (16-bit halves, small integers on every engine, measured slower: they
 * double the operations. A separate IPv4 `value` field only made the object bigger.)
 *
 * An IPv6 `value` is built from the words each time it is read (two to four bigint operations): parsing, masking,
 * containment and printing never need the bigint, and building it eagerly was most of the cost of "CIDR text in,
 * RFC 5952 text out" (bench/ip-compare.ts W2). It is not cached, so objects stay deep-equal whatever was read.
 *
 * Measured with bench/ip-compare.ts: private `#fields` were 2–3× slower than ipaddr.js once a call site had seen both
 * families, symbol keys about even with it; non-enumerable properties (`defineProperty`) halved construction speed.
 */
class IpValue {
  declare readonly version: IpVersion;
  declare readonly _w0: number;
  declare readonly _w1: number;
  declare readonly _w2: number;
  declare readonly _w3: number;
  declare readonly zoneId?: string;

  constructor(version: IpVersion, w0: number, w1: number, w2: number, w3: number, zoneId?: string) {
    this.version = version;
    this._w0 = w0;
    this._w1 = w1;
    this._w2 = w2;
    this._w3 = w3;
    if (zoneId !== undefined) this.zoneId = zoneId;
  }

  /** The uint32 (IPv4) or 128-bit bigint (IPv6). */
  get value(): number | bigint {
    return this.version === 4 ? this._w0 >>> 0 : bigFromWords(this._w0, this._w1, this._w2, this._w3);
  }
}

/** What the word-reading code may find on an address: the words, or nothing on a plain object. */
export type MaybeWords = Partial<Pick<IpValue, '_w0' | '_w1' | '_w2' | '_w3'>>;

/** The address object for a uint32 already range-checked. */
function newIpv4(value: number): Ipv4Address {
  return new IpValue(4, value | 0, 0, 0, 0) as Ipv4Address;
}

/** The address object for a value already range-checked. */
function newIpv6(value: bigint, zoneId?: string): Ipv6Address {
  SCRATCH64[0] = value >> 64n;
  SCRATCH64[1] = value;
  return new IpValue(
    6,
    SCRATCH32[HIGH_LANE] as number,
    SCRATCH32[LOW_LANE] as number,
    SCRATCH32[2 + HIGH_LANE] as number,
    SCRATCH32[2 + LOW_LANE] as number,
    zoneId,
  ) as Ipv6Address;
}

/**
 * The bigint of four 32-bit words (most significant first) with as few bigint operations as the value allows: the
 * words go into the scratch buffer and come back as two 64-bit halves (profiled: building it from eight groups made
 * seven bigints per address).
 */
function bigFromWords(w0: number, w1: number, w2: number, w3: number): bigint {
  SCRATCH32[HIGH_LANE] = w0;
  SCRATCH32[LOW_LANE] = w1;
  SCRATCH32[2 + HIGH_LANE] = w2;
  SCRATCH32[2 + LOW_LANE] = w3;
  const low = SCRATCH64[1] as bigint;
  if (w0 === 0 && w1 === 0) return low;
  return ((SCRATCH64[0] as bigint) << 64n) | low;
}

/** The address object from its four words (value computed from them). */
export function ipv6FromWords(w0: number, w1: number, w2: number, w3: number): Ipv6Address {
  return new IpValue(6, w0 | 0, w1 | 0, w2 | 0, w3 | 0) as Ipv6Address;
}

/** The four words of an IPv6 address: its own, or split from `value` for a plain object. Fills `out`. */
export function wordsOf(address: Ipv6Address, out: Int32Array): void {
  const a = address as Ipv6Address & MaybeWords;
  if (a._w0 !== undefined) {
    out[0] = a._w0;
    out[1] = a._w1 as number;
    out[2] = a._w2 as number;
    out[3] = a._w3 as number;
    return;
  }
  SCRATCH64[0] = address.value >> 64n;
  SCRATCH64[1] = address.value;
  out[0] = SCRATCH32[HIGH_LANE] as number;
  out[1] = SCRATCH32[LOW_LANE] as number;
  out[2] = SCRATCH32[2 + HIGH_LANE] as number;
  out[3] = SCRATCH32[2 + LOW_LANE] as number;
}

/** The address as an unsigned bigint (IPv4 widened), for arithmetic shared by both versions. */
export function addressToBigInt(address: IpAddress): bigint {
  return address.version === 4 ? BigInt(address.value) : address.value;
}

/** The address of the given version whose integer value is `value` (throws if out of range: a bug). */
export function bigIntToAddress(version: IpVersion, value: bigint): IpAddress {
  return version === 4 ? ipv4(Number(value)) : ipv6(value);
}

/** Orders addresses: IPv4 before IPv6, then by value (zone IDs ignored). */
export function compareAddresses(a: IpAddress, b: IpAddress): number {
  if (a.version !== b.version) return a.version - b.version;
  const x = addressToBigInt(a);
  const y = addressToBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True for IPv4-mapped IPv6 addresses, ::ffff:0:0/96 (RFC 4291 §2.5.5.2). */
export function isIpv4MappedAddress(address: IpAddress): boolean {
  return address.version === 6 && address.value >> 32n === 0xffffn;
}

const DECIMAL = /^[0-9]+$/;

/** Why a leading-zero octet is ambiguous, spelled out with both readings where octal is possible. */
function leadingZeroMessage(octet: string, input: string): string {
  const decimal = Number.parseInt(octet, 10);
  const octal = /^[0-7]+$/.test(octet) ? Number.parseInt(octet, 8) : undefined;
  const readings =
    octal === undefined
      ? `some tools reject it as invalid octal, others read it as decimal (${decimal})`
      : `some tools read it as octal (${octal}), others as decimal (${decimal})`;
  // Accepting leading zeros would disagree with inet_aton() and browsers (octal); CPython rejects them since 3.9.5
  // (https://bugs.python.org/issue36384), so rejecting is the only reading every tool agrees on.
  return `${quoteInput(input)} has a leading zero in octet '${octet}' — ${readings}, so it is rejected; write '${decimal}' without the leading zero`;
}

// Fast paths for the common, valid text (profiled: the checks below allocate strings and run regexes per octet/group).
// They accept a strict subset of what the careful parsers accept and compute the same value; anything unusual makes
// them give up, and the careful parser then accepts it or explains what is wrong, so messages are unchanged.

/**
 * Value of a plain dotted quad in `text[start, end)` (four 0–255 octets, no leading zeros, nothing else), or −1 to take
 * the careful path.
 */
export function fastIpv4(text: string, start = 0, end: number = text.length): number {
  const n = end - start;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || (digits === 1 && octet === 0)) return -1;
    octet = octet * 10 + d;
    if (octet > 255) return -1;
    digits++;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

const fastGroups = new Int32Array(8);

/** Per character code below 128: its hex digit value, or COLON, DOT, or INVALID. One load instead of three ranges. */
const COLON = -2;
const DOT = -3;
const INVALID = -1;
const CHAR_CLASS = (() => {
  const table = new Int8Array(128).fill(INVALID);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) table[97 + i] = table[65 + i] = 10 + i;
  table[58] = COLON;
  table[46] = DOT;
  return table;
})();

/**
 * Address from hex groups in `text[start, end)`, at most one '::' and an optional final dotted quad (no zone), or
 * undefined to take the careful path. One pass over the characters; the value is built from four 32-bit words.
 */
export function fastIpv6(text: string, start = 0, end: number = text.length): Ipv6Address | undefined {
  const n = end - start;
  if (n < 2 || n > 45) return undefined;
  const g = fastGroups;
  let count = 0;
  let doubleColon = -1;
  let group = 0;
  let digits = 0;
  let dotted = false;
  let i = start;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return undefined;
    doubleColon = 0;
    i += 2;
  }
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c < 128 ? (CHAR_CLASS[c] as number) : INVALID;
    if (d >= 0) {
      if (digits === 4) return undefined;
      group = (group << 4) | d;
      digits++;
      continue;
    }
    if (d === COLON) {
      if (digits === 0 || count === 8) return undefined;
      g[count++] = group;
      group = 0;
      digits = 0;
      if (i + 1 < end && text.charCodeAt(i + 1) === 58) {
        if (doubleColon !== -1) return undefined;
        doubleColon = count;
        i++;
      }
      continue;
    }
    if (d !== DOT) return undefined;
    // A final dotted quad (RFC 4291 §2.2 form 3): it starts at this group's first digit and ends the text.
    const v4 = count <= 6 ? fastIpv4(text, i - digits, end) : -1;
    if (v4 < 0) return undefined;
    g[count++] = v4 >>> 16;
    g[count++] = v4 & 0xffff;
    digits = 0;
    dotted = true;
    break;
  }
  if (digits > 0) {
    if (count === 8) return undefined;
    g[count++] = group;
  } else if (!dotted && (doubleColon !== count || text.charCodeAt(end - 2) !== 58)) return undefined;
  if (doubleColon === -1) {
    if (count !== 8) return undefined;
  } else {
    if (count > 7) return undefined;
    // Move the groups after '::' to the end and zero the gap.
    const tail = count - doubleColon;
    for (let k = 0; k < tail; k++) g[7 - k] = g[count - 1 - k] as number;
    for (let k = doubleColon; k < 8 - tail; k++) g[k] = 0;
  }
  return ipv6FromWords(
    ((g[0] as number) << 16) | (g[1] as number),
    ((g[2] as number) << 16) | (g[3] as number),
    ((g[4] as number) << 16) | (g[5] as number),
    ((g[6] as number) << 16) | (g[7] as number),
  );
}

/** Parses a strict dotted-quad IPv4 address (exactly four decimal octets, no leading zeros). */
export function parseIpv4(text: string, input: string = text): IpResult<Ipv4Address> {
  const fast = fastIpv4(text);
  if (fast >= 0) return ok(newIpv4(fast));
  for (const ch of text) {
    if (!(ch === '.' || (ch >= '0' && ch <= '9'))) {
      return ipError(
        'unexpected-character',
        `${quoteInput(input)} contains ${quoteInput(ch)}, which cannot appear in an IPv4 address; write four numbers 0–255 separated by dots, e.g. 192.0.2.1`,
      );
    }
  }
  const octets = text.split('.');
  if (octets.length !== 4) {
    return ipError(
      'ipv4-octet-count',
      `${quoteInput(input)} has ${octets.length} ${octets.length === 1 ? 'part' : 'parts'}; an IPv4 address has exactly 4 octets separated by dots, e.g. 192.0.2.1`,
    );
  }
  let value = 0;
  for (const octet of octets) {
    if (octet === '') {
      return ipError(
        'ipv4-empty-octet',
        `${quoteInput(input)} has an empty octet; write four numbers 0–255 separated by single dots`,
      );
    }
    if (!DECIMAL.test(octet)) {
      return ipError(
        'ipv4-octet-not-decimal',
        `Octet ${quoteInput(octet)} in ${quoteInput(input)} is not a decimal number; use digits 0–9 only`,
      );
    }
    if (octet.length > 3 || Number.parseInt(octet, 10) > 255) {
      return ipError(
        'ipv4-octet-out-of-range',
        `Octet ${octet.length > 12 ? quoteInput(octet, 12) : octet} is out of range (0–255) in ${quoteInput(input)}`,
      );
    }
    if (octet.length > 1 && octet.startsWith('0')) {
      return ipError('ipv4-leading-zero', leadingZeroMessage(octet, input));
    }
    value = value * 256 + Number.parseInt(octet, 10);
  }
  return ok(ipv4(value >>> 0));
}

const HEX_GROUP = /^[0-9a-fA-F]+$/;
// RFC 6874 / RFC 4007 zone IDs are interface names or numbers; we allow visible ASCII except '%', '/' and space.
const ZONE_ID = /^[\x21-\x24\x26-\x2e\x30-\x7e]{1,64}$/;

function parseGroups(part: string, input: string): IpResult<number[]> {
  if (part === '') return ok([]);
  const groups: number[] = [];
  for (const group of part.split(':')) {
    if (group === '') {
      return ipError(
        'ipv6-stray-colon',
        `${quoteInput(input)} has a stray ':'; groups are separated by one colon, and '::' (once) stands for a run of zero groups`,
      );
    }
    if (group.length > 4) {
      return ipError(
        'ipv6-group-too-long',
        `Group ${quoteInput(group, 12)} in ${quoteInput(input)} has ${group.length} hex digits; each group has at most 4`,
      );
    }
    if (!HEX_GROUP.test(group)) {
      return ipError(
        'ipv6-invalid-group',
        `Group ${quoteInput(group)} in ${quoteInput(input)} is not hexadecimal; use 0–9 and a–f`,
      );
    }
    groups.push(Number.parseInt(group, 16));
  }
  return ok(groups);
}

/** Parses any RFC 4291 §2.2 text form of an IPv6 address, with an optional RFC 4007 zone ID (`%eth0`). */
export function parseIpv6(text: string, input: string = text): IpResult<Ipv6Address> {
  const fast = fastIpv6(text);
  if (fast !== undefined) return ok(fast);
  const percent = text.indexOf('%');
  let body = text;
  let zoneId: string | undefined;
  if (percent !== -1) {
    body = text.slice(0, percent);
    zoneId = text.slice(percent + 1);
    if (!ZONE_ID.test(zoneId)) {
      return ipError(
        'zone-id-invalid',
        `${quoteInput(input)} has ${zoneId === '' ? 'an empty zone ID' : `an invalid zone ID ${quoteInput(zoneId, 20)}`} after '%'; write an interface name or number, e.g. fe80::1%eth0`,
      );
    }
  }
  for (const ch of body) {
    if (!(ch === ':' || ch === '.' || HEX_GROUP.test(ch))) {
      return ipError(
        'unexpected-character',
        `${quoteInput(input)} contains ${quoteInput(ch)}, which cannot appear in an IPv6 address; use hex digits 0–9 a–f, ':' and '::'`,
      );
    }
  }
  if (body.includes('.')) {
    // An embedded IPv4 part may only be the last 32 bits (RFC 4291 §2.2 form 3): rewrite it as two hex groups.
    const lastColon = body.lastIndexOf(':');
    const v4text = body.slice(lastColon + 1);
    const v4 = parseIpv4(v4text);
    if (!v4.ok) {
      return ipError(
        'ipv6-invalid-embedded-ipv4',
        `${quoteInput(input)} has an invalid embedded IPv4 part ${quoteInput(v4text, 20)}: dots may only appear in a final dotted quad such as ::ffff:192.0.2.1 (${v4.error.message})`,
      );
    }
    body = `${body.slice(0, lastColon + 1)}${(v4.value.value >>> 16).toString(16)}:${(v4.value.value & 0xffff).toString(16)}`;
  }
  const dc = body.indexOf('::');
  let groups: number[];
  if (dc !== -1) {
    if (body.indexOf('::', dc + 1) !== -1) {
      return ipError(
        'ipv6-multiple-double-colon',
        `${quoteInput(input)} uses '::' more than once; it may appear only once, or the address would be ambiguous`,
      );
    }
    const head = parseGroups(body.slice(0, dc), input);
    if (!head.ok) return head;
    const tail = parseGroups(body.slice(dc + 2), input);
    if (!tail.ok) return tail;
    const count = head.value.length + tail.value.length;
    if (count > 7) {
      return ipError(
        'ipv6-group-count',
        `${quoteInput(input)} has ${count} groups plus '::'; '::' must stand for at least one zero group, so drop it or remove a group`,
      );
    }
    groups = [...head.value, ...new Array<number>(8 - count).fill(0), ...tail.value];
  } else {
    const all = parseGroups(body, input);
    if (!all.ok) return all;
    groups = all.value;
    if (groups.length !== 8) {
      return ipError(
        'ipv6-group-count',
        `${quoteInput(input)} has ${groups.length} ${groups.length === 1 ? 'group' : 'groups'}; a full IPv6 address has 8 groups of up to 4 hex digits, or use '::' once for a run of zero groups`,
      );
    }
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return ok(ipv6(value, zoneId));
}

/** Parses an IPv4 or IPv6 address (surrounding whitespace ignored). */
export function parseAddress(input: string): IpResult<IpAddress> {
  if (input.length > MAX_INPUT_LENGTH) {
    return ipError(
      'too-long',
      `The input is ${input.length} characters long; an IP address is at most 45, so shorten it`,
    );
  }
  // A plain address has no whitespace, '/' or '%', so the fast paths can skip the checks below.
  const v4 = fastIpv4(input);
  if (v4 >= 0) return ok(newIpv4(v4));
  const v6 = fastIpv6(input);
  if (v6 !== undefined) return ok(v6);
  const text = input.trim();
  if (text === '') return ipError('empty', 'Enter an IP address, e.g. 192.0.2.1 or 2001:db8::1');
  if (text.includes('/')) {
    return ipError(
      'unexpected-character',
      `${quoteInput(input)} contains '/', which belongs to a network (address/prefix); enter a single address here`,
    );
  }
  return parseAddressText(text, input);
}

/** Parses an already trimmed address; `input` is what messages quote. */
export function parseAddressText(text: string, input: string): IpResult<IpAddress> {
  if (text.includes(':')) return parseIpv6(text, input);
  if (text.includes('%')) {
    return ipError(
      'unexpected-character',
      `${quoteInput(input)} contains '%': zone IDs only apply to IPv6 addresses such as fe80::1%eth0; remove it`,
    );
  }
  return parseIpv4(text, input);
}

// Text tables built once (a few microseconds): formatting then concatenates short strings instead of converting numbers.
const DECIMAL_DOT: readonly string[] = Array.from({ length: 256 }, (_, i) => `${i}.`);
const DECIMAL_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => `${i}`);
const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16));
const HEX_BYTE_PAD: readonly string[] = HEX_BYTE.map((h) => h.padStart(2, '0'));
const COLON_HEX_BYTE: readonly string[] = HEX_BYTE.map((h) => `:${h}`);

/** Dotted quad of a uint32. */
export function ipv4Text(value: number): string {
  return (
    (DECIMAL_DOT[value >>> 24] as string) +
    (DECIMAL_DOT[(value >>> 16) & 255] as string) +
    (DECIMAL_DOT[(value >>> 8) & 255] as string) +
    (DECIMAL_TEXT[value & 255] as string)
  );
}

/** A 16-bit group in lower-case hex without leading zeros. */
function hexGroup(v: number): string {
  return v < 256 ? (HEX_BYTE[v] as string) : (HEX_BYTE[v >>> 8] as string) + (HEX_BYTE_PAD[v & 255] as string);
}

/** The same after a ':', read from a table so that appending a group builds one string, not two. */
function colonHexGroup(v: number): string {
  return v < 256
    ? (COLON_HEX_BYTE[v] as string)
    : (COLON_HEX_BYTE[v >>> 8] as string) + (HEX_BYTE_PAD[v & 255] as string);
}

const FORMAT_WORDS = new Int32Array(4);
const FORMAT_GROUPS: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

/** Splits the address into FORMAT_GROUPS (eight 16-bit groups) from its words, without bigint arithmetic. */
function loadGroups(address: Ipv6Address): number[] {
  wordsOf(address, FORMAT_WORDS);
  const g = FORMAT_GROUPS;
  for (let k = 0; k < 4; k++) {
    const w = FORMAT_WORDS[k] as number;
    g[2 * k] = w >>> 16;
    g[2 * k + 1] = w & 0xffff;
  }
  return g;
}

/**
 * RFC 5952 §4: lowercase, no leading zeros, the longest (first on a tie) run of ≥ 2 zero groups as '::'. With `mixed`,
 * an IPv4-mapped address (::ffff:0:0/96, RFC 4291 §2.5.5.2) ends in a dotted quad as RFC 5952 §5 recommends for
 * addresses "distinguished as having IPv4 addresses embedded … through the use of a well-known prefix". RFC 2765's
 * IPv4-translated prefix ::ffff:0:0:0/96 is not given mixed notation: RFC 6145 obsoleted it (translators now use
 * 64:ff9b::/96, RFC 6052, which is printed in hex too), and Python never used it. Masks are never mixed: they embed
 * no IPv4 address, however their bits happen to fall.
 */
function ipv6Text(address: Ipv6Address, mixed: boolean): string {
  const g = loadGroups(address);
  const tail = FORMAT_WORDS[3] as number;
  if (mixed && FORMAT_WORDS[0] === 0 && FORMAT_WORDS[1] === 0 && FORMAT_WORDS[2] === 0xffff) {
    return `::ffff:${ipv4Text(tail >>> 0)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart === -1) {
    let text = hexGroup(g[0] as number);
    for (let i = 1; i < 8; i++) text += colonHexGroup(g[i] as number);
    return text;
  }
  // The groups before the run, then ':' and each later group with its own ':' in front ('::' when they meet).
  let text = bestStart === 0 ? ':' : hexGroup(g[0] as number);
  for (let i = 1; i < bestStart; i++) text += colonHexGroup(g[i] as number);
  if (bestStart > 0) text += ':';
  const after = bestStart + bestLength;
  if (after === 8) return `${text}:`;
  for (let i = after; i < 8; i++) text += colonHexGroup(g[i] as number);
  return text;
}

/** All eight groups, four digits each. */
function ipv6Exploded(address: Ipv6Address): string {
  const g = loadGroups(address);
  let text = '';
  for (let i = 0; i < 8; i++) {
    const v = g[i] as number;
    text += `${i === 0 ? '' : ':'}${HEX_BYTE_PAD[v >>> 8] as string}${HEX_BYTE_PAD[v & 255] as string}`;
  }
  return text;
}

/** Text form of an address: `compressed` (RFC 5952 canonical, the default) or `exploded` (all 8 groups, 4 digits). */
export function formatAddress(address: IpAddress, form: 'compressed' | 'exploded' = 'compressed'): string {
  if (address.version === 4) return ipv4Text(address.value);
  const text = form === 'exploded' ? ipv6Exploded(address) : ipv6Text(address, true);
  return address.zoneId === undefined ? text : `${text}%${address.zoneId}`;
}

/**
 * Text form of a netmask or hostmask: like {@link formatAddress} but never in IPv4-mapped mixed notation, so the
 * wildcard of a /80 reads `::ffff:ffff:ffff`, not `::ffff:255.255.255.255`.
 */
export function formatMask(mask: IpAddress): string {
  return mask.version === 4 ? ipv4Text(mask.value) : ipv6Text(mask, false);
}
