/**
 * View model of the NAT playground: the URL fields (scenario, the home router's NAT type, hairpinning, which packet,
 * how much time has passed since it) declared once with the playground toolkit, and `buildView`, which runs the
 * scenario in src/lib/nat up to the chosen packet and lays out what the island shows: the packet's path with its
 * addresses on every segment, each router's table with the seconds left on each row, and a sentence per hop.
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
import { defineCodec, enumField, numberField, type StateOf, type ValuesOf } from '../playground/index.ts';

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
    values: SCENARIO_IDS,
    default: 'browse',
    noun: 'scenario',
    describe: (id) => scenarioById(id).title,
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
});

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
  readonly scenario: Scenario;
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

/** Runs the configured scenario to the chosen packet and lays out the view. Never throws on any parsed state. */
export function buildView(values: NatPlaygroundValues): NatView {
  const scenario = configure(values.scenario, values.nat, values.hairpin);
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
