/** Byte helpers: bounded reads, hex in and out, address formatting and parsing, the Internet checksum. */
import type { InputError, Result } from './types.ts';

/** Byte at `i`, 0 past the end (callers check lengths first; this keeps reads total). */
export function u8(b: Uint8Array, i: number): number {
  return b[i] ?? 0;
}
export function u16(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}
export function u32(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
}
export function put16(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 8) & 0xff;
  b[i + 1] = v & 0xff;
}
export function put32(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 24) & 0xff;
  b[i + 1] = (v >>> 16) & 0xff;
  b[i + 2] = (v >>> 8) & 0xff;
  b[i + 3] = v & 0xff;
}
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Hex without leading zeros, for the high byte of an IPv6 group (and the low byte when the high one is 0). */
const HEX_SHORT = Array.from({ length: 256 }, (_, i) => i.toString(16));

/** Lowercase hex of bytes [start, end), with an optional separator between bytes. */
export function toHex(b: Uint8Array, start = 0, end = b.length, sep = ''): string {
  let out = '';
  const stop = Math.min(end, b.length);
  for (let i = start; i < stop; i++) out += i === start ? HEX[u8(b, i)] : sep + HEX[u8(b, i)];
  return out;
}
export function hex16(v: number): string {
  return `0x${v.toString(16).padStart(4, '0')}`;
}

/** Largest frame a pasted hex dump may hold (a jumbo frame). */
export const MAX_HEX_BYTES = 65_535;

/**
 * Parses pasted hex: whitespace, ':' '-' and '0x' prefixes allowed, optional leading offsets of a
 * `xxd`/Wireshark dump are not (paste only the bytes). Errors quote the character and its position.
 */
export function parseHex(text: string, maxBytes = MAX_HEX_BYTES): Result<Uint8Array, InputError> {
  const cleaned: number[] = [];
  const limit = Math.min(text.length, maxBytes * 6 + 16);
  if (text.length > limit) {
    return err('too-large', `The hex is ${text.length} characters long; paste at most ${maxBytes} bytes`, limit);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x30 && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      i++;
      continue;
    }
    const v = hexValue(c);
    if (v >= 0) cleaned.push(v);
    else if (!(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3a || c === 0x2d)) {
      return err('bad-hex', `'${text.slice(i, i + 1)}' at position ${i} is not a hex digit in '${clip(text)}'`, i);
    }
  }
  if (cleaned.length === 0)
    return err('empty', 'No hex digits: paste the bytes of a frame, e.g. ff ff ff ff ff ff …', 0);
  if (cleaned.length % 2 === 1) {
    return err('odd-hex', `${cleaned.length} hex digits is an odd count: every byte needs two digits`, text.length);
  }
  if (cleaned.length / 2 > maxBytes) {
    return err('too-large', `${cleaned.length / 2} bytes is more than the ${maxBytes}-byte limit`, maxBytes * 2);
  }
  const out = new Uint8Array(cleaned.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = ((cleaned[2 * i] ?? 0) << 4) | (cleaned[2 * i + 1] ?? 0);
  return { ok: true, value: out };
}
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
function err(code: InputError['code'], message: string, offset: number): { ok: false; error: InputError } {
  return { ok: false, error: { code, message, offset } };
}

export function formatMac(b: Uint8Array, i: number): string {
  return `${HEX[u8(b, i)]}:${HEX[u8(b, i + 1)]}:${HEX[u8(b, i + 2)]}:${HEX[u8(b, i + 3)]}:${HEX[u8(b, i + 4)]}:${HEX[u8(b, i + 5)]}`;
}
export function formatIpv4(b: Uint8Array, i: number): string {
  return `${u8(b, i)}.${u8(b, i + 1)}.${u8(b, i + 2)}.${u8(b, i + 3)}`;
}
/** RFC 5952 text form: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as '::'. */
export function formatIpv6(b: Uint8Array, i: number): string {
  // Find the longest run of zero groups (first one wins on ties) without allocating.
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let k = 0; k <= 8; k++) {
    const zero = k < 8 && u16(b, i + 2 * k) === 0;
    if (zero && runStart < 0) runStart = k;
    if (!zero && runStart >= 0) {
      if (k - runStart > bestLen) {
        bestStart = runStart;
        bestLen = k - runStart;
      }
      runStart = -1;
    }
  }
  // IPv4-mapped addresses (::ffff:a.b.c.d) print the last 32 bits dotted, as Wireshark does.
  if (bestStart === 0 && bestLen === 5 && u16(b, i + 10) === 0xffff) return `::ffff:${formatIpv4(b, i + 12)}`;
  let out = '';
  // Whether a group was just written (so the next needs a ':'), instead of re-reading the string's end.
  let group = false;
  for (let k = 0; k < 8; k++) {
    if (k === bestStart) {
      out += '::';
      k += bestLen - 1;
      group = false;
      continue;
    }
    if (group) out += ':';
    const hi = u8(b, i + 2 * k);
    out += hi === 0 ? HEX_SHORT[u8(b, i + 2 * k + 1)] : `${HEX_SHORT[hi]}${HEX[u8(b, i + 2 * k + 1)]}`;
    group = true;
  }
  return out;
}

export function parseMac(text: string): Result<Uint8Array, InputError> {
  const m =
    /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i.exec(
      text.trim(),
    );
  if (!m) return err('bad-address', `'${clip(text)}' is not a MAC address like 02:00:00:00:00:01`, 0);
  return { ok: true, value: Uint8Array.from(m.slice(1), (h) => Number.parseInt(h, 16)) };
}
export function parseIpv4(text: string): Result<Uint8Array, InputError> {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) {
    return err('bad-address', `'${clip(text)}' is not an IPv4 address like 192.0.2.1`, 0);
  }
  return { ok: true, value: Uint8Array.from(parts, Number) };
}
export function parseIpv6(text: string): Result<Uint8Array, InputError> {
  const t = text.trim().toLowerCase();
  const bad = err('bad-address', `'${clip(text)}' is not an IPv6 address like 2001:db8::1`, 0);
  if (t.length > 45 || !/^[0-9a-f:]+$/.test(t)) return bad;
  const halves = t.split('::');
  if (halves.length > 2) return bad;
  const left = halves[0] === '' ? [] : (halves[0] ?? '').split(':');
  const right = halves.length === 2 && halves[1] !== '' ? (halves[1] ?? '').split(':') : [];
  const total = left.length + right.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return bad;
  if ([...left, ...right].some((p) => !/^[0-9a-f]{1,4}$/.test(p))) return bad;
  const groups = [...left, ...Array<string>(8 - total).fill('0'), ...right];
  const out = new Uint8Array(16);
  groups.forEach((g, k) => {
    put16(out, 2 * k, Number.parseInt(g, 16));
  });
  return { ok: true, value: out };
}

/** Ones' complement sum of 16-bit words over [start, end) added to `initial`, folded to 16 bits. */
export function onesSum(b: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
  if (i < end) sum += (b[i] ?? 0) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
/** The Internet checksum (RFC 1071) of [start, end) with an initial (pseudo-header) sum. */
export function internetChecksum(b: Uint8Array, start: number, end: number, initial = 0): number {
  return ~onesSum(b, start, end, initial) & 0xffff;
}
/** Sum of the TCP/UDP/ICMPv6 pseudo-header: addresses of `addrLen` bytes at src/dst, protocol and length. */
export function pseudoHeaderSum(
  b: Uint8Array,
  src: number,
  dst: number,
  addrLen: number,
  protocol: number,
  length: number,
): number {
  let sum = onesSum(b, src, src + addrLen);
  sum += onesSum(b, dst, dst + addrLen);
  sum += protocol + (length & 0xffff) + Math.floor(length / 0x10000);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
/**
 * RFC 1624 eqn. 3: new checksum HC' = ~(~HC + ~m + m') for a 16-bit word changing from m to m'.
 * Apply once per changed word.
 */
export function incrementalChecksum(checksum: number, oldWord: number, newWord: number): number {
  let sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
