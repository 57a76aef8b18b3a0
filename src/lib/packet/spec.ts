/** What a frame is built from: one spec per layer, addresses as bytes (see `mac`, `ipv4`, `ipv6`). */

export interface EthernetSpec {
  readonly dst: Uint8Array;
  readonly src: Uint8Array;
  /** An 802.1Q tag between the source address and the EtherType. */
  readonly vlan?: { readonly priority: number; readonly dei: boolean; readonly id: number };
  /** Override the EtherType (defaults from the network layer). */
  readonly etherType?: number;
}

export interface ArpSpec {
  readonly kind: 'arp';
  /** 1 request, 2 reply. */
  readonly opcode: number;
  readonly senderMac: Uint8Array;
  readonly senderIp: Uint8Array;
  readonly targetMac: Uint8Array;
  readonly targetIp: Uint8Array;
}

export interface Ipv4Spec {
  readonly kind: 'ipv4';
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly dscp?: number;
  readonly ecn?: number;
  readonly id?: number;
  readonly df?: boolean;
  readonly mf?: boolean;
  /** Fragment offset in 8-byte units. */
  readonly fragmentOffset?: number;
  readonly ttl?: number;
  /** Defaults from the transport layer (6 TCP, 17 UDP, 1 ICMP); required for raw payloads such as fragments. */
  readonly protocol?: number;
  /** Raw option bytes, padded with zeros (End of Option List) to a multiple of 4, at most 40. */
  readonly options?: Uint8Array;
  /** Force a header checksum (e.g. a wrong one); computed when absent. */
  readonly checksum?: number;
}

export type Ipv6Extension =
  | { readonly kind: 'hop-by-hop' | 'destination' | 'routing'; readonly data: Uint8Array }
  | { readonly kind: 'fragment'; readonly offset: number; readonly more: boolean; readonly id: number };

export interface Ipv6Spec {
  readonly kind: 'ipv6';
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  readonly trafficClass?: number;
  readonly flowLabel?: number;
  readonly hopLimit?: number;
  /** Extension headers in order; opaque data is padded to fill 8-byte units (6 + 8n bytes). */
  readonly extensions?: readonly Ipv6Extension[];
  /** Upper-layer protocol for raw payloads (defaults from the transport layer). */
  readonly protocol?: number;
}

export type TcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'window-scale'; readonly shift: number }
  | { readonly kind: 'sack-permitted' }
  | { readonly kind: 'sack'; readonly blocks: readonly (readonly [number, number])[] }
  | { readonly kind: 'timestamps'; readonly value: number; readonly echo: number };

/** TCP flag bits, as in the 9-bit flags field (NS is the high bit). */
export const TCP_FLAGS = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  NS: 0x100,
} as const;

export interface TcpSpec {
  readonly kind: 'tcp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** 9 bits, see TCP_FLAGS. */
  readonly flags: number;
  readonly window: number;
  readonly urgent?: number;
  readonly options?: readonly TcpOption[];
  readonly checksum?: number;
}

export interface UdpSpec {
  readonly kind: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
  /** Force a checksum (0 = none, IPv4 only); computed when absent. */
  readonly checksum?: number;
}

/** ICMP echo (8 request / 0 reply: id, seq) or destination unreachable (3, code 4 = fragmentation needed: mtu). */
export interface IcmpSpec {
  readonly kind: 'icmp';
  readonly type: number;
  readonly code: number;
  readonly id?: number;
  readonly seq?: number;
  readonly mtu?: number;
}

/** ICMPv6 echo (128 request / 129 reply: id, seq) or packet too big (2: mtu). */
export interface Icmpv6Spec {
  readonly kind: 'icmpv6';
  readonly type: number;
  readonly code: number;
  readonly id?: number;
  readonly seq?: number;
  readonly mtu?: number;
}

export type NetworkSpec = ArpSpec | Ipv4Spec | Ipv6Spec;
export type TransportSpec = TcpSpec | UdpSpec | IcmpSpec | Icmpv6Spec;

export interface FrameSpec {
  readonly ethernet: EthernetSpec;
  readonly network: NetworkSpec;
  readonly transport?: TransportSpec;
  readonly payload?: Uint8Array;
}
