/**
 * The subnet calculator's state: which mode is shown and the raw text of every input, per mode.
 *
 * Shape: `{ mode, details: { network }, split: { network, by, newPrefix, count, page }, vlsm: { network,
 * requirements: [{ name, hosts }], pointToPoint }, summarise: { networks, range }, compare: { a, b } }`.
 *
 * Inputs are kept as the strings the user typed (not parsed values) so that a shared link restores the page exactly,
 * invalid input included. The whole state round-trips through a URL query string: {@link encodeState} writes only
 * what differs from a base state, {@link decodeState} reads it back and never throws.
 */

import { defineCodec, type StateOf } from '../playground/codec.ts';
import { booleanField, enumField, stringField } from '../playground/fields.ts';
import { mergeQuery as mergeOwnQuery } from '../url/query.ts';
import { pageOfItem } from './paging.ts';

/** The calculator's modes, in tab order. */
export const MODES = ['details', 'split', 'vlsm', 'summarise', 'compare'] as const;

/** One of {@link MODES}. */
export type Mode = (typeof MODES)[number];

/** Tab labels, in {@link MODES} order. */
export const MODE_LABELS: Record<Mode, string> = {
  details: 'Details',
  split: 'Split',
  vlsm: 'VLSM plan',
  summarise: 'Summarise',
  compare: 'Contains / overlap',
};

/** How a split is specified: by the new prefix length or by a number of equal parts. */
export const SPLIT_BY = ['prefix', 'count'] as const;

/** One of {@link SPLIT_BY}. */
export type SplitBy = (typeof SPLIT_BY)[number];

/** One named host requirement row of a VLSM plan, as typed. */
export interface RequirementInput {
  readonly name: string;
  readonly hosts: string;
}

/** Everything the calculator needs to render; every input is raw text. */
export interface CalculatorState {
  readonly mode: Mode;
  readonly details: { readonly network: string };
  readonly split: {
    readonly network: string;
    readonly by: SplitBy;
    readonly newPrefix: string;
    readonly count: string;
    /** 1-based page number as decimal text (IPv6 splits can have more pages than a double holds exactly). */
    readonly page: string;
    /** 1-based number of the subnet to highlight ("go to subnet #"), as decimal text; '' for none. */
    readonly highlight: string;
  };
  readonly vlsm: {
    readonly network: string;
    readonly requirements: readonly RequirementInput[];
    readonly pointToPoint: boolean;
  };
  readonly summarise: { readonly networks: string; readonly range: string };
  readonly compare: { readonly a: string; readonly b: string };
}

/** A partial state, one level deep per mode: what the Astro wrapper's `preset` prop accepts. */
export type CalculatorPreset = {
  readonly mode?: Mode;
  readonly details?: Partial<CalculatorState['details']>;
  readonly split?: Partial<CalculatorState['split']>;
  readonly vlsm?: Partial<CalculatorState['vlsm']>;
  readonly summarise?: Partial<CalculatorState['summarise']>;
  readonly compare?: Partial<CalculatorState['compare']>;
};

/** The state a fresh calculator shows (and the server renders). */
export const DEFAULT_STATE: CalculatorState = {
  mode: 'details',
  details: { network: '192.168.1.0/24' },
  split: { network: '10.0.0.0/16', by: 'prefix', newPrefix: '24', count: '4', page: '1', highlight: '' },
  vlsm: {
    network: '192.168.0.0/23',
    requirements: [
      { name: 'Sales', hosts: '200' },
      { name: 'Engineering', hosts: '100' },
      { name: 'Guest Wi-Fi', hosts: '50' },
      { name: 'Servers', hosts: '20' },
      { name: 'Router link', hosts: '2' },
    ],
    pointToPoint: false,
  },
  summarise: {
    networks: '192.168.0.0/24\n192.168.1.0/24\n192.168.2.0/23\n10.1.0.0/16',
    range: '10.0.0.5 - 10.0.0.20',
  },
  compare: { a: '10.0.0.0/16', b: '10.0.128.0/17' },
};

/** Longest text kept from a URL parameter; longer values are cut (the list textarea gets more room). */
export const MAX_PARAM_LENGTH = 200;
/** Longest text kept for the summarise list. */
export const MAX_LIST_LENGTH = 20_000;
/** Most VLSM requirement rows kept from a URL. */
export const MAX_REQUIREMENTS = 100;

/** The repeated parameter holding the VLSM requirement rows (`req=200:Sales&req=100:Engineering`). */
const REQUIREMENT_PARAM = 'req';

const text = (param: string, label: string, fallback: string, maxLength = MAX_PARAM_LENGTH) =>
  stringField({ param, label, default: fallback, maxLength });

/**
 * The calculator's flat URL fields, declared once with the playground toolkit (`src/lib/playground`): parameter,
 * label, default and limit; the codec derives decoding (with a notice for an unknown choice or a clipped value),
 * encoding without defaults, and foreign-parameter merging from them. Two codecs only to keep the parameter order of
 * existing links: the repeated `req` rows (which a flat field cannot hold) go between them.
 */
const HEAD = defineCodec({
  mode: enumField({
    param: 'mode',
    label: 'Mode',
    values: MODES,
    default: DEFAULT_STATE.mode,
    noun: 'mode',
    describe: (mode) => MODE_LABELS[mode],
  }),
  detailsNetwork: text('net', 'Details network', DEFAULT_STATE.details.network),
  splitNetwork: text('split', 'Network to split', DEFAULT_STATE.split.network),
  by: enumField({
    param: 'by',
    label: 'Split by',
    values: SPLIT_BY,
    default: DEFAULT_STATE.split.by,
    noun: 'split method',
    describe: (by) => (by === 'prefix' ? 'a split by prefix length' : 'a split into a number of parts'),
  }),
  newPrefix: text('prefix', 'New prefix length', DEFAULT_STATE.split.newPrefix),
  count: text('parts', 'Number of parts', DEFAULT_STATE.split.count),
  page: text('page', 'Page', DEFAULT_STATE.split.page),
  highlight: text('hl', 'Highlighted subnet', DEFAULT_STATE.split.highlight),
  vlsmNetwork: text('vlsm', 'VLSM network', DEFAULT_STATE.vlsm.network),
});
const TAIL = defineCodec({
  pointToPoint: booleanField({ param: 'p2p', label: 'Point-to-point links', default: DEFAULT_STATE.vlsm.pointToPoint }),
  networks: text('list', 'List of networks', DEFAULT_STATE.summarise.networks, MAX_LIST_LENGTH),
  range: text('range', 'Range', DEFAULT_STATE.summarise.range),
  a: text('a', 'Network A', DEFAULT_STATE.compare.a),
  b: text('b', 'Network B', DEFAULT_STATE.compare.b),
});

type Head = StateOf<typeof HEAD.fields>;
type Tail = StateOf<typeof TAIL.fields>;

function headOf(state: CalculatorState): Head {
  const { split } = state;
  return {
    mode: state.mode,
    detailsNetwork: state.details.network,
    splitNetwork: split.network,
    by: split.by,
    newPrefix: split.newPrefix,
    count: split.count,
    page: split.page,
    highlight: split.highlight,
    vlsmNetwork: state.vlsm.network,
  };
}

function tailOf(state: CalculatorState): Tail {
  return {
    pointToPoint: state.vlsm.pointToPoint,
    networks: state.summarise.networks,
    range: state.summarise.range,
    a: state.compare.a,
    b: state.compare.b,
  };
}

/** Every query parameter the calculator owns; other parameters in the page URL are left alone. */
export const STATE_PARAMS: readonly string[] = [...HEAD.params, REQUIREMENT_PARAM, ...TAIL.params];

/**
 * The page query with the calculator's parameters replaced by `encoded` and any foreign ones (`utm_source`, …) kept
 * in front. Returns the string with a leading `?`, or `''` when nothing is left.
 */
export function mergeQuery(currentSearch: string, encoded: string): string {
  return mergeOwnQuery(currentSearch, STATE_PARAMS, encoded);
}

/** Fills a preset's gaps from a base state (default: {@link DEFAULT_STATE}); ignores unknown or mistyped fields. */
export function resolvePreset(preset: CalculatorPreset | undefined, base: CalculatorState = DEFAULT_STATE) {
  if (!preset || typeof preset !== 'object') return base;
  const str = (value: unknown, fallback: string, max = MAX_PARAM_LENGTH) =>
    typeof value === 'string' ? value.slice(0, max) : typeof value === 'number' ? String(value) : fallback;
  const d = preset.details ?? {};
  const s = preset.split ?? {};
  const v = preset.vlsm ?? {};
  const m = preset.summarise ?? {};
  const c = preset.compare ?? {};
  // A preset that highlights a subnet opens on that subnet's page unless it names a page itself.
  const highlight = normaliseHighlight(str(s.highlight, base.split.highlight));
  const highlightPage = highlight === '' ? undefined : pageOfItem(BigInt(highlight)).toString();
  const requirements = Array.isArray(v.requirements)
    ? v.requirements.slice(0, MAX_REQUIREMENTS).map((row) => ({
        name: str(row?.name, ''),
        hosts: str(row?.hosts, ''),
      }))
    : base.vlsm.requirements;
  const state: CalculatorState = {
    mode: isMode(preset.mode) ? preset.mode : base.mode,
    details: { network: str(d.network, base.details.network) },
    split: {
      network: str(s.network, base.split.network),
      by: isSplitBy(s.by) ? s.by : base.split.by,
      newPrefix: str(s.newPrefix, base.split.newPrefix),
      count: str(s.count, base.split.count),
      page: normalisePage(str(s.page, highlightPage ?? base.split.page)),
      highlight,
    },
    vlsm: {
      network: str(v.network, base.vlsm.network),
      requirements,
      pointToPoint: typeof v.pointToPoint === 'boolean' ? v.pointToPoint : base.vlsm.pointToPoint,
    },
    summarise: {
      networks: str(m.networks, base.summarise.networks, MAX_LIST_LENGTH),
      range: str(m.range, base.summarise.range),
    },
    compare: { a: str(c.a, base.compare.a), b: str(c.b, base.compare.b) },
  };
  return state;
}

/** Serialises a state to a query string (no leading `?`), writing only values that differ from `base`. */
export function encodeState(state: CalculatorState, base: CalculatorState = DEFAULT_STATE): string {
  const parts = [HEAD.encode(headOf(state), headOf(base))];
  if (!sameRequirements(state.vlsm.requirements, base.vlsm.requirements)) {
    const rows = new URLSearchParams();
    // An explicitly empty list is written as one empty `req` so it does not decode back to the base rows.
    if (state.vlsm.requirements.length === 0) rows.append(REQUIREMENT_PARAM, '');
    for (const row of state.vlsm.requirements) rows.append(REQUIREMENT_PARAM, encodeRequirement(row));
    parts.push(rows.toString());
  }
  parts.push(TAIL.encode(tailOf(state), tailOf(base)));
  return parts.filter((part) => part !== '').join('&');
}

/** A state read from a link, and one sentence per parameter that was not taken as it stood. */
export interface DecodedLink {
  readonly state: CalculatorState;
  readonly notices: readonly string[];
}

/**
 * Reads a query string (with or without `?`) over `base`; never throws. Unknown choices (`mode`, `by`, `p2p`) keep
 * the base value and clipped values keep their start, each with a notice naming what is shown instead, so a mistyped
 * or outdated link does not fall back silently (issue 10).
 */
export function decodeLink(query: string, base: CalculatorState = DEFAULT_STATE): DecodedLink {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  } catch {
    return { state: base, notices: [] };
  }
  const head = HEAD.decode(query, headOf(base));
  const tail = TAIL.decode(query, tailOf(base));
  const h = head.state;
  const t = tail.state;
  const reqs = params.getAll(REQUIREMENT_PARAM);
  const state: CalculatorState = {
    mode: h.mode,
    details: { network: h.detailsNetwork },
    split: {
      network: h.splitNetwork,
      by: h.by,
      newPrefix: h.newPrefix,
      count: h.count,
      page: params.has(HEAD.fields.page.param) ? normalisePage(h.page) : base.split.page,
      highlight: params.has(HEAD.fields.highlight.param) ? normaliseHighlight(h.highlight) : base.split.highlight,
    },
    vlsm: {
      network: h.vlsmNetwork,
      requirements:
        reqs.length === 0
          ? base.vlsm.requirements
          : reqs
              .filter((r) => r !== '')
              .slice(0, MAX_REQUIREMENTS)
              .map(decodeRequirement),
      pointToPoint: t.pointToPoint,
    },
    summarise: { networks: t.networks, range: t.range },
    compare: { a: t.a, b: t.b },
  };
  return { state, notices: [...head.notices, ...tail.notices].map((n) => n.message) };
}

/** Reads a query string (with or without `?`) over `base`; unknown or invalid parameters keep the base value. */
export function decodeState(query: string, base: CalculatorState = DEFAULT_STATE): CalculatorState {
  return decodeLink(query, base).state;
}

/** The notices of {@link decodeLink}: what a link asked for and did not get, one sentence each. */
export function linkNotices(query: string, base: CalculatorState = DEFAULT_STATE): readonly string[] {
  return decodeLink(query, base).notices;
}

/** True when two states would encode to the same query. */
export function sameState(a: CalculatorState, b: CalculatorState): boolean {
  return encodeState(a, DEFAULT_STATE) === encodeState(b, DEFAULT_STATE);
}

/** Type guard for {@link Mode}. */
export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

function isSplitBy(value: unknown): value is SplitBy {
  return typeof value === 'string' && (SPLIT_BY as readonly string[]).includes(value);
}

/** A page parameter is a positive decimal integer; anything else reads as page 1. */
function normalisePage(value: string): string {
  const trimmed = value.trim();
  if (!/^\d{1,40}$/.test(trimmed)) return '1';
  const page = BigInt(trimmed);
  return page < 1n ? '1' : page.toString();
}

/** A highlight is a positive decimal integer or '' (none). */
function normaliseHighlight(value: string): string {
  const trimmed = value.trim();
  if (!/^\d{1,40}$/.test(trimmed)) return '';
  const item = BigInt(trimmed);
  return item < 1n ? '' : item.toString();
}

// A requirement is written `hosts:name`, so the name may contain any character; the (rare) '%' and ':' in the hosts
// text are escaped so that even invalid input round-trips exactly.
function encodeRequirement(row: RequirementInput): string {
  return `${row.hosts.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'))}:${row.name}`;
}

function decodeRequirement(value: string): RequirementInput {
  const colon = value.indexOf(':');
  const hosts = colon < 0 ? value : value.slice(0, colon);
  const name = colon < 0 ? '' : value.slice(colon + 1);
  return {
    name: name.slice(0, MAX_PARAM_LENGTH),
    hosts: hosts.replace(/%(25|3A)/g, (_, code: string) => (code === '25' ? '%' : ':')).slice(0, MAX_PARAM_LENGTH),
  };
}

function sameRequirements(a: readonly RequirementInput[], b: readonly RequirementInput[]): boolean {
  return a.length === b.length && a.every((row, i) => row.name === b[i]?.name && row.hosts === b[i]?.hosts);
}
