/**
 * View model of the NAT playground: the URL fields (scenario, the home router's NAT type, hairpinning, which packet,
 * how much time has passed since it) declared once with the playground toolkit, and `buildView`, which runs the
 * scenario in src/lib/nat up to the chosen packet and lays out what the island shows: the packet's path with its
 * addresses on every segment, each router's table with the seconds left on each row, and a sentence per hop.
 * The scenario `custom` is the reader's own network, from the three editor texts (custom.ts).
 */
import {
  type DropReason,
  formatEndpoint,
  HAIRPIN_MODES,
  type HairpinMode,
  type Hop,
  type NatBehaviour,
  PRESET_IDS,
  type PresetId,
  presetById,
  runSteps,
  SCENARIO_IDS,
  type Scenario,
  type ScenarioId,
  scenarioById,
  sessionView,
  type Topology,
  type Walk,
} from '../nat/index.ts';
import {
  defineCodec,
  enumField,
  numberField,
  type Result,
  type StateError,
  type StateOf,
  stringField,
  type ValuesOf,
} from '../playground/index.ts';
import { CUSTOM_DEFAULT, CUSTOM_TEXT_LIMIT, type CustomField, parseCustom } from './custom.ts';

export {
  CUSTOM_DEFAULT,
  CUSTOM_ERROR_CODES,
  CUSTOM_LIMITS,
  CUSTOM_NETWORK,
  type CustomError,
  type CustomErrorCode,
  type CustomField,
  type CustomNetwork,
  type CustomText,
  parseCustom,
} from './custom.ts';

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
    describe: (id) => (id === 'custom' ? CUSTOM_TITLE : scenarioById(id).title),
  }),
  nat: enumField({
    param: 'nat',
    label: 'Home router NAT',
    values: PRESET_IDS,
    default: 'linux-masquerade',
    noun: 'NAT type',
    describe: (id) => presetById(id).label,
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

const CUSTOM_TITLE = 'Build your own';
const CUSTOM_SUMMARY =
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
  readonly scenario: PlaygroundScenario;
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

const REASONS: Record<DropReason, string> = {
  'no-mapping': 'nothing in the table and no forwarding rule for this port',
  filtered: 'a mapping exists, but its filtering does not let this sender in',
  expired: 'the mapping timed out',
  'no-free-port': 'no external port left that would keep the flow unique',
  'hairpin-unsupported': 'the router does not translate packets from the LAN to its own public address',
  'unexpected-source': 'the answer came from a different address than the one asked, so the socket ignores it',
  'no-route': 'no host has that address',
  'no-listener': 'it is addressed to the router itself, which has no such service',
};

/** The scenario with the chosen NAT type on the home router(s) and the chosen hairpin mode. */
export function configure(id: ScenarioId, nat: PresetId, hairpin: HairpinMode): Scenario {
  const s = scenarioById(id);
  const chosen: NatBehaviour = { ...presetById(nat).behaviour, hairpin };
  const routers = s.topology.routers.map((r) => (r.id === 'cgnat' ? r : { ...r, behaviour: chosen }));
  return { ...s, topology: { ...s.topology, routers } };
}

const EDITOR_FIELDS: Record<CustomField, 'hosts' | 'forwards' | 'packets'> = {
  hosts: 'hosts',
  forwards: 'forwards',
  packets: 'packets',
};

/** The scenario the values ask for: a built-in one, or the reader's own network (refused with the editor's error). */
export function scenarioFor(
  values: NatPlaygroundValues,
): Result<PlaygroundScenario, StateError<'hosts' | 'forwards' | 'packets'>> {
  if (values.scenario !== 'custom') return { ok: true, value: configure(values.scenario, values.nat, values.hairpin) };
  const behaviour: NatBehaviour = { ...presetById(values.nat).behaviour, hairpin: values.hairpin };
  const built = parseCustom({ hosts: values.hosts, forwards: values.forwards, packets: values.packets }, behaviour);
  if (!built.ok) {
    const { field, message } = built.error;
    return {
      ok: false,
      error: { code: 'invalid-fields', message, fields: [{ code: 'rejected', field: EDITOR_FIELDS[field], message }] },
    };
  }
  return { ok: true, value: { id: 'custom', title: CUSTOM_TITLE, summary: CUSTOM_SUMMARY, ...built.value } };
}

/** The view for the values, or the editor's error when the reader's own network does not parse. */
export function viewFor(values: NatPlaygroundValues): Result<NatView, StateError<'hosts' | 'forwards' | 'packets'>> {
  const scenario = scenarioFor(values);
  return scenario.ok ? { ok: true, value: layout(values, scenario.value) } : scenario;
}

const labelOf = (t: Topology, id: string) =>
  t.hosts.find((h) => h.id === id)?.label ??
  t.routers.find((r) => r.id === id)?.label ??
  t.segments.find((s) => s.id === id)?.label ??
  id;

function explainHop(t: Topology, hop: Hop): string | undefined {
  const v = hop.verdict;
  if (!v || !hop.router) return undefined;
  const who = labelOf(t, hop.router);
  if (v.action === 'dropped') return `${who} dropped it: ${REASONS[v.reason]}.`;
  const how =
    v.portChoice?.how === 'preserved'
      ? ' It kept the source port.'
      : v.portChoice?.how === 'reused'
        ? ` It reused the mapping of session ${v.portChoice.fromSession} (endpoint-independent mapping).`
        : v.portChoice?.how === 'searched'
          ? ` The port was taken for this destination, so it searched ${v.portChoice.range.min}–${v.portChoice.range.max}.`
          : '';
  const changed = `${formatEndpoint(v.before.src)} → ${formatEndpoint(v.before.dst)} became ${formatEndpoint(v.after.src)} → ${formatEndpoint(v.after.dst)}`;
  return `${who} ${v.table} session ${v.session.id}: ${changed}.${how}`;
}

/**
 * Runs the configured scenario to the chosen packet and lays out the view. Never throws on any parsed state; an own
 * network that does not parse shows the editor's starting network (use {@link viewFor} to get the error instead).
 */
export function buildView(values: NatPlaygroundValues): NatView {
  const scenario = scenarioFor(values);
  if (scenario.ok) return layout(values, scenario.value);
  return buildView({ ...values, ...CUSTOM_DEFAULT });
}

function layout(values: NatPlaygroundValues, scenario: PlaygroundScenario): NatView {
  const count = scenario.steps.length;
  const index = Math.min(Math.max(Math.round(values.step) - 1, 0), count - 1);
  const run = runSteps(scenario.topology, scenario.steps.slice(0, index + 1));
  const result = run.results[index];
  const walk: Walk | undefined = result?.walk;
  const t = scenario.topology;
  const time = run.state.time + (values.wait ?? 0);
  const step = scenario.steps[index];
  const legs: PathLeg[] = (walk?.hops ?? []).map((h) => ({
    segment: labelOf(t, h.segment),
    src: formatEndpoint(h.tuple.src),
    dst: formatEndpoint(h.tuple.dst),
  }));
  const nodes = walk
    ? [labelOf(t, walk.from), ...walk.hops.filter((h) => h.router).map((h) => labelOf(t, h.router ?? ''))]
    : [];
  const o = walk?.outcome;
  if (o?.delivered) nodes.push(labelOf(t, o.host));
  const explanation = (walk?.hops ?? []).map((h) => explainHop(t, h)).filter((x): x is string => x !== undefined);
  const outcome = !o
    ? 'Not sent: the packet it answers never arrived.'
    : o.delivered
      ? `Delivered to ${labelOf(t, o.host)}, which sees it from ${formatEndpoint(o.tuple.src)}.`
      : `Dropped at ${labelOf(t, o.at)}: ${REASONS[o.reason]}.`;
  if (o && !o.delivered && o.reason === 'unexpected-source')
    explanation.push(`${labelOf(t, o.at)} discarded it: ${REASONS[o.reason]}.`);
  const touched = new Map<string, Map<number, TableRow['touched']>>();
  for (const h of walk?.hops ?? []) {
    if (h.router && h.verdict?.action === 'translated') {
      const m = touched.get(h.router) ?? new Map();
      m.set(h.verdict.session.id, h.verdict.table);
      touched.set(h.router, m);
    }
  }
  const tables: RouterTable[] = t.routers.map((r) => ({
    id: r.id,
    label: r.label,
    nat: r.id === 'cgnat' ? presetById('carrier-grade').label : presetById(values.nat).label,
    rows: (run.state.tables[r.id]?.sessions ?? []).map((s) => {
      const v = sessionView(s);
      return {
        id: s.id,
        protocol: s.original.protocol.toUpperCase(),
        internal: formatEndpoint(v.internal),
        external: formatEndpoint(v.external),
        remote: formatEndpoint(v.remote),
        state: s.state,
        kind: s.kind,
        left: s.expiresAt - time,
        touched: touched.get(r.id)?.get(s.id),
      };
    }),
  }));
  return {
    scenario,
    count,
    index,
    note: step?.note ?? '',
    nodes,
    legs,
    explanation,
    outcome,
    delivered: o?.delivered === true,
    time,
    tables,
    ...(result?.seen ? { stun: formatEndpoint(result.seen) } : {}),
  };
}
