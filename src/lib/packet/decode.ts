/**
 * Decoders: bytes of an Ethernet frame become layers, an annotated byte map and problems. Total on any input:
 * every read is bounds-checked, every loop advances and is bounded by the frame length or a fixed count.
 */

import { type Ctx, field, need, problem } from './annotate.ts';
import {
  formatIpv4,
  formatIpv6,
  formatMac,
  hex16,
  internetChecksum,
  pseudoHeaderSum,
  toHex,
  u8,
  u16,
  u32,
} from './bytes.ts';
import { decodeTls, looksLikeTls } from './tls-decode.ts';
import type { Decoded } from './types.ts';

export { type Ctx, field } from './annotate.ts';

/** Where the pseudo-header's addresses sit, for TCP/UDP/ICMPv6 checksums. */
interface Pseudo {
  readonly src: number;
  readonly dst: number;
  readonly addrLen: number;
  /** Whether the IP layer is a fragment, so the upper-layer checksum cannot be verified from this frame. */
  readonly fragment: boolean;
}

/** Largest frame the decoder accepts (bigger input is decoded up to this length, with a problem). */
export const MAX_FRAME = 262_144;

export interface DecodeOptions {
  /** Build the annotated byte map (default true); false decodes layers and checks checksums only. */
  readonly annotate?: boolean;
}

export function decodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const b = bytes.length > MAX_FRAME ? bytes.subarray(0, MAX_FRAME) : bytes;
  const c: Ctx = { b, fields: [], layers: [], problems: [], annotate: options.annotate ?? true };
  if (bytes.length > MAX_FRAME)
    problem(c, 'bad-length', MAX_FRAME, `Frame of ${bytes.length} bytes cut at ${MAX_FRAME}`);
  decodeEthernet(c);
  return { layers: c.layers, fields: c.fields, problems: c.problems };
}

export const ETHERTYPE_NAMES: Readonly<Record<number, string>> = {
  2048: 'IPv4',
  2054: 'ARP',
  33024: '802.1Q VLAN tag',
  34525: 'IPv6',
};

// A Map: an object with keys such as 34525 keeps them in slow dictionary elements.
const ETHERTYPES = new Map(Object.entries(ETHERTYPE_NAMES).map(([k, v]) => [Number(k), v]));

function decodeEthernet(c: Ctx): void {
  const { b } = c;
  if (!need(c, 'Ethernet II', 0, 14, b.length)) return;
  const L = 'Ethernet II';
  const dst = formatMac(b, 0);
  field(c, L, 0, 0, 48, 'Destination', 'eth.dst', dst, macMeaning(b, 0));
  const src = formatMac(b, 6);
  field(c, L, 6, 0, 48, 'Source', 'eth.src', src, macMeaning(b, 6));
  let at = 12;
  let type = u16(b, at);
  field(c, L, at, 0, 16, 'Type', 'eth.type', type, ETHERTYPES.get(type) ?? 'not decoded');
  c.layers.push({ name: L, offset: 0, length: 14, summary: `${src} → ${dst}` });
  at += 2;
  // At most two stacked tags (QinQ); a third is shown as an unsupported payload.
  for (let tags = 0; type === 0x8100 && tags < 2; tags++) {
    if (!need(c, '802.1Q', at, 4, b.length)) return;
    const tci = u16(b, at);
    const V = '802.1Q';
    field(c, V, at, 0, 3, 'Priority (PCP)', 'vlan.priority', tci >>> 13);
    field(c, V, at, 3, 1, 'Drop eligible (DEI)', 'vlan.dei', (tci >>> 12) & 1);
    field(c, V, at, 4, 12, 'VLAN ID', 'vlan.id', tci & 0xfff);
    type = u16(b, at + 2);
    field(c, V, at + 2, 0, 16, 'Type', 'vlan.etype', type, ETHERTYPES.get(type) ?? 'not decoded');
    c.layers.push({ name: V, offset: at, length: 4, summary: `VLAN ${tci & 0xfff}` });
    at += 4;
  }
  if (type === 0x0800) decodeIpv4(c, at, b.length);
  else if (type === 0x86dd) decodeIpv6(c, at, b.length);
  else if (type === 0x0806) decodeArp(c, at);
  else {
    problem(c, 'unsupported', at - 2, `EtherType ${hex16(type)} is not decoded here`);
    decodePayload(c, at, b.length, 'data');
  }
}
function macMeaning(b: Uint8Array, i: number): string {
  if (u32(b, i) === 0xffffffff && u16(b, i + 4) === 0xffff) return 'broadcast';
  if (u8(b, i) & 1) return 'multicast (group bit set)';
  return u8(b, i) & 2 ? 'unicast, locally administered' : 'unicast';
}

function decodeArp(c: Ctx, at: number): void {
  const { b } = c;
  const L = 'ARP';
  if (!need(c, L, at, 8, b.length)) return;
  const hlen = u8(b, at + 4);
  const plen = u8(b, at + 5);
  field(c, L, at, 0, 16, 'Hardware type', 'arp.hw.type', u16(b, at), u16(b, at) === 1 ? 'Ethernet' : '');
  field(c, L, at + 2, 0, 16, 'Protocol type', 'arp.proto.type', u16(b, at + 2), ETHERTYPES.get(u16(b, at + 2)) ?? '');
  field(c, L, at + 4, 0, 8, 'Hardware size', 'arp.hw.size', hlen);
  field(c, L, at + 5, 0, 8, 'Protocol size', 'arp.proto.size', plen);
  const op = u16(b, at + 6);
  field(c, L, at + 6, 0, 16, 'Opcode', 'arp.opcode', op, op === 1 ? 'request' : op === 2 ? 'reply' : '');
  if (hlen !== 6 || plen !== 4) {
    problem(
      c,
      'unsupported',
      at + 4,
      `ARP with ${hlen}-byte hardware and ${plen}-byte protocol addresses is not decoded`,
    );
    return;
  }
  if (!need(c, L, at, 28, b.length)) return;
  field(c, L, at + 8, 0, 48, 'Sender MAC address', 'arp.src.hw_mac', formatMac(b, at + 8));
  field(c, L, at + 14, 0, 32, 'Sender IP address', 'arp.src.proto_ipv4', formatIpv4(b, at + 14));
  field(c, L, at + 18, 0, 48, 'Target MAC address', 'arp.dst.hw_mac', formatMac(b, at + 18));
  field(c, L, at + 24, 0, 32, 'Target IP address', 'arp.dst.proto_ipv4', formatIpv4(b, at + 24));
  const who = `${formatIpv4(b, at + 24)}? Tell ${formatIpv4(b, at + 14)}`;
  const summary = op === 1 ? `Who has ${who}` : `${formatIpv4(b, at + 14)} is at ${formatMac(b, at + 8)}`;
  c.layers.push({ name: L, offset: at, length: 28, summary });
  if (at + 28 < b.length) trailer(c, at + 28, b.length);
}
function trailer(c: Ctx, from: number, to: number): void {
  field(
    c,
    'Ethernet II',
    from,
    0,
    (to - from) * 8,
    'Padding / trailer',
    undefined,
    toHex(c.b, from, Math.min(to, from + 64)),
    `${to - from} bytes after the packet`,
  );
}

// Meanings built once instead of per frame (the byte map's strings are most of what decoding allocates).
/** A 4-bit header length in 32-bit words, as the meaning says it: WORDS[5] = '5 × 4 bytes'. */
const WORDS = Array.from({ length: 16 }, (_, n) => `${n} × 4 bytes`);
const FIRST_FRAGMENT = '0 bytes into the original datagram';

export const IP_PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  0: 'IPv6 Hop-by-Hop Options',
  1: 'ICMP',
  6: 'TCP',
  17: 'UDP',
  43: 'IPv6 Routing',
  44: 'IPv6 Fragment',
  58: 'ICMPv6',
  59: 'No Next Header',
  60: 'IPv6 Destination Options',
};

// One field per IPv4 header field, so the function is long but flat: no branches beyond bounds checks.
function decodeIpv4(c: Ctx, at: number, end: number): void {
  const { b } = c;
  const L = 'IPv4';
  if (!need(c, L, at, 20, end)) return;
  const version = u8(b, at) >>> 4;
  const hl = (u8(b, at) & 15) * 4;
  field(c, L, at, 0, 4, 'Version', 'ip.version', version, version === 4 ? 'IPv4' : 'should be 4');
  field(c, L, at, 4, 4, 'Header length', 'ip.hdr_len', hl, WORDS[hl / 4] ?? '');
  if (version !== 4) problem(c, 'bad-version', at, `IP version ${version} in an IPv4 packet at offset ${at}`);
  if (hl < 20) {
    problem(c, 'bad-header-length', at, `IPv4 header length ${hl} at offset ${at} is below the minimum of 20`);
    return;
  }
  field(c, L, at + 1, 0, 6, 'Differentiated Services Codepoint', 'ip.dsfield.dscp', u8(b, at + 1) >>> 2);
  field(c, L, at + 1, 6, 2, 'Explicit Congestion Notification', 'ip.dsfield.ecn', u8(b, at + 1) & 3);
  const total = u16(b, at + 2);
  field(c, L, at + 2, 0, 16, 'Total length', 'ip.len', total, 'header + data, bytes');
  field(c, L, at + 4, 0, 16, 'Identification', 'ip.id', u16(b, at + 4));
  const ff = u16(b, at + 6);
  const df = (ff >>> 14) & 1;
  const mf = (ff >>> 13) & 1;
  const frag = ff & 0x1fff;
  field(c, L, at + 6, 0, 1, 'Reserved bit', 'ip.flags.rb', ff >>> 15);
  field(
    c,
    L,
    at + 6,
    1,
    1,
    "Don't fragment",
    'ip.flags.df',
    df,
    df ? 'routers must not fragment' : 'may be fragmented',
  );
  field(
    c,
    L,
    at + 6,
    2,
    1,
    'More fragments',
    'ip.flags.mf',
    mf,
    mf ? 'more fragments follow' : 'last (or only) fragment',
  );
  const fragMeaning = frag === 0 ? FIRST_FRAGMENT : `${frag * 8} bytes into the original datagram`;
  field(c, L, at + 6, 3, 13, 'Fragment offset', 'ip.frag_offset', frag, fragMeaning);
  field(c, L, at + 8, 0, 8, 'Time to live', 'ip.ttl', u8(b, at + 8), 'hops left');
  const proto = u8(b, at + 9);
  field(c, L, at + 9, 0, 8, 'Protocol', 'ip.proto', proto, IP_PROTOCOL_NAMES[proto] ?? '');
  if (!need(c, L, at, hl, end)) return;
  const sum = u16(b, at + 10);
  const good = internetChecksum(b, at, at + hl) === 0;
  field(
    c,
    L,
    at + 10,
    0,
    16,
    'Header checksum',
    'ip.checksum',
    sum,
    good ? 'correct' : `incorrect, should be ${hex16(expected(b, at, hl, at + 10))}`,
  );
  const src = formatIpv4(b, at + 12);
  const dst = formatIpv4(b, at + 16);
  field(c, L, at + 12, 0, 32, 'Source address', 'ip.src', src);
  field(c, L, at + 16, 0, 32, 'Destination address', 'ip.dst', dst);
  if (hl > 20)
    field(
      c,
      L,
      at + 20,
      0,
      (hl - 20) * 8,
      'Options (raw)',
      undefined,
      toHex(b, at + 20, at + hl),
      `${hl - 20} bytes, not decoded`,
    );
  if (!good) problem(c, 'bad-checksum', at + 10, `IPv4 header checksum ${hex16(sum)} at offset ${at + 10} is wrong`);
  let stop = at + total;
  if (total < hl || stop > end) {
    problem(
      c,
      'bad-length',
      at + 2,
      `IPv4 total length ${total} at offset ${at + 2} does not fit the ${end - at} bytes present`,
    );
    stop = Math.max(at + hl, Math.min(stop, end));
  }
  const summary = `${src} → ${dst}, TTL ${u8(b, at + 8)}${mf || frag ? `, fragment at ${frag * 8}` : ''}`;
  c.layers.push({ name: L, offset: at, length: hl, summary, checksum: good ? 'good' : 'bad' });
  const pseudo: Pseudo = { src: at + 12, dst: at + 16, addrLen: 4, fragment: mf === 1 || frag > 0 };
  if (frag > 0) decodePayload(c, at + hl, stop, 'fragment');
  else decodeUpper(c, proto, at + hl, stop, pseudo);
  if (stop < end && stop >= at + total) trailer(c, stop, end);
}
/** The checksum a header should carry: the checksum computed with the checksum field zeroed. */
function expected(b: Uint8Array, start: number, len: number, sumAt: number): number {
  const copy = b.slice(start, start + len);
  copy[sumAt - start] = 0;
  copy[sumAt - start + 1] = 0;
  return internetChecksum(copy, 0, copy.length);
}

function decodeIpv6(c: Ctx, at: number, end: number): void {
  const { b } = c;
  const L = 'IPv6';
  if (!need(c, L, at, 40, end)) return;
  const w = u32(b, at);
  const version = w >>> 28;
  field(c, L, at, 0, 4, 'Version', 'ipv6.version', version, version === 6 ? 'IPv6' : 'should be 6');
  if (version !== 6) problem(c, 'bad-version', at, `IP version ${version} in an IPv6 packet at offset ${at}`);
  field(c, L, at, 4, 8, 'Traffic class', 'ipv6.tclass', (w >>> 20) & 0xff, TRAFFIC_CLASS[(w >>> 20) & 0xff] ?? '');
  field(c, L, at + 1, 4, 20, 'Flow label', 'ipv6.flow', w & 0xfffff);
  const plen = u16(b, at + 4);
  field(c, L, at + 4, 0, 16, 'Payload length', 'ipv6.plen', plen, 'bytes after this 40-byte header');
  const next = u8(b, at + 6);
  field(c, L, at + 6, 0, 8, 'Next header', 'ipv6.nxt', next, IP_PROTOCOL_NAMES[next] ?? '');
  field(c, L, at + 7, 0, 8, 'Hop limit', 'ipv6.hlim', u8(b, at + 7), 'hops left');
  const src = formatIpv6(b, at + 8);
  const dst = formatIpv6(b, at + 24);
  field(c, L, at + 8, 0, 128, 'Source address', 'ipv6.src', src);
  field(c, L, at + 24, 0, 128, 'Destination address', 'ipv6.dst', dst);
  c.layers.push({ name: L, offset: at, length: 40, summary: `${src} → ${dst}` });
  let stop = at + 40 + plen;
  if (stop > end) {
    problem(
      c,
      'bad-length',
      at + 4,
      `IPv6 payload length ${plen} at offset ${at + 4} exceeds the ${end - at - 40} bytes present`,
    );
    stop = end;
  }
  decodeIpv6Chain(c, next, at + 40, stop);
  if (stop < end) trailer(c, stop, end);
}

/** Meaning of each traffic class value: 'DSCP 0, ECN 0'. */
const TRAFFIC_CLASS = Array.from({ length: 256 }, (_, v) => `DSCP ${v >>> 2}, ECN ${v & 3}`);

const EXT_KEYS: Readonly<Record<number, string>> = { 0: 'ipv6.hopopts', 43: 'ipv6.routing', 60: 'ipv6.dstopts' };

function decodeIpv6Chain(c: Ctx, first: number, start: number, stop: number): void {
  const { b } = c;
  const ipStart = start - 40;
  const pseudo: Pseudo = { src: ipStart + 8, dst: ipStart + 24, addrLen: 16, fragment: false };
  let next = first;
  let at = start;
  const X = 'IPv6 extension';
  // Each extension header advances `at` by at least 8 bytes; at most 16 headers are followed.
  for (let n = 0; n < 16; n++) {
    const key = EXT_KEYS[next];
    if (next === 44) {
      if (!need(c, X, at, 8, stop)) return;
      const nx = u8(b, at);
      const off = u16(b, at + 2);
      field(c, X, at, 0, 8, 'Next header', 'ipv6.fraghdr.nxt', nx, IP_PROTOCOL_NAMES[nx] ?? '');
      field(c, X, at + 1, 0, 8, 'Reserved', 'ipv6.fraghdr.reserved_octet', u8(b, at + 1));
      field(c, X, at + 2, 0, 13, 'Fragment offset', 'ipv6.fraghdr.offset', off >>> 3, `${(off >>> 3) * 8} bytes`);
      field(c, X, at + 3, 5, 2, 'Reserved bits', 'ipv6.fraghdr.reserved_bits', (off >>> 1) & 3);
      field(c, X, at + 3, 7, 1, 'More fragments', 'ipv6.fraghdr.more', off & 1);
      field(c, X, at + 4, 0, 32, 'Identification', 'ipv6.fraghdr.ident', u32(b, at + 4));
      c.layers.push({
        name: X,
        offset: at,
        length: 8,
        summary: `Fragment header, offset ${(off >>> 3) * 8}${off & 1 ? ', more' : ''}`,
      });
      if (off >>> 3 > 0 || off & 1) {
        if (off >>> 3 > 0) decodePayload(c, at + 8, stop, 'fragment');
        else decodeUpper(c, nx, at + 8, stop, { ...pseudo, fragment: true });
        return;
      }
      next = nx;
      at += 8;
    } else if (key !== undefined) {
      if (!need(c, X, at, 8, stop)) return;
      const len = (u8(b, at + 1) + 1) * 8;
      const nx = u8(b, at);
      field(c, X, at, 0, 8, 'Next header', `${key}.nxt`, nx, IP_PROTOCOL_NAMES[nx] ?? '');
      field(c, X, at + 1, 0, 8, 'Length', `${key}.len`, u8(b, at + 1), `${len} bytes in all`);
      if (!need(c, X, at, len, stop)) return;
      field(
        c,
        X,
        at + 2,
        0,
        (len - 2) * 8,
        'Options / data (raw)',
        undefined,
        toHex(b, at + 2, at + len),
        'not decoded',
      );
      c.layers.push({ name: X, offset: at, length: len, summary: IP_PROTOCOL_NAMES[next] ?? '' });
      next = nx;
      at += len;
    } else {
      decodeUpper(c, next, at, stop, pseudo);
      return;
    }
  }
  problem(c, 'too-many-headers', at, `More than 16 IPv6 extension headers; stopped at offset ${at}`);
}

function decodeUpper(c: Ctx, proto: number, at: number, stop: number, p: Pseudo): void {
  if (proto === 6) decodeTcp(c, at, stop, p);
  else if (proto === 17) decodeUdp(c, at, stop, p);
  else if (proto === 1) decodeIcmp(c, at, stop, p);
  else if (proto === 58) decodeIcmpv6(c, at, stop, p);
  else if (proto === 59) {
    if (stop > at) decodePayload(c, at, stop, 'data');
  } else {
    problem(c, 'unsupported', at, `IP protocol ${proto} at offset ${at} is not decoded here`);
    decodePayload(c, at, stop, 'data');
  }
}

type Verdict = 'good' | 'bad' | 'absent' | 'unverified';
function verify(c: Ctx, at: number, stop: number, initial: number, sumAt: number, p: Pseudo | null): Verdict {
  if (p?.fragment) return 'unverified';
  const ok = internetChecksum(c.b, at, stop, initial) === 0;
  if (!ok) problem(c, 'bad-checksum', sumAt, `Checksum ${hex16(u16(c.b, sumAt))} at offset ${sumAt} is wrong`);
  return ok ? 'good' : 'bad';
}
function pseudoSum(c: Ctx, p: Pseudo, proto: number, len: number): number {
  return pseudoHeaderSum(c.b, p.src, p.dst, p.addrLen, proto, len);
}
function sumMeaning(v: Verdict): string {
  return v === 'good'
    ? 'correct'
    : v === 'bad'
      ? 'incorrect'
      : v === 'absent'
        ? 'none (0 = not computed)'
        : 'not verifiable: the datagram is fragmented';
}

function decodeUdp(c: Ctx, at: number, stop: number, p: Pseudo): void {
  const { b } = c;
  const L = 'UDP';
  if (!need(c, L, at, 8, stop)) return;
  const len = u16(b, at + 4);
  const sum = u16(b, at + 6);
  field(c, L, at, 0, 16, 'Source port', 'udp.srcport', u16(b, at));
  field(c, L, at + 2, 0, 16, 'Destination port', 'udp.dstport', u16(b, at + 2));
  field(c, L, at + 4, 0, 16, 'Length', 'udp.length', len, 'header + data, bytes');
  let end = at + len;
  if (len < 8 || end > stop) {
    if (!p.fragment)
      problem(
        c,
        'bad-length',
        at + 4,
        `UDP length ${len} at offset ${at + 4} does not fit the ${stop - at} bytes present`,
      );
    end = stop;
  }
  const v: Verdict =
    sum === 0 && p.addrLen === 4 ? 'absent' : verify(c, at, end, pseudoSum(c, p, 17, end - at), at + 6, p);
  field(c, L, at + 6, 0, 16, 'Checksum', 'udp.checksum', sum, sumMeaning(v));
  c.layers.push({
    name: L,
    offset: at,
    length: 8,
    summary: `${u16(b, at)} → ${u16(b, at + 2)}, ${end - at - 8} bytes`,
    checksum: v,
  });
  if (end > at + 8) decodePayload(c, at + 8, end, u16(b, at) === 53 || u16(b, at + 2) === 53 ? 'dns' : 'data');
}

const TCP_FLAG_NAMES = [
  ['Accurate ECN (AE, was NS)', 'tcp.flags.ae'],
  ['Congestion Window Reduced', 'tcp.flags.cwr'],
  ['ECN-Echo', 'tcp.flags.ece'],
  ['Urgent', 'tcp.flags.urg'],
  ['Acknowledgment', 'tcp.flags.ack'],
  ['Push', 'tcp.flags.push'],
  ['Reset', 'tcp.flags.reset'],
  ['Syn', 'tcp.flags.syn'],
  ['Fin', 'tcp.flags.fin'],
] as const;
const SHORT_FLAGS = ['AE', 'CWR', 'ECE', 'URG', 'ACK', 'PSH', 'RST', 'SYN', 'FIN'] as const;
/** The set flags of each 9-bit flags value, as the summary lists them: FLAG_SETS[0x012] = 'ACK, SYN'. */
const FLAG_SETS = Array.from({ length: 512 }, (_, flags) =>
  SHORT_FLAGS.filter((_name, i) => (flags >>> (8 - i)) & 1).join(', '),
);

function decodeTcp(c: Ctx, at: number, stop: number, p: Pseudo): void {
  const { b } = c;
  const L = 'TCP';
  if (!need(c, L, at, 20, stop)) return;
  field(c, L, at, 0, 16, 'Source port', 'tcp.srcport', u16(b, at));
  field(c, L, at + 2, 0, 16, 'Destination port', 'tcp.dstport', u16(b, at + 2));
  field(c, L, at + 4, 0, 32, 'Sequence number', 'tcp.seq_raw', u32(b, at + 4));
  field(c, L, at + 8, 0, 32, 'Acknowledgment number', 'tcp.ack_raw', u32(b, at + 8));
  const hl = (u8(b, at + 12) >>> 4) * 4;
  field(c, L, at + 12, 0, 4, 'Header length', 'tcp.hdr_len', hl, WORDS[hl / 4] ?? '');
  field(c, L, at + 12, 4, 3, 'Reserved', 'tcp.flags.res', (u8(b, at + 12) >>> 1) & 7);
  const flags = u16(b, at + 12) & 0x1ff;
  const set = FLAG_SETS[flags] ?? '';
  for (let i = 0; i < 9; i++) {
    const bit = (flags >>> (8 - i)) & 1;
    const names = TCP_FLAG_NAMES[i];
    if (names) field(c, L, at + 12 + (i === 0 ? 0 : 1), i === 0 ? 7 : i - 1, 1, names[0], names[1], bit);
  }
  field(c, L, at + 14, 0, 16, 'Window', 'tcp.window_size_value', u16(b, at + 14), 'before window scaling');
  if (hl < 20 || at + hl > stop) {
    problem(
      c,
      'bad-header-length',
      at + 12,
      `TCP header length ${hl} at offset ${at + 12} does not fit (20–${Math.min(60, stop - at)})`,
    );
    return;
  }
  const v = verify(c, at, stop, pseudoSum(c, p, 6, stop - at), at + 16, p);
  field(c, L, at + 16, 0, 16, 'Checksum', 'tcp.checksum', u16(b, at + 16), sumMeaning(v));
  field(c, L, at + 18, 0, 16, 'Urgent pointer', 'tcp.urgent_pointer', u16(b, at + 18));
  decodeTcpOptions(c, at + 20, at + hl);
  const summary = `${u16(b, at)} → ${u16(b, at + 2)} [${set}] seq ${u32(b, at + 4)} ack ${u32(b, at + 8)}, ${stop - at - hl} bytes`;
  c.layers.push({ name: L, offset: at, length: hl, summary, checksum: v });
  if (stop <= at + hl) return;
  // TLS by port, as Wireshark decides (443 both ways), when the bytes start like a record.
  if ((u16(b, at) === 443 || u16(b, at + 2) === 443) && looksLikeTls(b, at + hl, stop)) decodeTls(c, at + hl, stop);
  else decodePayload(c, at + hl, stop, 'text');
}

const TCP_OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'End of Option List',
  1: 'No-Operation',
  2: 'Maximum segment size',
  3: 'Window scale',
  4: 'SACK permitted',
  5: 'SACK',
  8: 'Timestamps',
};

const TCP_OPTION_KIND: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(TCP_OPTION_NAMES).map(([k, name]) => [k, `${name}: kind`]),
);
const TCP_OPTION_LENGTH: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(TCP_OPTION_NAMES).map(([k, name]) => [k, `${name}: length`]),
);

// Each option advances `at` by at least one byte (EOL/NOP) or by its length (≥ 2), so the loop ends.
function decodeTcpOptions(c: Ctx, start: number, end: number): void {
  const { b } = c;
  const L = 'TCP';
  let at = start;
  while (at < end) {
    const kind = u8(b, at);
    const name = TCP_OPTION_NAMES[kind] ?? `Option ${kind}`;
    field(c, L, at, 0, 8, TCP_OPTION_KIND[kind] ?? `${name}: kind`, 'tcp.option_kind', kind, name);
    if (kind === 0) {
      if (at + 1 < end) field(c, L, at + 1, 0, (end - at - 1) * 8, 'Padding', undefined, toHex(b, at + 1, end));
      return;
    }
    if (kind === 1) {
      at += 1;
      continue;
    }
    const len = u8(b, at + 1);
    if (at + 2 > end || len < 2 || at + len > end) {
      problem(
        c,
        'bad-option',
        at,
        `TCP option ${kind} at offset ${at} has length ${len}, which does not fit the ${end - at} option bytes left`,
      );
      return;
    }
    field(c, L, at + 1, 0, 8, TCP_OPTION_LENGTH[kind] ?? `${name}: length`, 'tcp.option_len', len);
    decodeTcpOptionValue(c, kind, at, len);
    at += len;
  }
}
function decodeTcpOptionValue(c: Ctx, kind: number, at: number, len: number): void {
  const { b } = c;
  const L = 'TCP';
  if (kind === 2 && len === 4)
    field(
      c,
      L,
      at + 2,
      0,
      16,
      'MSS',
      'tcp.options.mss_val',
      u16(b, at + 2),
      'largest segment payload the sender accepts',
    );
  else if (kind === 3 && len === 3)
    field(
      c,
      L,
      at + 2,
      0,
      8,
      'Shift count',
      'tcp.options.wscale.shift',
      u8(b, at + 2),
      `window × ${2 ** Math.min(u8(b, at + 2), 14)}`,
    );
  else if (kind === 8 && len === 10) {
    field(c, L, at + 2, 0, 32, 'Timestamp value', 'tcp.options.timestamp.tsval', u32(b, at + 2));
    field(c, L, at + 6, 0, 32, 'Timestamp echo reply', 'tcp.options.timestamp.tsecr', u32(b, at + 6));
  } else if (kind === 5 && (len - 2) % 8 === 0) {
    for (let k = at + 2; k + 8 <= at + len; k += 8) {
      field(c, L, k, 0, 32, 'SACK left edge', 'tcp.options.sack_le', u32(b, k));
      field(c, L, k + 4, 0, 32, 'SACK right edge', 'tcp.options.sack_re', u32(b, k + 4));
    }
  } else if (len > 2) field(c, L, at + 2, 0, (len - 2) * 8, 'Option data (raw)', undefined, toHex(b, at + 2, at + len));
}

function decodeIcmp(c: Ctx, at: number, stop: number, p: Pseudo): void {
  const { b } = c;
  const L = 'ICMP';
  if (!need(c, L, at, 8, stop)) return;
  const type = u8(b, at);
  field(c, L, at, 0, 8, 'Type', 'icmp.type', type, ICMP_TYPES[type] ?? '');
  field(
    c,
    L,
    at + 1,
    0,
    8,
    'Code',
    'icmp.code',
    u8(b, at + 1),
    type === 3 && u8(b, at + 1) === 4 ? 'fragmentation needed and DF set' : '',
  );
  const v = verify(c, at, stop, 0, at + 2, p);
  field(c, L, at + 2, 0, 16, 'Checksum', 'icmp.checksum', u16(b, at + 2), sumMeaning(v));
  if (type === 0 || type === 8) {
    field(c, L, at + 4, 0, 16, 'Identifier', 'icmp.ident', u16(b, at + 4));
    field(c, L, at + 6, 0, 16, 'Sequence number', 'icmp.seq', u16(b, at + 6));
  } else if (type === 3 && u8(b, at + 1) === 4) {
    field(c, L, at + 4, 0, 16, 'Unused', undefined, u16(b, at + 4));
    field(c, L, at + 6, 0, 16, 'Next-hop MTU', 'icmp.mtu', u16(b, at + 6), 'largest packet the next link carries');
  } else field(c, L, at + 4, 0, 32, 'Rest of header (raw)', undefined, toHex(b, at + 4, at + 8));
  c.layers.push({ name: L, offset: at, length: 8, summary: ICMP_TYPES[type] ?? `type ${type}`, checksum: v });
  if (stop > at + 8) decodePayload(c, at + 8, stop, type === 3 || type === 11 ? 'original' : 'data');
}
const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'Echo reply',
  3: 'Destination unreachable',
  8: 'Echo request',
  11: 'Time exceeded',
};
const ICMPV6_TYPES: Readonly<Record<number, string>> = {
  1: 'Destination unreachable',
  2: 'Packet too big',
  3: 'Time exceeded',
  128: 'Echo request',
  129: 'Echo reply',
};

function decodeIcmpv6(c: Ctx, at: number, stop: number, p: Pseudo): void {
  const { b } = c;
  const L = 'ICMPv6';
  if (!need(c, L, at, 8, stop)) return;
  const type = u8(b, at);
  field(c, L, at, 0, 8, 'Type', 'icmpv6.type', type, ICMPV6_TYPES[type] ?? '');
  field(c, L, at + 1, 0, 8, 'Code', 'icmpv6.code', u8(b, at + 1));
  const v = verify(c, at, stop, pseudoSum(c, p, 58, stop - at), at + 2, p);
  field(c, L, at + 2, 0, 16, 'Checksum', 'icmpv6.checksum', u16(b, at + 2), sumMeaning(v));
  if (type === 128 || type === 129) {
    field(c, L, at + 4, 0, 16, 'Identifier', 'icmpv6.echo.identifier', u16(b, at + 4));
    field(c, L, at + 6, 0, 16, 'Sequence number', 'icmpv6.echo.sequence_number', u16(b, at + 6));
  } else if (type === 2)
    field(c, L, at + 4, 0, 32, 'MTU', 'icmpv6.mtu', u32(b, at + 4), 'largest packet the next link carries');
  else field(c, L, at + 4, 0, 32, 'Rest of header (raw)', undefined, toHex(b, at + 4, at + 8));
  c.layers.push({ name: L, offset: at, length: 8, summary: ICMPV6_TYPES[type] ?? `type ${type}`, checksum: v });
  if (stop > at + 8) decodePayload(c, at + 8, stop, type < 128 ? 'original' : 'data');
}

const TEXT = new TextDecoder();
type PayloadKind = 'data' | 'text' | 'dns' | 'fragment' | 'original';
const HTTP_START =
  /^(?:GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE) \S+ HTTP\/1\.[01]\r\n|^HTTP\/1\.[01] \d{3}/;

const PAYLOAD_NAMES: Readonly<Record<PayloadKind, string>> = {
  data: 'Data',
  text: 'Data',
  dns: 'DNS message (raw)',
  fragment: 'Fragment data',
  original: 'Original datagram (raw)',
};

/** Payload bytes: HTTP/1.x text is annotated line by line; everything else is shown raw. */
export function decodePayload(c: Ctx, at: number, stop: number, kind: PayloadKind): void {
  const { b } = c;
  const len = stop - at;
  if (len <= 0) return;
  if (kind === 'text' && looksLikeHttp(b, at, stop)) {
    decodeHttp(c, at, stop);
    return;
  }
  const what = PAYLOAD_NAMES[kind];
  field(
    c,
    'Payload',
    at,
    0,
    len * 8,
    what,
    undefined,
    len <= 64 ? toHex(b, at, stop) : `${toHex(b, at, at + 64)}…`,
    `${len} bytes, not decoded`,
  );
  c.layers.push({ name: 'Payload', offset: at, length: len, summary: `${what}, ${len} bytes` });
}
/** Short ASCII lines by char codes (much faster than TextDecoder for a few dozen bytes); anything else as UTF-8. */
function textOf(b: Uint8Array, start: number, end: number): string {
  if (end - start > 256) return TEXT.decode(b.subarray(start, end));
  let out = '';
  for (let i = start; i < end; i++) {
    const ch = u8(b, i);
    if (ch >= 0x80) return TEXT.decode(b.subarray(start, end));
    out += String.fromCharCode(ch);
  }
  return out;
}
function looksLikeHttp(b: Uint8Array, at: number, stop: number): boolean {
  const c = u8(b, at);
  // Every HTTP/1.x start line begins with an upper-case ASCII letter; skip the regex for binary data.
  if (c < 0x41 || c > 0x5a || stop - at < 14) return false;
  return HTTP_START.test(textOf(b, at, Math.min(stop, at + 24)));
}
function decodeHttp(c: Ctx, at: number, stop: number): void {
  const { b } = c;
  let line = c.annotate ? at : stop;
  // At most 200 lines are annotated; the rest of the message is one raw field.
  for (let n = 0; n < 200 && line < stop; n++) {
    let e = line;
    while (e < stop && !(u8(b, e) === 0x0d && u8(b, e + 1) === 0x0a)) e++;
    const next = Math.min(stop, e + 2);
    const text = textOf(b, line, e);
    field(
      c,
      'Payload',
      line,
      0,
      (next - line) * 8,
      n === 0 ? 'Start line' : text === '' ? 'End of headers' : 'Header line',
      undefined,
      text,
    );
    line = next;
    if (text === '') break;
  }
  if (line < stop) field(c, 'Payload', line, 0, (stop - line) * 8, 'Body', undefined, `${stop - line} bytes`);
  // The start line up to its CRLF within the first 80 bytes (what splitting those 80 bytes at CRLF gives).
  const end = Math.min(stop, at + 80);
  let e = at;
  while (e + 1 < end && !(u8(b, e) === 0x0d && u8(b, e + 1) === 0x0a)) e++;
  const first = textOf(b, at, e + 1 < end ? e : end);
  c.layers.push({ name: 'Payload', offset: at, length: stop - at, summary: `HTTP/1.1: ${first}` });
}
