/**
 * NAT behaviour presets, each with where its numbers come from. `linux-masquerade` is the one the integration test
 * (tests/integration/nat-netfilter.test.ts) checks against the running kernel's netfilter, packet for packet; the
 * others are the RFC 4787 classes, checked against the RFC's definitions by unit and property tests.
 */
import type { NatBehaviour, Timeouts } from './types.ts';

/**
 * Linux conntrack's default timeouts (net.netfilter.nf_conntrack_* sysctls, nf_conntrack_proto_{udp,tcp}.c),
 * the same on every kernel since 5.x that this project looked at (6.18 on the test machine).
 */
export const LINUX_TIMEOUTS: Timeouts = {
  udpUnreplied: 30,
  udpStream: 120,
  udpStreamAfter: 2,
  tcpSynSent: 120,
  tcpSynRecv: 60,
  tcpEstablished: 432_000,
  tcpFinWait: 120,
  tcpCloseWait: 60,
  tcpLastAck: 30,
  tcpTimeWait: 120,
  tcpClose: 10,
};

/**
 * The RFC floors: UDP mappings last at least 2 min (RFC 4787 REQ-5; 5 min RECOMMENDED, used here), established TCP
 * at least 2 h 4 min (RFC 5382 REQ-5), TCP in a transitory state (opening or closing) at least 4 min (REQ-5 ibid.).
 */
export const RFC_TIMEOUTS: Timeouts = {
  udpUnreplied: 300,
  udpStream: 300,
  udpStreamAfter: 0,
  tcpSynSent: 240,
  tcpSynRecv: 240,
  tcpEstablished: 7440,
  tcpFinWait: 240,
  tcpCloseWait: 240,
  tcpLastAck: 240,
  tcpTimeWait: 240,
  tcpClose: 240,
};

export const PRESET_IDS = [
  'linux-masquerade',
  'linux-masquerade-open-input',
  'linux-masquerade-random',
  'full-cone',
  'restricted-cone',
  'port-restricted-cone',
  'symmetric',
  'carrier-grade',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** A preset: the behaviour, a short name, what it is, and its source. */
export interface NatPreset {
  readonly id: PresetId;
  readonly label: string;
  readonly behaviour: NatBehaviour;
  readonly summary: string;
  readonly source: string;
}

const linux: NatBehaviour = {
  mapping: 'endpoint-independent',
  filtering: 'address-and-port-dependent',
  portSharing: 'distinct-remotes',
  portAssignment: 'preserve',
  searchRange: 'linux-classes',
  inboundRefresh: true,
  tracksRefused: false,
  hairpin: 'dnat-only',
  timeouts: LINUX_TIMEOUTS,
};

const rfc = (over: Partial<NatBehaviour>): NatBehaviour => ({
  mapping: 'endpoint-independent',
  filtering: 'endpoint-independent',
  portSharing: 'never',
  portAssignment: 'sequential',
  searchRange: { min: 1024, max: 65535 },
  inboundRefresh: false,
  tracksRefused: false,
  hairpin: 'external-source',
  timeouts: RFC_TIMEOUTS,
  ...over,
});

/** Every preset, in the order the playground lists them. */
export const PRESETS: readonly NatPreset[] = [
  {
    id: 'linux-masquerade',
    label: 'Linux masquerade (most home routers)',
    behaviour: linux,
    summary:
      'Endpoint-independent mapping while the port is free, keeps the source port, shares an external port between two LAN hosts while their remote endpoints differ, address-and-port-dependent filtering. Assumes the router’s input firewall drops unsolicited packets, as router distributions do. Hairpinning needs an extra rule.',
    source:
      'nftables `masquerade` on Linux 6.18 (nf_nat_core.c get_unique_tuple), measured by tests/integration/nat-netfilter.test.ts',
  },
  {
    id: 'linux-masquerade-open-input',
    label: 'Linux masquerade, no input firewall',
    behaviour: { ...linux, tracksRefused: true },
    summary:
      'The same NAT on a router that does not drop unsolicited packets addressed to itself: each one leaves a conntrack entry, and a peer’s early hole-punching packet then takes the very reply tuple the local host needs, so its flow is moved to a random port.',
    source:
      'conntrack confirms the null-binding entry of a packet delivered to the router (nf_confirm); measured by the integration test',
  },
  {
    id: 'linux-masquerade-random',
    label: 'Linux masquerade fully-random',
    behaviour: { ...linux, mapping: 'address-and-port-dependent', portAssignment: 'random' },
    summary:
      'Every new flow gets a random external port: address-and-port-dependent mapping, so hole punching through it fails.',
    source: 'nftables `masquerade fully-random` (NF_NAT_RANGE_PROTO_RANDOM_ALL skips reuse and preservation)',
  },
  {
    id: 'full-cone',
    label: 'Full cone (EIM + EIF)',
    behaviour: rfc({}),
    summary: 'Once mapped, anyone on the internet can reach the inside endpoint through its external port.',
    source: 'RFC 4787 §4.1 and §5 (endpoint-independent mapping and filtering); RFC 3489 called it full cone',
  },
  {
    id: 'restricted-cone',
    label: 'Restricted cone (EIM + ADF)',
    behaviour: rfc({ filtering: 'address-dependent' }),
    summary: 'Replies are let in from any port of an address the inside host has sent to.',
    source: 'RFC 4787 §5 address-dependent filtering',
  },
  {
    id: 'port-restricted-cone',
    label: 'Port-restricted cone (EIM + APDF)',
    behaviour: rfc({ filtering: 'address-and-port-dependent' }),
    summary: 'Replies are let in only from the exact address and port the inside host sent to.',
    source: 'RFC 4787 §5 address-and-port-dependent filtering',
  },
  {
    id: 'symmetric',
    label: 'Symmetric (APDM + APDF)',
    behaviour: rfc({ mapping: 'address-and-port-dependent', filtering: 'address-and-port-dependent' }),
    summary: 'A new external port for every remote endpoint: what a STUN server sees is useless to a peer.',
    source: 'RFC 4787 §4.1 address-and-port-dependent mapping; RFC 3489 called it symmetric',
  },
  {
    id: 'carrier-grade',
    label: 'Carrier-grade NAT (RFC 6888)',
    behaviour: rfc({
      filtering: 'address-and-port-dependent',
      portAssignment: 'random',
      hairpin: 'external-source',
    }),
    summary:
      'An ISP NAT shared by many customers (100.64.0.0/10 inside): endpoint-independent mapping as RFC 6888 requires, random ports, no port forwarding for customers.',
    source: 'RFC 6888 REQ-1 (follow RFC 4787), RFC 6598 (100.64.0.0/10), RFC 6056 (random ports)',
  },
];

/** The preset with this id. */
export function presetById(id: PresetId): NatPreset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`No NAT preset '${id}'`, { cause: id });
  return p;
}
