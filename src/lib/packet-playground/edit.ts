/**
 * Editing a frame in the playground: a field in place with checksums repaired, the payload with every length that
 * covers it, and loading pasted hex or a pcap. The island loads this module after it hydrates (its first view
 * needs only the decoder), so module imports here, not the barrel. No DOM here.
 */
import { internetChecksum, parseHex, parseIpv4, parseIpv6, parseMac, pseudoHeaderSum, u16 } from '../packet/bytes.ts';
import { decodeFrame } from '../packet/decode.ts';
import { readPcap } from '../packet/pcap.ts';
import type { Field, InputError, Result } from '../packet/types.ts';
import { fieldBytes } from './view.ts';

function fail(code: InputError['code'], message: string, offset: number): { ok: false; error: InputError } {
  return { ok: false, error: { code, message, offset } };
}

const CHECKSUM_KEYS = new Set(['ip.checksum', 'tcp.checksum', 'udp.checksum', 'icmp.checksum', 'icmpv6.checksum']);

/**
 * Writes `text` into the field: addresses by their form (48 bits MAC, 32 IPv4, 128 IPv6), numbers within the
 * field's bit width. Then repairs checksums, unless the field edited is itself a checksum.
 */
export function setField(frame: Uint8Array, f: Field, text: string): Result<Uint8Array, InputError> {
  const out = frame.slice();
  const [start, end] = fieldBytes(f);
  if (end > out.length) return fail('truncated', `${f.name} at offset ${f.offset} runs past the frame`, f.offset);
  if (typeof f.value === 'string') {
    const parsed =
      f.bitLength === 48
        ? parseMac(text)
        : f.bitLength === 32
          ? parseIpv4(text)
          : f.bitLength === 128
            ? parseIpv6(text)
            : null;
    if (!parsed) return fail('bad-address', `${f.name} is not editable here`, f.offset);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error, offset: f.offset } };
    out.set(parsed.value, start);
  } else {
    const t = text.trim();
    const v = /^0x[0-9a-f]+$/i.test(t) ? Number.parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : Number.NaN;
    const max = 2 ** f.bitLength - 1;
    if (!Number.isFinite(v) || v > max) {
      return fail(
        'bad-hex',
        `'${t.slice(0, 20)}' is not a number from 0 to ${max} for ${f.name} (${f.bitLength} bits)`,
        f.offset,
      );
    }
    writeBits(out, f.offset, f.bitOffset, f.bitLength, v);
  }
  return { ok: true, value: f.key !== undefined && CHECKSUM_KEYS.has(f.key) ? out : repairChecksums(out) };
}

/** Writes `value` into `bitLength` bits starting at bit `bitOffset` of byte `offset` (big-endian), one bit at a time. */
export function writeBits(b: Uint8Array, offset: number, bitOffset: number, bitLength: number, value: number): void {
  for (let i = 0; i < bitLength; i++) {
    const bit = Math.floor(value / 2 ** (bitLength - 1 - i)) % 2;
    const pos = bitOffset + i;
    const at = offset + Math.floor(pos / 8);
    const mask = 0x80 >>> (pos % 8);
    b[at] = bit ? (b[at] ?? 0) | mask : (b[at] ?? 0) & ~mask;
  }
}

/** Recomputes every IPv4 header and TCP/UDP/ICMP/ICMPv6 checksum of a (copy of a) frame; fragments are left alone. */
export function repairChecksums(frame: Uint8Array): Uint8Array {
  const out = frame.slice();
  const d = decodeFrame(out);
  let ip: { offset: number; v6: boolean; end: number } | undefined;
  for (const l of d.layers) {
    if (l.name === 'IPv4') {
      ip = { offset: l.offset, v6: false, end: Math.min(out.length, l.offset + u16(out, l.offset + 2)) };
      put(out, l.offset + 10, 0);
      put(out, l.offset + 10, internetChecksum(out, l.offset, l.offset + l.length));
    } else if (l.name === 'IPv6')
      ip = { offset: l.offset, v6: true, end: Math.min(out.length, l.offset + 40 + u16(out, l.offset + 4)) };
    else if (ip && l.checksum !== undefined && l.checksum !== 'unverified' && l.checksum !== 'absent') {
      const sumAt = l.offset + (l.name === 'TCP' ? 16 : l.name === 'UDP' ? 6 : 2);
      const proto = l.name === 'TCP' ? 6 : l.name === 'UDP' ? 17 : 58;
      const end = l.name === 'UDP' ? Math.min(ip.end, l.offset + u16(out, l.offset + 4)) : ip.end;
      const pseudo =
        l.name === 'ICMP'
          ? 0
          : ip.v6
            ? pseudoHeaderSum(out, ip.offset + 8, ip.offset + 24, 16, proto, end - l.offset)
            : pseudoHeaderSum(out, ip.offset + 12, ip.offset + 16, 4, proto, end - l.offset);
      put(out, sumAt, 0);
      const sum = internetChecksum(out, l.offset, end, pseudo);
      put(out, sumAt, l.name === 'UDP' && sum === 0 ? 0xffff : sum);
    }
  }
  return out;
}
function put(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

/** Frames from what a reader brings: a pcap file (by its magic) or pasted hex of one frame. */
export function loadFrames(input: Uint8Array | string): Result<Uint8Array[], InputError> {
  if (typeof input === 'string') {
    const r = parseHex(input);
    return r.ok ? { ok: true, value: [r.value] } : r;
  }
  const r = readPcap(input);
  if (!r.ok) return r;
  if (r.value.packets.length === 0) return fail('empty', 'The capture holds no packets', 24);
  return { ok: true, value: r.value.packets.map((p) => p.data) };
}

/** Largest payload the playground writes into a frame (a jumbo frame's worth). */
export const MAX_PAYLOAD = 9_000;

/**
 * Replaces the payload after the TCP/UDP/ICMP header with `payload`, then fixes every length that covers it
 * (IPv4 total length, IPv6 payload length, UDP length) and every checksum. Any trailer after the packet is dropped.
 */
export function setPayload(frame: Uint8Array, payload: Uint8Array): Result<Uint8Array, InputError> {
  if (payload.length > MAX_PAYLOAD)
    return fail('too-large', `${payload.length} bytes of payload is more than ${MAX_PAYLOAD}`, 0);
  const d = decodeFrame(frame);
  const ip = d.layers.find((l) => l.name === 'IPv4' || l.name === 'IPv6');
  const tr = d.layers.find((l) => l.name === 'TCP' || l.name === 'UDP' || l.name === 'ICMP' || l.name === 'ICMPv6');
  if (!ip || !tr)
    return fail('unsupported-link-type', 'Only TCP, UDP and ICMP packets over IP carry an editable payload', 0);
  if (tr.checksum === 'unverified')
    return fail(
      'unsupported-link-type',
      'A fragment’s payload is part of a larger datagram: edit the whole datagram instead',
      tr.offset,
    );
  const start = tr.offset + tr.length;
  const out = new Uint8Array(start + payload.length);
  out.set(frame.subarray(0, start));
  out.set(payload, start);
  if (ip.name === 'IPv4') put(out, ip.offset + 2, out.length - ip.offset);
  else put(out, ip.offset + 4, out.length - ip.offset - 40);
  if (tr.name === 'UDP') put(out, tr.offset + 4, out.length - tr.offset);
  return { ok: true, value: repairChecksums(out) };
}
