/**
 * Seeded generator of frames across every layer combination the packet model encodes: Ethernet ± 802.1Q,
 * ARP / IPv4 (± options, DF, fragments) / IPv6 (± hop-by-hop, destination, fragment headers), TCP (random flags
 * and options), TLS ClientHello on 443 (random SNI, ALPN, suites, session id), UDP (raw, DNS), ICMP/ICMPv6 (echo, frag-needed / packet too big), HTTP text and edge lengths.
 * Shared by the unit fuzz test and the tshark integration test.
 */
import {
  buildFrame,
  encodeClientHello,
  encodeDnsMessage,
  type FrameSpec,
  fragmentIpv4,
  fragmentIpv6,
  type Ipv6Extension,
  type NetworkSpec,
  type TcpOption,
  type TransportSpec,
} from '../../src/lib/packet/index.ts';

export type Rng = () => number;
/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const bytes = (r: Rng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(r, 0, 255));
const chance = (r: Rng, p: number): boolean => r() < p;

function unicastMac(r: Rng): Uint8Array {
  const m = bytes(r, 6);
  m[0] = ((m[0] ?? 0) & 0xfe) | 0x02;
  return m;
}
function hostV4(r: Rng): Uint8Array {
  // Avoid 0/8, loopback, multicast and broadcast, which Wireshark flags as bogus source addresses.
  return Uint8Array.from([
    int(r, 1, 223) === 127 ? 10 : int(r, 1, 223),
    int(r, 0, 255),
    int(r, 0, 255),
    int(r, 1, 254),
  ]);
}
function hostV6(r: Rng): Uint8Array {
  const a = bytes(r, 16);
  a[0] = 0x20;
  a[1] = 0x01;
  return a;
}
/** Payload lengths with edges: empty, 1, odd, 8-byte boundaries, and sizes that fill a 1,500-byte MTU. */
function payloadLength(r: Rng, room: number): number {
  return Math.max(0, Math.min(room, pick(r, [0, 1, 2, 7, 8, 9, 63, 64, int(r, 0, 200), int(r, 0, room), room])));
}

function tcpOptions(r: Rng): TcpOption[] {
  const opts: TcpOption[] = [];
  let size = 0;
  const add = (o: TcpOption, n: number): void => {
    if (size + n <= 40) {
      opts.push(o);
      size += n;
    }
  };
  const kinds = ['mss', 'ws', 'sackp', 'sack', 'ts', 'nop'] as const;
  for (let k = int(r, 0, 6); k > 0; k--) {
    const kind = pick(r, kinds);
    if (kind === 'mss') add({ kind: 'mss', value: int(r, 0, 65_535) }, 4);
    else if (kind === 'ws') add({ kind: 'window-scale', shift: int(r, 0, 14) }, 3);
    else if (kind === 'sackp') add({ kind: 'sack-permitted' }, 2);
    else if (kind === 'ts')
      add({ kind: 'timestamps', value: int(r, 0, 2 ** 32 - 1), echo: int(r, 0, 2 ** 32 - 1) }, 10);
    else if (kind === 'nop') add({ kind: 'nop' }, 1);
    else {
      const n = int(r, 1, 4);
      const blocks = Array.from({ length: n }, () => {
        const left = int(r, 0, 2 ** 31);
        return [left, (left + int(r, 1, 100_000)) >>> 0] as const;
      });
      add({ kind: 'sack', blocks }, 2 + 8 * n);
    }
  }
  if (chance(r, 0.2)) add({ kind: 'eol' }, 1);
  return opts;
}

const HTTP_PATHS = ['/', '/index.html', '/a?b=c', '/images/logo.png'];
function httpText(r: Rng): Uint8Array {
  return new TextEncoder().encode(
    `GET ${pick(r, HTTP_PATHS)} HTTP/1.1\r\nHost: example.com\r\nUser-Agent: gen/${int(r, 1, 9)}\r\nAccept: */*\r\n\r\n`,
  );
}
function dnsText(r: Rng): Uint8Array {
  const name = pick(r, ['example.com', 'www.example.org', 'a.b.c.example.net']);
  const response = chance(r, 0.5);
  const v6 = chance(r, 0.3);
  const answers = response ? Array.from({ length: int(r, 0, 3) }, () => (v6 ? hostV6(r) : hostV4(r))) : [];
  return encodeDnsMessage({ id: int(r, 0, 65_535), response, name, type: v6 ? 28 : 1, answers });
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const word = (r: Rng, lo: number, hi: number): string =>
  Array.from({ length: int(r, lo, hi) }, () => LETTERS[int(r, 0, 35)]).join('');
/** A ClientHello with random SNI, ALPN list, cipher suites (any code points), session id length and random. */
function clientHello(r: Rng): Uint8Array {
  const alpn = Array.from({ length: int(r, 1, 4) }, () => pick(r, ['h2', 'http/1.1', 'h3', word(r, 1, 20)]));
  return encodeClientHello({
    serverName: `${word(r, 1, 40)}.${pick(r, ['example.com', 'example.org', 'test'])}`,
    alpn,
    cipherSuites: Array.from({ length: int(r, 1, 20) }, () =>
      chance(r, 0.5) ? int(r, 0x1301, 0x1303) : int(r, 1, 0xffff),
    ),
    random: bytes(r, 32),
    sessionId: bytes(r, pick(r, [0, 8, 32, int(r, 0, 32)])),
    keyShare: bytes(r, 32),
  });
}

export interface Generated {
  readonly description: string;
  readonly frames: Uint8Array[];
}

function network(r: Rng, v6: boolean, room: number): NetworkSpec & { kind: 'ipv4' | 'ipv6' } {
  if (!v6) {
    const options = chance(r, 0.2)
      ? chance(r, 0.5)
        ? Uint8Array.from([148, 4, 0, 0])
        : new Uint8Array(int(r, 1, 39)).fill(1)
      : undefined;
    return {
      kind: 'ipv4',
      src: hostV4(r),
      dst: hostV4(r),
      dscp: int(r, 0, 63),
      ecn: int(r, 0, 3),
      id: int(r, 0, 65_535),
      df: chance(r, 0.5),
      ttl: int(r, 1, 255),
      ...(options ? { options } : {}),
    };
  }
  const extensions: Ipv6Extension[] = [];
  const padN = (n: number): Uint8Array => Uint8Array.from([1, n - 2, ...new Uint8Array(n - 2)]);
  if (chance(r, 0.25)) extensions.push({ kind: 'hop-by-hop', data: padN(6 + 8 * int(r, 0, 2)) });
  if (chance(r, 0.2)) extensions.push({ kind: 'destination', data: padN(6 + 8 * int(r, 0, 2)) });
  if (chance(r, 0.15)) extensions.push({ kind: 'fragment', offset: 0, more: false, id: int(r, 0, 2 ** 32 - 1) });
  void room;
  return {
    kind: 'ipv6',
    src: hostV6(r),
    dst: hostV6(r),
    trafficClass: int(r, 0, 255),
    flowLabel: int(r, 0, 0xfffff),
    hopLimit: int(r, 1, 255),
    extensions,
  };
}

/** One generated case: usually one frame, several for IPv4 fragments. */
export function generate(r: Rng): Generated {
  const ethernet = {
    src: unicastMac(r),
    dst: chance(r, 0.1) ? new Uint8Array(6).fill(0xff) : unicastMac(r),
    ...(chance(r, 0.3) ? { vlan: { priority: int(r, 0, 7), dei: chance(r, 0.3), id: int(r, 1, 4094) } } : {}),
  };
  const shape = r();
  if (shape < 0.08) {
    const opcode = int(r, 1, 2);
    const spec: FrameSpec = {
      ethernet,
      network: {
        kind: 'arp',
        opcode,
        senderMac: ethernet.src,
        senderIp: hostV4(r),
        targetMac: opcode === 1 ? new Uint8Array(6) : unicastMac(r),
        targetIp: hostV4(r),
      },
    };
    return { description: `arp op ${opcode}`, frames: [buildFrame(spec)] };
  }
  const v6 = chance(r, 0.4);
  const net = network(r, v6, 1500);
  if (shape < 0.16 && !v6) return fragments(r, ethernet, net as NetworkSpec & { kind: 'ipv4' });
  if (shape < 0.2 && v6) return fragments6(r, ethernet, net as NetworkSpec & { kind: 'ipv6' });
  const headerRoom = 1500 - 60 - 60 - (v6 ? 48 : 0);
  const t = r();
  let transport: TransportSpec;
  let payload: Uint8Array;
  let what: string;
  if (t < 0.45) {
    const http = chance(r, 0.25);
    const tls = !http && chance(r, 0.3);
    transport = {
      kind: 'tcp',
      srcPort: http || tls ? int(r, 32_768, 60_999) : pick(r, [40_001, 40_123, 44_444, 47_000]),
      dstPort: http ? 80 : tls ? 443 : pick(r, [40_002, 40_321, 45_555, 47_001]),
      seq: int(r, 0, 2 ** 32 - 1),
      ack: int(r, 0, 2 ** 32 - 1),
      flags: http || tls ? 0x018 : int(r, 0, 0x1ff),
      window: int(r, 0, 65_535),
      urgent: int(r, 0, 65_535),
      options: tcpOptions(r),
    };
    payload = http ? httpText(r) : tls ? clientHello(r) : bytes(r, payloadLength(r, headerRoom));
    what = http ? 'tcp http' : tls ? 'tcp tls' : 'tcp';
  } else if (t < 0.75) {
    const dns = chance(r, 0.3);
    transport = {
      kind: 'udp',
      srcPort: dns ? int(r, 32_768, 60_999) : pick(r, [40_003, 41_000, 46_000]),
      dstPort: dns ? 53 : pick(r, [40_004, 42_000, 46_001]),
    };
    payload = dns ? dnsText(r) : bytes(r, payloadLength(r, headerRoom));
    what = dns ? 'udp dns' : 'udp';
  } else if (t < 0.9) {
    const echoType = v6 ? pick(r, [128, 129]) : pick(r, [8, 0]);
    transport = v6
      ? { kind: 'icmpv6', type: echoType, code: 0, id: int(r, 0, 65_535), seq: int(r, 0, 65_535) }
      : { kind: 'icmp', type: echoType, code: 0, id: int(r, 0, 65_535), seq: int(r, 0, 65_535) };
    payload = bytes(r, payloadLength(r, headerRoom));
    what = 'echo';
  } else {
    // An error quoting a real packet: frag-needed (IPv4) or packet too big (IPv6).
    const inner = buildFrame({
      ethernet,
      network: network(r, v6, 1500),
      transport: { kind: 'udp', srcPort: 40_005, dstPort: 40_006 },
      payload: bytes(r, int(r, 8, 100)),
    });
    const ethLen = ethernet.vlan ? 18 : 14;
    const ip = inner.subarray(ethLen);
    transport = v6
      ? { kind: 'icmpv6', type: 2, code: 0, mtu: int(r, 1280, 9000) }
      : { kind: 'icmp', type: 3, code: 4, mtu: int(r, 68, 1499) };
    payload = v6
      ? ip.slice(0, Math.min(ip.length, 1232))
      : ip.slice(0, Math.min(ip.length, ((ip[0] ?? 0x45) & 15) * 4 + 8));
    what = v6 ? 'packet-too-big' : 'frag-needed';
  }
  return {
    description: `${v6 ? 'ipv6' : 'ipv4'} ${what}`,
    frames: [buildFrame({ ethernet, network: net, transport, payload })],
  };
}

function fragments(r: Rng, ethernet: FrameSpec['ethernet'], net: NetworkSpec & { kind: 'ipv4' }): Generated {
  const whole = buildFrame({
    ethernet,
    network: { ...net, df: false },
    transport: { kind: 'udp', srcPort: 40_007, dstPort: 40_008 },
    payload: bytes(r, int(r, 100, 3000)),
  });
  const mtu = int(r, 68 + 40, 1500);
  const router = { ethernet, ip: hostV4(r) };
  const out = fragmentIpv4(whole, mtu, router, ethernet.vlan ? 18 : 14);
  const frames = out.ok ? (out.value.kind === 'frag-needed' ? [out.value.icmp] : out.value.frames) : [whole];
  return { description: `ipv4 fragments mtu ${mtu}`, frames };
}

function fragments6(r: Rng, ethernet: FrameSpec['ethernet'], net: NetworkSpec & { kind: 'ipv6' }): Generated {
  const whole = buildFrame({
    ethernet,
    network: { ...net, extensions: [] },
    transport: { kind: 'udp', srcPort: 40_009, dstPort: 40_010 },
    payload: bytes(r, int(r, 1300, 4000)),
  });
  const mtu = int(r, 1280, 1500);
  const out = fragmentIpv6(whole, mtu, int(r, 0, 2 ** 32 - 1), ethernet.vlan ? 18 : 14);
  return { description: `ipv6 fragments mtu ${mtu}`, frames: out.ok ? out.value.frames : [whole] };
}
