/**
 * The calculator's state in the page URL: {@link encodeState} writes only what differs from a base state,
 * {@link decodeLink} reads it back (never throws) with a notice for whatever the link asked for and did not get.
 * Kept apart from `state.ts` so an island that does not mirror the URL never downloads the codec: the island loads
 * this module on first use (see SubnetCalculator.tsx).
 */

import { defineCodec, type StateOf } from '../playground/codec.ts';
import { booleanField, enumField, stringField } from '../playground/fields.ts';
import { mergeQuery as mergeOwnQuery } from '../url/query.ts';
import {
  type CalculatorState,
  DEFAULT_STATE,
  MAX_LIST_LENGTH,
  MAX_PARAM_LENGTH,
  MAX_REQUIREMENTS,
  MODE_LABELS,
  MODES,
  normaliseHighlight,
  normalisePage,
  type RequirementInput,
  SPLIT_BY,
} from './state.ts';

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
