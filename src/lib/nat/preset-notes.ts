/**
 * What each NAT preset is and where its behaviour comes from, one row per preset (presets.ts holds the behaviours).
 * A table of its own so the playground's download, which never shows these, leaves them out; pages render them at
 * build time.
 */
import type { PresetId } from './presets.ts';

/** A preset's description and source. */
export interface PresetNote {
  readonly summary: string;
  readonly source: string;
}

export const PRESET_NOTES: Readonly<Record<PresetId, PresetNote>> = {
  'linux-masquerade': {
    summary:
      'Endpoint-independent mapping while the port is free, keeps the source port, shares an external port between two LAN hosts while their remote endpoints differ, address-and-port-dependent filtering. Assumes the router’s input firewall drops unsolicited packets, as router distributions do. Hairpinning needs an extra rule.',
    source:
      'nftables `masquerade` on Linux 6.18 (nf_nat_core.c get_unique_tuple), measured by tests/integration/nat-netfilter.test.ts',
  },
  'linux-masquerade-open-input': {
    summary:
      'The same NAT on a router that does not drop unsolicited packets addressed to itself: each one leaves a conntrack entry, and a peer’s early hole-punching packet then takes the very reply tuple the local host needs, so its flow is moved to a random port.',
    source:
      'conntrack confirms the null-binding entry of a packet delivered to the router (nf_confirm); measured by the integration test',
  },
  'linux-masquerade-random': {
    summary:
      'Every new flow gets a random external port: address-and-port-dependent mapping, so hole punching through it fails.',
    source: 'nftables `masquerade fully-random` (NF_NAT_RANGE_PROTO_RANDOM_ALL skips reuse and preservation)',
  },
  'full-cone': {
    summary: 'Once mapped, anyone on the internet can reach the inside endpoint through its external port.',
    source: 'RFC 4787 §4.1 and §5 (endpoint-independent mapping and filtering); RFC 3489 called it full cone',
  },
  'restricted-cone': {
    summary: 'Replies are let in from any port of an address the inside host has sent to.',
    source: 'RFC 4787 §5 address-dependent filtering',
  },
  'port-restricted-cone': {
    summary: 'Replies are let in only from the exact address and port the inside host sent to.',
    source: 'RFC 4787 §5 address-and-port-dependent filtering',
  },
  symmetric: {
    summary: 'A new external port for every remote endpoint: what a STUN server sees is useless to a peer.',
    source: 'RFC 4787 §4.1 address-and-port-dependent mapping; RFC 3489 called it symmetric',
  },
  'carrier-grade': {
    summary:
      'An ISP NAT shared by many customers (100.64.0.0/10 inside): endpoint-independent mapping as RFC 6888 requires, random ports, no port forwarding for customers.',
    source: 'RFC 6888 REQ-1 (follow RFC 4787), RFC 6598 (100.64.0.0/10), RFC 6056 (random ports)',
  },
};
