/**
 * MTU effects, built as packets: TCP segmentation by MSS, IPv4 fragmentation (DF clear), ICMP "fragmentation
 * needed" when DF is set, and ICMPv6 "packet too big" — the packets path MTU discovery learns from.
 */
import { concat, internetChecksum, put16, u8, u16 } from './bytes.ts';
import { buildFrame } from './encode.ts';
import type { EthernetSpec, FrameSpec, Ipv4Spec, Ipv6Spec, TcpSpec } from './spec.ts';
import type { InputError, Result } from './types.ts';

/** MSS for an MTU: the MTU less 20 bytes of IPv4 (40 of IPv6) and 20 of TCP — 1460 on Ethernet's 1500. */
export function mssFor(mtu: number, version: 4 | 6): number {
  return Math.max(0, mtu - (version === 4 ? 20 : 40) - 20);
}

/** Splits a TCP payload into MSS-sized segments with consecutive sequence numbers; PSH on the last. */
export function segmentTcp(spec: FrameSpec & { transport: TcpSpec }, payload: Uint8Array, mss: number): Uint8Array[] {
  const size = Math.max(1, Math.floor(mss));
  const frames: Uint8Array[] = [];
  for (let at = 0; at < payload.length || at === 0; at += size) {
    const last = at + size >= payload.length;
    const flags = (spec.transport.flags & ~0x008) | (last ? 0x008 : 0);
    const transport: TcpSpec = { ...spec.transport, seq: (spec.transport.seq + at) >>> 0, flags };
    frames.push(buildFrame({ ...spec, transport, payload: payload.subarray(at, at + size) }));
    if (payload.length === 0) break;
  }
  return frames;
}

export type FragmentOutcome =
  | { readonly kind: 'fits'; readonly frames: Uint8Array[] }
  | { readonly kind: 'fragmented'; readonly frames: Uint8Array[] }
  | { readonly kind: 'frag-needed'; readonly frames: Uint8Array[]; readonly icmp: Uint8Array };

function fail(message: string, offset: number): { ok: false; error: InputError } {
  return { ok: false, error: { code: 'bad-record', message, offset } };
}

/**
 * Sends an IPv4 frame (Ethernet header of `ethLength` bytes) over a link of `mtu` bytes. DF clear: fragments
 * whose data is a multiple of 8 bytes, offsets in 8-byte units, MF on all but the last. DF set: the router at
 * `router` answers with ICMP type 3 code 4 carrying the next-hop MTU and the original header + 8 bytes.
 */
export function fragmentIpv4(
  frame: Uint8Array,
  mtu: number,
  router: { ethernet: EthernetSpec; ip: Uint8Array },
  ethLength = 14,
): Result<FragmentOutcome, InputError> {
  const ip = frame.subarray(ethLength);
  if (ip.length < 20 || u8(ip, 0) >>> 4 !== 4) return fail(`No IPv4 header at offset ${ethLength}`, ethLength);
  const hl = (u8(ip, 0) & 15) * 4;
  const total = Math.min(u16(ip, 2), ip.length);
  if (hl < 20 || total < hl) return fail(`IPv4 header at offset ${ethLength} has bad lengths`, ethLength);
  if (total <= mtu) return { ok: true, value: { kind: 'fits', frames: [frame] } };
  if (mtu < 68) return fail(`An MTU of ${mtu} is below IPv4's minimum of 68`, 0);
  const eth = frame.subarray(0, ethLength);
  if (u16(ip, 6) & 0x4000) {
    const src = ip.slice(12, 16);
    const quote = ip.slice(0, Math.min(total, hl + 8));
    const icmp = buildFrame({
      ethernet: router.ethernet,
      network: { kind: 'ipv4', src: router.ip, dst: src, ttl: 64 },
      transport: { kind: 'icmp', type: 3, code: 4, mtu },
      payload: quote,
    });
    return { ok: true, value: { kind: 'frag-needed', frames: [], icmp } };
  }
  const step = Math.floor((mtu - hl) / 8) * 8;
  const baseOffset = u16(ip, 6) & 0x1fff;
  const frames: Uint8Array[] = [];
  for (let at = hl; at < total; at += step) {
    const end = Math.min(total, at + step);
    const more = end < total || (u16(ip, 6) & 0x2000) !== 0;
    const header = ip.slice(0, hl);
    put16(header, 2, hl + end - at);
    put16(header, 6, (more ? 0x2000 : 0) | (baseOffset + (at - hl) / 8));
    put16(header, 10, 0);
    put16(header, 10, internetChecksum(header, 0, hl));
    frames.push(concat([eth, header, ip.subarray(at, end)]));
  }
  return { ok: true, value: { kind: 'fragmented', frames } };
}

/** IPv6 routers never fragment: an oversized packet is dropped and answered with ICMPv6 type 2 (packet too big). */
export function packetTooBig(
  frame: Uint8Array,
  mtu: number,
  router: { ethernet: EthernetSpec; ip: Uint8Array },
  ethLength = 14,
): Result<FragmentOutcome, InputError> {
  const ip = frame.subarray(ethLength);
  if (ip.length < 40 || u8(ip, 0) >>> 4 !== 6) return fail(`No IPv6 header at offset ${ethLength}`, ethLength);
  if (ip.length <= mtu) return { ok: true, value: { kind: 'fits', frames: [frame] } };
  // RFC 4443 §2.4: the error message carries as much of the invoking packet as fits in the minimum MTU, 1280.
  const quote = ip.slice(0, 1280 - 48);
  const net: Ipv6Spec = { kind: 'ipv6', src: router.ip, dst: ip.slice(8, 24), hopLimit: 64 };
  const icmp = buildFrame({
    ethernet: router.ethernet,
    network: net,
    transport: { kind: 'icmpv6', type: 2, code: 0, mtu },
    payload: quote,
  });
  return { ok: true, value: { kind: 'frag-needed', frames: [], icmp } };
}

/** A DF-clear IPv4 spec: convenience for scenarios that show fragmentation. */
export function withoutDf(ip: Ipv4Spec): Ipv4Spec {
  return { ...ip, df: false };
}

/**
 * The IPv6 source fragments (routers never do): after a packet too big it splits the packet after the 40-byte
 * header into pieces of a multiple of 8 bytes, each behind a Fragment header (offset in 8-byte units, M on all
 * but the last). Extension headers before the upper layer are treated as fragmentable payload.
 */
export function fragmentIpv6(
  frame: Uint8Array,
  mtu: number,
  id: number,
  ethLength = 14,
): Result<FragmentOutcome, InputError> {
  const ip = frame.subarray(ethLength);
  if (ip.length < 40 || u8(ip, 0) >>> 4 !== 6) return fail(`No IPv6 header at offset ${ethLength}`, ethLength);
  if (mtu < 1280) return fail(`An MTU of ${mtu} is below IPv6's minimum of 1280`, 0);
  const end = Math.min(ip.length, 40 + u16(ip, 4));
  if (end <= mtu) return { ok: true, value: { kind: 'fits', frames: [frame] } };
  const step = Math.floor((mtu - 48) / 8) * 8;
  const frames: Uint8Array[] = [];
  for (let at = 40; at < end; at += step) {
    const stop = Math.min(end, at + step);
    const header = ip.slice(0, 40);
    put16(header, 4, 8 + stop - at);
    header[6] = 44;
    const frag = new Uint8Array(8);
    frag[0] = u8(ip, 6);
    put16(frag, 2, (((at - 40) / 8) << 3) | (stop < end ? 1 : 0));
    frag[4] = (id >>> 24) & 0xff;
    frag[5] = (id >>> 16) & 0xff;
    frag[6] = (id >>> 8) & 0xff;
    frag[7] = id & 0xff;
    frames.push(concat([frame.subarray(0, ethLength), header, frag, ip.subarray(at, stop)]));
  }
  return { ok: true, value: { kind: 'fragmented', frames } };
}
