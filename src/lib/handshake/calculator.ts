/**
 * State of the TLS round-trip calculator island, kept as the raw text of each input (so a half-typed value
 * survives), with parsing to model input, URL encoding of the non-default fields, presets and table sorting.
 */

import { mergeQuery } from '../url/query.ts';
import { DEFAULTS } from './constants.ts';
import { isScenarioId, SCENARIOS, type ScenarioId, scenarioIds } from './scenarios.ts';
import type { HandshakeInput, ScenarioResult } from './types.ts';

/** Everything the calculator shows, as typed. */
export interface CalculatorState {
  readonly scenario: ScenarioId;
  /** Round-trip time (ms). */
  readonly rtt: string;
  /** Bandwidth (Mbit/s); blank = unlimited. */
  readonly bandwidth: string;
  /** Certificate chain (bytes). */
  readonly cert: string;
  /** Response size (bytes). */
  readonly response: string;
  /** Server processing (ms). */
  readonly processing: string;
  /** DNS resolver RTT (ms); blank = cached. */
  readonly dns: string;
}

/** Calculator fields that hold text. */
export type CalculatorField = Exclude<keyof CalculatorState, 'scenario'>;

/** Initial state: the model's defaults with TLS 1.3. */
export const CALCULATOR_DEFAULTS: CalculatorState = {
  scenario: 'tls13-full',
  rtt: String(DEFAULTS.rttMs.value),
  bandwidth: String(DEFAULTS.bandwidthMbps.value),
  cert: String(DEFAULTS.certChainBytes.value),
  response: String(DEFAULTS.responseBytes.value),
  processing: String(DEFAULTS.serverProcessingMs.value),
  dns: '',
};

/** A network to start from. */
export interface NetworkPreset {
  readonly id: string;
  readonly label: string;
  readonly rttMs: number;
  readonly bandwidthMbps: number;
  /** Where the numbers come from. */
  readonly source: string;
}

/** Presets, from near to far. Round numbers for teaching; the sources give the order of magnitude. */
export const NETWORK_PRESETS: readonly NetworkPreset[] = [
  {
    id: 'same-city',
    label: 'Same city (~5 ms)',
    rttMs: 5,
    bandwidthMbps: 100,
    source: 'Light in fibre covers ~200 km per ms (two thirds of c); a metro path plus a few routers is a few ms.',
  },
  {
    id: 'cross-continent',
    label: 'Cross-continent (~80 ms)',
    rttMs: 80,
    bandwidthMbps: 50,
    source:
      'New York ↔ London is 56 ms round trip in fibre at best (High Performance Browser Networking, ch. 1); real routes add more.',
  },
  {
    id: 'mobile',
    label: 'Mobile (~120 ms)',
    rttMs: 120,
    bandwidthMbps: 10,
    source:
      "Lighthouse's 'Slow 4G' profile assumes 150 ms and 1.6 Mbit/s (Lantern simulation/Constants, throttling.mobileSlow4G); a good 4G link is better.",
  },
  {
    id: 'satellite',
    label: 'Geostationary satellite (~600 ms)',
    rttMs: 600,
    bandwidthMbps: 25,
    source: 'Geostationary orbit: at least 558 ms of propagation per round trip (RFC 2488 §2), plus processing.',
  },
];

/** Why a calculator field was rejected. */
export interface CalculatorError {
  readonly field: CalculatorField;
  readonly message: string;
}

const FIELD_TEXT: Record<CalculatorField, { name: string; unit: string; integer: boolean; blank?: string }> = {
  rtt: { name: 'Round-trip time', unit: 'milliseconds', integer: false },
  bandwidth: { name: 'Bandwidth', unit: 'Mbit/s', integer: false, blank: 'unlimited' },
  cert: { name: 'Certificate chain', unit: 'bytes', integer: true },
  response: { name: 'Response size', unit: 'bytes', integer: true },
  processing: { name: 'Server time', unit: 'milliseconds', integer: false },
  dns: { name: 'DNS resolver RTT', unit: 'milliseconds', integer: false, blank: 'cached' },
};

/** Parses one field: a number, undefined for an allowed blank, or an error quoting the text. */
function parseField(field: CalculatorField, raw: string): { value: number | undefined } | CalculatorError {
  const text = raw.trim();
  const { name, unit, integer, blank } = FIELD_TEXT[field];
  if (text === '') {
    if (blank !== undefined) return { value: undefined };
    return { field, message: `${name} is empty: type a number of ${unit}.` };
  }
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    return {
      field,
      message: `'${raw}' is not a number: ${name} is in ${unit}, e.g. ${CALCULATOR_DEFAULTS[field] || '20'}.`,
    };
  }
  if (value < 0) return { field, message: `${name} '${raw}' is negative: use 0 or more ${unit}.` };
  if (field === 'bandwidth' && value === 0) {
    return {
      field,
      message: `Bandwidth '${raw}' would send nothing: use a positive number, or leave it blank for unlimited.`,
    };
  }
  if (integer && !Number.isInteger(value))
    return { field, message: `${name} '${raw}' must be a whole number of ${unit}.` };
  return { value };
}

/** Turns the typed state into model input, or lists every field that is wrong. */
export function parseCalculatorState(
  state: CalculatorState,
): { ok: true; value: HandshakeInput } | { ok: false; errors: readonly CalculatorError[] } {
  const errors: CalculatorError[] = [];
  const values: Partial<Record<CalculatorField, number | undefined>> = {};
  for (const field of Object.keys(FIELD_TEXT) as CalculatorField[]) {
    const parsed = parseField(field, state[field]);
    if ('message' in parsed) errors.push(parsed);
    else values[field] = parsed.value;
  }
  if (errors.length > 0) return { ok: false, errors };
  const need = (field: CalculatorField): number => values[field] as number;
  return {
    ok: true,
    value: {
      rttMs: need('rtt'),
      bandwidthMbps: values.bandwidth ?? Number.POSITIVE_INFINITY,
      certChainBytes: need('cert'),
      responseBytes: need('response'),
      serverProcessingMs: need('processing'),
      dns: values.dns === undefined ? { kind: 'cached' } : { kind: 'uncached', resolverRttMs: values.dns },
    },
  };
}

const QUERY_KEYS: Record<keyof CalculatorState, string> = {
  scenario: 'scenario',
  rtt: 'rtt',
  bandwidth: 'bw',
  cert: 'cert',
  response: 'resp',
  processing: 'server',
  dns: 'dns',
};

/** URL query (without '?') holding only what differs from the defaults, e.g. 'scenario=quic-new&rtt=80'. */
export function encodeCalculatorState(state: CalculatorState): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(QUERY_KEYS) as (keyof CalculatorState)[]) {
    if (state[key] !== CALCULATOR_DEFAULTS[key]) params.set(QUERY_KEYS[key], state[key]);
  }
  return params.toString();
}

/** The query for the address bar: `search` with this calculator's parameters replaced by `encoded`, others kept. */
export function mergeCalculatorQuery(search: string, encoded: string): string {
  return mergeQuery(search, Object.values(QUERY_KEYS), encoded);
}

/** Reads a state from a URL query; unknown scenarios fall back to the default, other text is kept as typed. */
export function decodeCalculatorState(search: string): CalculatorState {
  const params = new URLSearchParams(search);
  const scenario = params.get(QUERY_KEYS.scenario);
  const text = (key: CalculatorField): string => params.get(QUERY_KEYS[key]) ?? CALCULATOR_DEFAULTS[key];
  return {
    scenario: scenario !== null && isScenarioId(scenario) ? scenario : CALCULATOR_DEFAULTS.scenario,
    rtt: text('rtt'),
    bandwidth: text('bandwidth'),
    cert: text('cert'),
    response: text('response'),
    processing: text('processing'),
    dns: text('dns'),
  };
}

/** Columns of the comparison table. */
export const COMPARISON_KEYS = ['order', 'roundTrips', 'request', 'ttfb', 'ttlb'] as const;

/** A sortable column. */
export type ComparisonKey = (typeof COMPARISON_KEYS)[number];

function sortValue(result: ScenarioResult, key: ComparisonKey): number {
  switch (key) {
    case 'order':
      return scenarioIds.indexOf(result.scenario);
    case 'roundTrips':
      return result.setupRoundTrips;
    case 'request':
      return result.requestSentMs;
    case 'ttfb':
      return result.ttfbMs;
    case 'ttlb':
      return result.timeToLastByteMs;
  }
}

/** Sorts comparison rows by a column; ties keep the teaching order, so the table is stable. */
export function sortComparison(
  results: readonly ScenarioResult[],
  key: ComparisonKey,
  direction: 'ascending' | 'descending',
): ScenarioResult[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...results].sort(
    (a, b) =>
      sign * (sortValue(a, key) - sortValue(b, key)) ||
      scenarioIds.indexOf(a.scenario) - scenarioIds.indexOf(b.scenario),
  );
}

/** Short label of a scenario for table rows and the select. */
export function scenarioLabel(id: ScenarioId): string {
  return SCENARIOS[id].short;
}
