/**
 * The playground's shareable state, declared once with the playground toolkit: `?scenario=<id>&packet=<n>`
 * (1-based), and for the 'mtu' scenario `&ip=6&transport=udp&mtu=1280`. Defaults are left out of the URL; an unknown scenario keeps the default with a notice, and a packet
 * number that is not a whole number from 1 to 999 shows the first packet (too large: the last one).
 */
import { defineCodec, enumField, numberField, type StateOf } from '../playground/index.ts';
import { PLAYGROUND_SCENARIOS, type ScenarioId } from './scenario-list.ts';

/** No scenario has more packets than this; larger numbers are clipped. */
export const MAX_PACKET = 999;

const IDS = PLAYGROUND_SCENARIOS.map((s) => s.id);
const LABELS = new Map<string, string>(PLAYGROUND_SCENARIOS.map((s) => [s.id, s.label]));

/** Link MTUs the playground takes. */
export const MTU_BOUND = { min: 68, max: 9_000, unit: 'bytes', integer: true } as const;

/** The playground's URL fields. */
export const PACKET_CODEC = defineCodec({
  scenario: enumField({
    param: 'scenario',
    label: 'Scenario',
    values: IDS,
    default: 'http',
    noun: 'scenario',
    describe: (id) => LABELS.get(id) ?? id,
  }),
  packet: numberField({
    param: 'packet',
    label: 'Packet',
    bound: { min: 1, max: MAX_PACKET, unit: '', integer: true },
    default: 1,
  }),
  // The choices of the 'mtu' scenario (ignored by the others).
  ip: enumField({
    param: 'ip',
    label: 'IP version',
    values: ['4', '6'],
    default: '4',
    noun: 'IP version',
    describe: (v) => `IPv${v}`,
  }),
  transport: enumField({
    param: 'transport',
    label: 'Transport',
    values: ['tcp', 'udp'],
    default: 'tcp',
    noun: 'transport',
    describe: (v) => v.toUpperCase(),
  }),
  // 68: the smallest MTU IPv4 allows (RFC 791); 9000: a jumbo frame. IPv6's 1280 is checked by `transferInput`.
  mtu: numberField({ param: 'mtu', label: 'MTU', bound: MTU_BOUND, default: 1500 }),
});

/** What the controls hold: `{ scenario: 'arp', packet: '2' }`. */
export type PacketPlaygroundState = StateOf<typeof PACKET_CODEC.fields>;

/**
 * The 0-based packet shown for the state's packet text among `count` packets: the number less one, within the
 * scenario; text the codec refuses shows the first packet, or the last when it is a whole number above the bound
 * (so `?packet=99999` shows the end of the scenario).
 */
export function packetIndex(text: string, count: number): number {
  const last = Math.max(0, count - 1);
  const parsed = PACKET_CODEC.parseField('packet', text);
  if (parsed.ok) return Math.min(last, parsed.value - 1);
  return /^\s*\d{1,12}\s*$/.test(text) && Number(text) > MAX_PACKET ? last : 0;
}

/** The plain form of a state, for tests and builders: scenario id and 0-based packet index. */
export interface PlaygroundUrlState {
  readonly scenario: ScenarioId;
  /** 0-based index of the packet shown. */
  readonly packet: number;
}
export const URL_DEFAULTS: PlaygroundUrlState = { scenario: 'http', packet: 0 };

/** Reads scenario and packet from a query string; never fails (see `packetIndex`). */
export function decodePlaygroundUrl(search: string): PlaygroundUrlState {
  const { state } = PACKET_CODEC.decode(search);
  return { scenario: state.scenario, packet: packetIndex(state.packet, MAX_PACKET) };
}

/** The query ('' or '?…') for scenario and packet, defaults left out. */
export function encodePlaygroundUrl(state: PlaygroundUrlState): string {
  const text = PACKET_CODEC.encode({
    ...PACKET_CODEC.defaults,
    scenario: state.scenario,
    packet: String(state.packet + 1),
  });
  return text === '' ? '' : `?${text}`;
}
