/** Encoders: a FrameSpec becomes the bytes on the wire, with every length and checksum computed. */
import { concat, internetChecksum, parseIpv4, parseIpv6, parseMac, pseudoHeaderSum, put16, put32 } from './bytes.ts';
import type {
  ArpSpec,
  EthernetSpec,
  FrameSpec,
  IcmpSpec,
  Icmpv6Spec,
  Ipv4Spec,
  Ipv6Extension,
  Ipv6Spec,
  TcpOption,
  TcpSpec,
  TransportSpec,
  UdpSpec,
} from './spec.ts';

/** A MAC address constant; throws on a malformed literal (a bug, not user input: use parseMac for that). */
export function mac(text: string): Uint8Array {
  return unwrap(parseMac(text), text);
}
export function ipv4(text: string): Uint8Array {
  return unwrap(parseIpv4(text), text);
}
export function ipv6(text: string): Uint8Array {
  return unwrap(parseIpv6(text), text);
}
function unwrap(r: ReturnType<typeof parseMac>, text: string): Uint8Array {
  if (r.ok) return r.value;
  throw new Error(`Invalid address literal '${text}'`, { cause: r.error });
}

export const ETHERTYPE = { IPV4: 0x0800, ARP: 0x0806, VLAN: 0x8100, IPV6: 0x86dd } as const;
export const IP_PROTOCOL = {
  HOPOPT: 0,
  ICMP: 1,
  TCP: 6,
  UDP: 17,
  ROUTING: 43,
  FRAGMENT: 44,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
} as const;

export function transportProtocol(t: TransportSpec | undefined, fallback: number | undefined): number {
  if (t === undefined) return fallback ?? IP_PROTOCOL.NONE;
  return { tcp: 6, udp: 17, icmp: 1, icmpv6: 58 }[t.kind];
}

/** Builds a whole frame: payload, then transport (checksummed with the pseudo-header), network, Ethernet. */
export function buildFrame(spec: FrameSpec): Uint8Array {
  const payload = spec.payload ?? new Uint8Array(0);
  const net = spec.network;
  if (net.kind === 'arp') return concat([encodeEthernet(spec.ethernet, ETHERTYPE.ARP), encodeArp(net)]);
  const protocol = transportProtocol(spec.transport, net.protocol);
  const pseudo = (length: number): number =>
    net.kind === 'ipv4'
      ? pseudoHeaderSum(concat([net.src, net.dst]), 0, 4, 4, protocol, length)
      : pseudoHeaderSum(concat([net.src, net.dst]), 0, 16, 16, protocol, length);
  const upper = spec.transport ? encodeTransport(spec.transport, payload, pseudo) : payload;
  const ip = net.kind === 'ipv4' ? encodeIpv4(net, protocol, upper) : encodeIpv6(net, protocol, upper);
  return concat([encodeEthernet(spec.ethernet, net.kind === 'ipv4' ? ETHERTYPE.IPV4 : ETHERTYPE.IPV6), ip]);
}

export function encodeEthernet(e: EthernetSpec, etherType: number): Uint8Array {
  const out = new Uint8Array(e.vlan ? 18 : 14);
  out.set(e.dst.subarray(0, 6), 0);
  out.set(e.src.subarray(0, 6), 6);
  if (e.vlan) {
    put16(out, 12, ETHERTYPE.VLAN);
    put16(out, 14, ((e.vlan.priority & 7) << 13) | (e.vlan.dei ? 0x1000 : 0) | (e.vlan.id & 0xfff));
  }
  put16(out, out.length - 2, e.etherType ?? etherType);
  return out;
}

export function encodeArp(a: ArpSpec): Uint8Array {
  const out = new Uint8Array(28);
  put16(out, 0, 1);
  put16(out, 2, ETHERTYPE.IPV4);
  out[4] = 6;
  out[5] = 4;
  put16(out, 6, a.opcode);
  out.set(a.senderMac.subarray(0, 6), 8);
  out.set(a.senderIp.subarray(0, 4), 14);
  out.set(a.targetMac.subarray(0, 6), 18);
  out.set(a.targetIp.subarray(0, 4), 24);
  return out;
}

export function encodeIpv4(ip: Ipv4Spec, protocol: number, upper: Uint8Array): Uint8Array {
  const opts = ip.options ?? new Uint8Array(0);
  const optLen = Math.min(40, Math.ceil(opts.length / 4) * 4);
  const hl = 20 + optLen;
  const out = new Uint8Array(hl + upper.length);
  out[0] = 0x40 | (hl / 4);
  out[1] = (((ip.dscp ?? 0) & 0x3f) << 2) | ((ip.ecn ?? 0) & 3);
  put16(out, 2, out.length);
  put16(out, 4, ip.id ?? 0);
  put16(out, 6, (ip.df ? 0x4000 : 0) | (ip.mf ? 0x2000 : 0) | ((ip.fragmentOffset ?? 0) & 0x1fff));
  out[8] = ip.ttl ?? 64;
  out[9] = protocol;
  out.set(ip.src.subarray(0, 4), 12);
  out.set(ip.dst.subarray(0, 4), 16);
  out.set(opts.subarray(0, optLen), 20);
  put16(out, 10, ip.checksum ?? internetChecksum(out, 0, hl));
  out.set(upper, hl);
  return out;
}

const EXT_NUMBER = { 'hop-by-hop': 0, routing: 43, fragment: 44, destination: 60 } as const;

export function encodeIpv6(ip: Ipv6Spec, protocol: number, upper: Uint8Array): Uint8Array {
  const exts = ip.extensions ?? [];
  const encoded = exts.map((x, k) => encodeIpv6Extension(x, nextOf(exts, k, protocol)));
  const ext = concat(encoded);
  const out = new Uint8Array(40 + ext.length + upper.length);
  put32(out, 0, ((6 << 28) | (((ip.trafficClass ?? 0) & 0xff) << 20) | ((ip.flowLabel ?? 0) & 0xfffff)) >>> 0);
  put16(out, 4, ext.length + upper.length);
  out[6] = nextOf(exts, -1, protocol);
  out[7] = ip.hopLimit ?? 64;
  out.set(ip.src.subarray(0, 16), 8);
  out.set(ip.dst.subarray(0, 16), 24);
  out.set(ext, 40);
  out.set(upper, 40 + ext.length);
  return out;
}
function nextOf(exts: readonly Ipv6Extension[], k: number, protocol: number): number {
  const next = exts[k + 1];
  return next ? EXT_NUMBER[next.kind] : protocol;
}
function encodeIpv6Extension(x: Ipv6Extension, next: number): Uint8Array {
  if (x.kind === 'fragment') {
    const out = new Uint8Array(8);
    out[0] = next;
    put16(out, 2, ((x.offset & 0x1fff) << 3) | (x.more ? 1 : 0));
    put32(out, 4, x.id);
    return out;
  }
  const units = Math.max(1, Math.ceil((x.data.length + 2) / 8));
  const out = new Uint8Array(Math.min(units, 256) * 8);
  out[0] = next;
  out[1] = out.length / 8 - 1;
  out.set(x.data.subarray(0, out.length - 2), 2);
  return out;
}

function encodeTransport(t: TransportSpec, payload: Uint8Array, pseudo: (length: number) => number): Uint8Array {
  switch (t.kind) {
    case 'tcp':
      return encodeTcp(t, payload, pseudo);
    case 'udp':
      return encodeUdp(t, payload, pseudo);
    case 'icmp':
      return encodeIcmp(t, payload);
    case 'icmpv6':
      return encodeIcmpv6(t, payload, pseudo);
  }
}

export function encodeTcpOptions(options: readonly TcpOption[]): Uint8Array {
  const bytes: number[] = [];
  const push32 = (v: number): void => {
    bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  };
  for (const o of options) {
    if (o.kind === 'eol') bytes.push(0);
    else if (o.kind === 'nop') bytes.push(1);
    else if (o.kind === 'mss') bytes.push(2, 4, (o.value >>> 8) & 0xff, o.value & 0xff);
    else if (o.kind === 'window-scale') bytes.push(3, 3, o.shift & 0xff);
    else if (o.kind === 'sack-permitted') bytes.push(4, 2);
    else if (o.kind === 'sack') {
      const blocks = o.blocks.slice(0, 4);
      bytes.push(5, 2 + 8 * blocks.length);
      for (const [l, r] of blocks) {
        push32(l);
        push32(r);
      }
    } else {
      bytes.push(8, 10);
      push32(o.value);
      push32(o.echo);
    }
  }
  while (bytes.length % 4 !== 0) bytes.push(0);
  return Uint8Array.from(bytes.slice(0, 40));
}

export function encodeTcp(t: TcpSpec, payload: Uint8Array, pseudo: (length: number) => number): Uint8Array {
  const opts = encodeTcpOptions(t.options ?? []);
  const hl = 20 + opts.length;
  const out = new Uint8Array(hl + payload.length);
  put16(out, 0, t.srcPort);
  put16(out, 2, t.dstPort);
  put32(out, 4, t.seq);
  put32(out, 8, t.ack);
  put16(out, 12, ((hl / 4) << 12) | (t.flags & 0x1ff));
  put16(out, 14, t.window);
  put16(out, 18, t.urgent ?? 0);
  out.set(opts, 20);
  out.set(payload, hl);
  put16(out, 16, t.checksum ?? internetChecksum(out, 0, out.length, pseudo(out.length)));
  return out;
}

export function encodeUdp(u: UdpSpec, payload: Uint8Array, pseudo: (length: number) => number): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  put16(out, 0, u.srcPort);
  put16(out, 2, u.dstPort);
  put16(out, 4, out.length);
  out.set(payload, 8);
  const sum = internetChecksum(out, 0, out.length, pseudo(out.length));
  // RFC 768: a computed 0 is sent as 0xffff (0 means "no checksum").
  put16(out, 6, u.checksum ?? (sum === 0 ? 0xffff : sum));
  return out;
}

export function encodeIcmp(m: IcmpSpec, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  out[0] = m.type;
  out[1] = m.code;
  if (m.type === 3) put16(out, 6, m.mtu ?? 0);
  else {
    put16(out, 4, m.id ?? 0);
    put16(out, 6, m.seq ?? 0);
  }
  out.set(payload, 8);
  put16(out, 2, internetChecksum(out, 0, out.length));
  return out;
}

export function encodeIcmpv6(m: Icmpv6Spec, payload: Uint8Array, pseudo: (length: number) => number): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  out[0] = m.type;
  out[1] = m.code;
  if (m.type === 2) put32(out, 4, m.mtu ?? 0);
  else {
    put16(out, 4, m.id ?? 0);
    put16(out, 6, m.seq ?? 0);
  }
  out.set(payload, 8);
  put16(out, 2, internetChecksum(out, 0, out.length, pseudo(out.length)));
  return out;
}
