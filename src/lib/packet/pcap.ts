/** Classic pcap files (libpcap format): write with link type 1 (Ethernet), read back with limits and typed errors. */
import type { InputError, Result } from './types.ts';

export const LINKTYPE_ETHERNET = 1;
export const PCAP_SNAPLEN = 262_144;
/** Largest pcap the reader accepts (a learner's own small capture), and most packets it returns. */
export const MAX_PCAP_BYTES = 16 * 1024 * 1024;
export const MAX_PCAP_PACKETS = 100_000;

export interface CapturedPacket {
  /** Capture time in microseconds since the Unix epoch. */
  readonly timeMicros: number;
  readonly data: Uint8Array;
  /** Length on the wire (≥ data.length when the capture was cut at the snap length). */
  readonly originalLength: number;
}
export interface Capture {
  readonly linkType: number;
  readonly nanosecond: boolean;
  readonly packets: CapturedPacket[];
}

/** Writes a little-endian, microsecond pcap (magic 0xa1b2c3d4, version 2.4, Ethernet). */
export function writePcap(packets: readonly { readonly timeMicros: number; readonly data: Uint8Array }[]): Uint8Array {
  let size = 24;
  for (const p of packets) size += 16 + p.data.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, PCAP_SNAPLEN, true);
  v.setUint32(20, LINKTYPE_ETHERNET, true);
  let at = 24;
  for (const p of packets) {
    const t = Math.max(0, Math.floor(p.timeMicros));
    v.setUint32(at, Math.floor(t / 1e6) >>> 0, true);
    v.setUint32(at + 4, t % 1e6, true);
    v.setUint32(at + 8, p.data.length, true);
    v.setUint32(at + 12, p.data.length, true);
    out.set(p.data, at + 16);
    at += 16 + p.data.length;
  }
  return out;
}

function fail(code: InputError['code'], message: string, offset: number): { ok: false; error: InputError } {
  return { ok: false, error: { code, message, offset } };
}

/**
 * Reads a pcap. Accepts both byte orders and the nanosecond variant; only Ethernet (link type 1) is decoded.
 * Each record advances by 16 + its length, and both the size and the packet count are capped, so it ends.
 */
export function readPcap(file: Uint8Array, maxBytes = MAX_PCAP_BYTES): Result<Capture, InputError> {
  if (file.length > maxBytes)
    return fail('too-large', `The file is ${file.length} bytes; the limit is ${maxBytes}`, maxBytes);
  if (file.length < 24)
    return fail('truncated', `A pcap starts with a 24-byte header; the file has ${file.length} bytes`, 0);
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const magic = v.getUint32(0, true);
  const order = MAGICS[magic];
  if (!order) {
    const seen = magic.toString(16).padStart(8, '0');
    const hint = magic === 0x4d3c2b1a || magic === 0x0a0d0d0a ? ' (pcapng is not supported: save as pcap)' : '';
    return fail('bad-magic', `Magic number 0x${seen} at offset 0 is not a pcap file${hint}`, 0);
  }
  const le = order.le;
  const linkType = v.getUint32(20, le) & 0x0fffffff;
  if (linkType !== LINKTYPE_ETHERNET) {
    return fail(
      'unsupported-link-type',
      `Link type ${linkType} at offset 20 is not Ethernet (1): only Ethernet captures are decoded`,
      20,
    );
  }
  const packets: CapturedPacket[] = [];
  let at = 24;
  while (at < file.length) {
    if (packets.length >= MAX_PCAP_PACKETS)
      return fail('too-large', `More than ${MAX_PCAP_PACKETS} packets; stopped at offset ${at}`, at);
    if (at + 16 > file.length)
      return fail('truncated', `Record header at offset ${at} needs 16 bytes, ${file.length - at} left`, at);
    const incl = v.getUint32(at + 8, le);
    const orig = v.getUint32(at + 12, le);
    if (incl > PCAP_SNAPLEN)
      return fail('bad-record', `Record at offset ${at} claims ${incl} captured bytes (limit ${PCAP_SNAPLEN})`, at + 8);
    if (at + 16 + incl > file.length) {
      return fail(
        'truncated',
        `Record at offset ${at} claims ${incl} bytes; only ${file.length - at - 16} are left`,
        at + 8,
      );
    }
    const sub = v.getUint32(at + 4, le);
    const timeMicros = v.getUint32(at, le) * 1e6 + (order.nano ? Math.floor(sub / 1000) : sub);
    packets.push({ timeMicros, data: file.slice(at + 16, at + 16 + incl), originalLength: Math.max(orig, incl) });
    at += 16 + incl;
  }
  return { ok: true, value: { linkType, nanosecond: order.nano, packets } };
}
const MAGICS: Readonly<Record<number, { le: boolean; nano: boolean }>> = {
  2712847316: { le: true, nano: false },
  3569595041: { le: false, nano: false },
  2712812621: { le: true, nano: true },
  1295823521: { le: false, nano: true },
};
