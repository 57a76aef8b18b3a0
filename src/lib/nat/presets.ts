/**
 * NAT behaviour presets, each with where its numbers come from. `linux-masquerade` is the one the integration test
 * (tests/integration/nat-netfilter.test.ts) checks against the running kernel's netfilter, packet for packet; the
 * others are the RFC 4787 classes, checked against the RFC's definitions by unit and property tests.
 */
import { PRESET_IDS, PRESET_LABELS, type PresetId } from './preset-names.ts';
import type { NatBehaviour, Timeouts } from './types.ts';

export { PRESET_IDS, PRESET_LABELS, type PresetId };

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

/** A preset: the behaviour and a short name. What it is and its source: PRESET_NOTES (preset-notes.ts). */
export interface NatPreset {
  readonly id: PresetId;
  readonly label: string;
  readonly behaviour: NatBehaviour;
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
    label: PRESET_LABELS['linux-masquerade'],
    behaviour: linux,
  },
  {
    id: 'linux-masquerade-open-input',
    label: PRESET_LABELS['linux-masquerade-open-input'],
    behaviour: { ...linux, tracksRefused: true },
  },
  {
    id: 'linux-masquerade-random',
    label: PRESET_LABELS['linux-masquerade-random'],
    behaviour: { ...linux, mapping: 'address-and-port-dependent', portAssignment: 'random' },
  },
  {
    id: 'full-cone',
    label: PRESET_LABELS['full-cone'],
    behaviour: rfc({}),
  },
  {
    id: 'restricted-cone',
    label: PRESET_LABELS['restricted-cone'],
    behaviour: rfc({ filtering: 'address-dependent' }),
  },
  {
    id: 'port-restricted-cone',
    label: PRESET_LABELS['port-restricted-cone'],
    behaviour: rfc({ filtering: 'address-and-port-dependent' }),
  },
  {
    id: 'symmetric',
    label: PRESET_LABELS['symmetric'],
    behaviour: rfc({ mapping: 'address-and-port-dependent', filtering: 'address-and-port-dependent' }),
  },
  {
    id: 'carrier-grade',
    label: PRESET_LABELS['carrier-grade'],
    behaviour: rfc({
      filtering: 'address-and-port-dependent',
      portAssignment: 'random',
      hairpin: 'external-source',
    }),
  },
];

/** The preset with this id. */
export function presetById(id: PresetId): NatPreset {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`No NAT preset '${id}'`, { cause: id });
  return p;
}
