/**
 * View model of the NAT playground, the heavy half: `viewFor` / `buildView` run the chosen scenario (built in, or the
 * reader's own network parsed by custom.ts) in src/lib/nat up to the chosen packet and lay out what the island shows:
 * the packet's path with its addresses on every segment, each router's table with the seconds left on each row, and
 * a sentence per hop. The island fetches this module on hydration; index.ts holds the fields and the view's shape.
 *
 * State: memo entries only, which change no result — the configured built-in scenarios, the reader's network last
 * parsed, the run behind the last view (so the next packet of the same scenario costs one step of the model), and
 * each session's formatted columns.
 */
import {
  type DropReason,
  formatEndpoint,
  type HairpinMode,
  type Hop,
  type NatBehaviour,
  PRESET_LABELS,
  type PresetId,
  presetById,
  resumeSteps,
  SCENARIO_IDS,
  type Scenario,
  type ScenarioId,
  type Session,
  type StepRun,
  scenarioById,
  sessionView,
  type Topology,
  type Walk,
} from '../nat/index.ts';
import type { Result, StateError } from '../playground/index.ts';
import { CUSTOM_DEFAULT, type CustomField } from './custom-limits.ts';
import {
  CUSTOM_SUMMARY,
  CUSTOM_TITLE,
  type CustomParser,
  type NatPlaygroundValues,
  type NatView,
  type PathLeg,
  type PlaygroundScenario,
  type RouterTable,
  type TableRow,
} from './index.ts';

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

/**
 * Configured scenarios by `id|nat|hairpin`: the same choice gives the same objects, so stepping through it can carry
 * on from the previous packet's run (see {@link layout}). At most scenarios × NAT types × hairpin modes entries.
 */
const CONFIGURED = new Map<string, Scenario>();

/** The scenario with the chosen NAT type on the home router(s) and the chosen hairpin mode. */
export function configure(id: ScenarioId, nat: PresetId, hairpin: HairpinMode): Scenario {
  const key = `${id}|${nat}|${hairpin}`;
  const cached = CONFIGURED.get(key);
  if (cached !== undefined) return cached;
  const s = scenarioById(id);
  const chosen: NatBehaviour = { ...presetById(nat).behaviour, hairpin };
  const routers = s.topology.routers.map((r) => (r.id === 'cgnat' ? r : { ...r, behaviour: chosen }));
  const configured = { ...s, topology: { ...s.topology, routers } };
  CONFIGURED.set(key, configured);
  return configured;
}

const EDITOR_FIELDS: Record<CustomField, 'hosts' | 'forwards' | 'packets'> = {
  hosts: 'hosts',
  forwards: 'forwards',
  packets: 'packets',
};

/**
 * The scenario the values ask for: a built-in one, or the reader's own network (refused with the editor's error);
 * undefined for the reader's own network while its parser is not loaded yet.
 */
export function scenarioFor(
  values: NatPlaygroundValues,
  parse?: CustomParser,
): Result<PlaygroundScenario, StateError<'hosts' | 'forwards' | 'packets'>> | undefined {
  if (values.scenario !== 'custom') return { ok: true, value: configure(values.scenario, values.nat, values.hairpin) };
  if (!parse) return undefined;
  const key = JSON.stringify([values.nat, values.hairpin, values.hosts, values.forwards, values.packets]);
  if (lastCustom?.key === key && lastCustom.parse === parse) return lastCustom.scenario;
  const scenario = customScenario(values, parse);
  lastCustom = { key, parse, scenario };
  return scenario;
}

/** The reader's own network last parsed (one entry: the same texts give the same objects, as for built-in ones). */
let lastCustom:
  | {
      readonly key: string;
      readonly parse: CustomParser;
      readonly scenario: Result<PlaygroundScenario, StateError<'hosts' | 'forwards' | 'packets'>>;
    }
  | undefined;

function customScenario(
  values: NatPlaygroundValues,
  parse: CustomParser,
): Result<PlaygroundScenario, StateError<'hosts' | 'forwards' | 'packets'>> {
  const behaviour: NatBehaviour = { ...presetById(values.nat).behaviour, hairpin: values.hairpin };
  const built = parse({ hosts: values.hosts, forwards: values.forwards, packets: values.packets }, behaviour);
  if (!built.ok) {
    const { field, message } = built.error;
    return {
      ok: false,
      error: { code: 'invalid-fields', message, fields: [{ code: 'rejected', field: EDITOR_FIELDS[field], message }] },
    };
  }
  return { ok: true, value: { id: 'custom', title: CUSTOM_TITLE, summary: CUSTOM_SUMMARY, ...built.value } };
}

/**
 * The view for the values, or the editor's error when the reader's own network does not parse; undefined while the
 * parser is needed and not loaded (an island keeps what it shows).
 */
export function viewFor(
  values: NatPlaygroundValues,
  parse?: CustomParser,
): Result<NatView, StateError<'hosts' | 'forwards' | 'packets'>> | undefined {
  const scenario = scenarioFor(values, parse);
  if (!scenario) return undefined;
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
 * Runs the configured scenario to the chosen packet and lays out the view. Never throws on any parsed state. The
 * reader's own network needs `parse`: without it the first scenario is shown, and a network that does not parse
 * shows the editor's starting one (use {@link viewFor} to get the error instead).
 */
export function buildView(values: NatPlaygroundValues, parse?: CustomParser): NatView {
  const scenario = scenarioFor(values, parse);
  if (!scenario) return buildView({ ...values, scenario: SCENARIO_IDS[0] });
  if (scenario.ok) return layout(values, scenario.value);
  return buildView({ ...values, ...CUSTOM_DEFAULT }, parse);
}

/** A session's text columns, by session (sessions are values: a touched one is a new object). */
const SESSION_TEXT = new WeakMap<Session, Omit<TableRow, 'left' | 'touched'>>();

/** The columns of a session's row that do not depend on the clock: formatted once per session, not per packet. */
function sessionText(s: Session): Omit<TableRow, 'left' | 'touched'> {
  const known = SESSION_TEXT.get(s);
  if (known !== undefined) return known;
  const v = sessionView(s);
  const text = {
    id: s.id,
    protocol: s.original.protocol.toUpperCase(),
    internal: formatEndpoint(v.internal),
    external: formatEndpoint(v.external),
    remote: formatEndpoint(v.remote),
    state: s.state,
    kind: s.kind,
  };
  SESSION_TEXT.set(s, text);
  return text;
}

/** The run behind the last view laid out (one entry; see {@link resumeSteps}). */
let lastRun: StepRun | undefined;

/** The view of `scenario` at the values' packet and clock (what {@link viewFor} lays out; exported for the drawing bench). */
export function layout(values: NatPlaygroundValues, scenario: PlaygroundScenario): NatView {
  const count = scenario.steps.length;
  const index = Math.min(Math.max(Math.round(values.step) - 1, 0), count - 1);
  // The next packet of the same scenario carries on from this one's run: one step, not a run from packet 1.
  const run = resumeSteps(lastRun, scenario.topology, scenario.steps, index + 1);
  lastRun = run;
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
    nat: r.id === 'cgnat' ? PRESET_LABELS['carrier-grade'] : PRESET_LABELS[values.nat],
    rows: (run.state.tables[r.id]?.sessions ?? []).map((s) => ({
      ...sessionText(s),
      left: s.expiresAt - time,
      touched: touched.get(r.id)?.get(s.id),
    })),
  }));
  return {
    summary: scenario.summary,
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
