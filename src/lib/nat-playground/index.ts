/**
 * View model of the NAT playground, the light half: the URL fields (scenario, the home router's NAT type,
 * hairpinning, which packet, how much time has passed since it, the three texts of the network editor) declared once
 * with the playground toolkit, and the shape of what the island shows (`NatView`). The heavy half, `view.ts`, runs
 * the scenario in src/lib/nat and lays the view out; this index does not re-export it, so the island's first download
 * holds the controls and the view it was rendered with, and fetches the model on hydration. The scenario `custom` is
 * the reader's own network, from the editor's texts (custom.ts, fetched on first use).
 */
import type { Scenario } from '../nat/index.ts';
// The names straight from their small modules, not the model's index: the bundler would otherwise put the whole
// model, which sits behind that index, in the island's first download.
import { PRESET_IDS, PRESET_LABELS } from '../nat/preset-names.ts';
import { SCENARIO_IDS, SCENARIO_TITLES } from '../nat/scenario-names.ts';
import { HAIRPIN_MODES, type HairpinMode } from '../nat/types.ts';
import { defineCodec, enumField, numberField, type StateOf, stringField, type ValuesOf } from '../playground/index.ts';
import type { parseCustom } from './custom.ts';
import { CUSTOM_DEFAULT, CUSTOM_TEXT_LIMIT } from './custom-limits.ts';

export {
  CUSTOM_DEFAULT,
  CUSTOM_FIELDS,
  CUSTOM_LIMITS,
  CUSTOM_NETWORK,
  type CustomField,
  type CustomText,
} from './custom-limits.ts';

/** The editor's parser (custom.ts), which callers load and pass in so it stays out of the first download. */
export type CustomParser = typeof parseCustom;

/** The scenarios on offer: the built-in ones and the reader's own. */
export const PLAYGROUND_SCENARIOS = [...SCENARIO_IDS, 'custom'] as const;
export type PlaygroundScenarioId = (typeof PLAYGROUND_SCENARIOS)[number];

/** A scenario as the playground shows it (a built-in one, or the reader's own with id `custom`). */
export type PlaygroundScenario = Omit<Scenario, 'id'> & { readonly id: PlaygroundScenarioId };

const HAIRPIN_LABELS: Record<HairpinMode, string> = {
  off: 'Off (refused)',
  'dnat-only': 'Destination only (breaks)',
  'lan-source': 'Both, source = router LAN address',
  'external-source': 'Both, source = public address (RFC 4787)',
};

/** The playground's fields; the URL mirrors them (`?scenario=hole-punch&nat=symmetric&step=5&wait=60`). */
export const NAT_CODEC = defineCodec({
  scenario: enumField({
    param: 'scenario',
    label: 'Scenario',
    values: PLAYGROUND_SCENARIOS,
    default: 'browse',
    noun: 'scenario',
    describe: (id) => (id === 'custom' ? CUSTOM_TITLE : SCENARIO_TITLES[id]),
  }),
  nat: enumField({
    param: 'nat',
    label: 'Home router NAT',
    values: PRESET_IDS,
    default: 'linux-masquerade',
    noun: 'NAT type',
    describe: (id) => PRESET_LABELS[id],
  }),
  hairpin: enumField({
    param: 'hairpin',
    label: 'Hairpinning',
    values: HAIRPIN_MODES,
    default: 'lan-source',
    noun: 'hairpin mode',
    describe: (m) => HAIRPIN_LABELS[m],
  }),
  step: numberField({
    param: 'step',
    label: 'Packet',
    bound: { min: 1, max: 50, unit: '', integer: true },
    default: 1,
  }),
  wait: numberField({
    param: 'wait',
    label: 'Time since this packet',
    bound: { min: 0, max: 604_800, unit: 's' },
    default: 0,
  }),
  hosts: stringField({
    param: 'hosts',
    label: 'Hosts on the LAN',
    default: CUSTOM_DEFAULT.hosts,
    maxLength: CUSTOM_TEXT_LIMIT,
  }),
  forwards: stringField({
    param: 'fwd',
    label: 'Port forwards',
    default: CUSTOM_DEFAULT.forwards,
    maxLength: CUSTOM_TEXT_LIMIT,
  }),
  packets: stringField({
    param: 'pkts',
    label: 'Packets',
    default: CUSTOM_DEFAULT.packets,
    maxLength: CUSTOM_TEXT_LIMIT,
  }),
});

/** The title and summary of the reader's own network. */
export const CUSTOM_TITLE = 'Build your own';
export const CUSTOM_SUMMARY =
  'Your own home network: the hosts on the LAN, the router’s port forwards, and the packets to send, one a line. The router’s NAT type and hairpinning are the choices above.';

export type NatPlaygroundState = StateOf<typeof NAT_CODEC.fields>;
export type NatPlaygroundValues = ValuesOf<typeof NAT_CODEC.fields>;
export { HAIRPIN_LABELS };

/** One leg of the packet's path, ready to draw. */
export interface PathLeg {
  readonly segment: string;
  readonly src: string;
  readonly dst: string;
}

/** One row of a router's table as shown. */
export interface TableRow {
  readonly id: number;
  readonly protocol: string;
  readonly internal: string;
  readonly external: string;
  readonly remote: string;
  readonly state: string;
  readonly kind: string;
  /** Seconds left (≤ 0: expired). */
  readonly left: number;
  /** Touched by the shown packet. */
  readonly touched: 'created' | 'refreshed' | 'matched' | undefined;
}

export interface RouterTable {
  readonly id: string;
  readonly label: string;
  readonly nat: string;
  readonly rows: readonly TableRow[];
}

/** Everything the island renders for one state. */
export interface NatView {
  /** What the scenario shows (its summary). */
  readonly summary: string;
  readonly count: number;
  /** 0-based index of the shown packet. */
  readonly index: number;
  readonly note: string;
  /** Where the packet went, leg by leg, and the sentences explaining each router's decision. */
  readonly nodes: readonly string[];
  readonly legs: readonly PathLeg[];
  readonly explanation: readonly string[];
  readonly outcome: string;
  readonly delivered: boolean;
  /** Simulation time of the packet and of the tables (packet + wait). */
  readonly time: number;
  readonly tables: readonly RouterTable[];
  readonly stun?: string;
}
