/**
 * The TLS round-trip calculator's view model: its fields (declared once with the playground toolkit, bounds from
 * src/lib/bounds), network presets, the conversion to handshake-model input, and table sorting.
 *
 * Shape of the state: `{ scenario, rtt, bandwidth, cert, response, processing, dns }` — the scenario id and the
 * text of each input as typed (so a half-typed value survives in a shared link). Blank bandwidth = unlimited;
 * blank DNS = cached.
 */
import { BOUNDS } from '../bounds/index.ts';
// Direct module imports, not the model's index: the index also re-exports the simulator, and any static path from
// the island to it puts the simulator's bytes in the island's bundle (its worker carries them; see run.ts).
import { DEFAULTS } from '../handshake/constants.ts';
import { SCENARIOS, type ScenarioId, scenarioIds } from '../handshake/scenarios.ts';
import type { HandshakeInput, ScenarioResult } from '../handshake/types.ts';
import { validateInput } from '../handshake/validate.ts';
import {
  defineCodec,
  enumField,
  type FieldError,
  numberField,
  type Result,
  type StateError,
  type StateOf,
  type ValuesOf,
} from '../playground/index.ts';

/** The calculator's fields: URL parameter, label, bounds and default of each, once. */
export const TLS_CODEC = defineCodec({
  scenario: enumField({
    param: 'scenario',
    label: 'Protocol scenario',
    values: scenarioIds,
    default: 'tls13-full',
    noun: 'scenario',
    describe: (id) => SCENARIOS[id].title,
  }),
  rtt: numberField({ param: 'rtt', label: 'Round-trip time', bound: BOUNDS.rttMs, default: DEFAULTS.rttMs.value }),
  bandwidth: numberField({
    param: 'bw',
    label: 'Bandwidth',
    bound: BOUNDS.bandwidthMbps,
    default: DEFAULTS.bandwidthMbps.value,
    blank: 'unlimited',
  }),
  cert: numberField({
    param: 'cert',
    label: 'Certificate chain',
    bound: BOUNDS.certChainBytes,
    default: DEFAULTS.certChainBytes.value,
  }),
  response: numberField({
    param: 'resp',
    label: 'Response size',
    bound: BOUNDS.responseBytes,
    default: DEFAULTS.responseBytes.value,
  }),
  processing: numberField({
    param: 'server',
    label: 'Server time',
    bound: BOUNDS.serverMs,
    default: DEFAULTS.serverProcessingMs.value,
  }),
  dns: numberField({ param: 'dns', label: 'DNS resolver RTT', bound: BOUNDS.dnsMs, default: '', blank: 'cached' }),
});

/** Everything the calculator's controls hold, as typed. */
export type TlsCalculatorState = StateOf<typeof TLS_CODEC.fields>;

/** A calculator control that holds a number. */
export type TlsNumberField = Exclude<keyof TlsCalculatorState, 'scenario'>;

/** Why the calculator cannot show results for a state: every refused field. */
export type TlsCalculatorError = StateError<keyof TlsCalculatorState>;

/** Initial state: the model's defaults with TLS 1.3. */
export const CALCULATOR_DEFAULTS: TlsCalculatorState = TLS_CODEC.defaults;

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

/** Model input from parsed field values. */
function toInput(values: ValuesOf<typeof TLS_CODEC.fields>): HandshakeInput {
  return {
    rttMs: values.rtt,
    bandwidthMbps: values.bandwidth ?? Number.POSITIVE_INFINITY,
    certChainBytes: values.cert,
    responseBytes: values.response,
    serverProcessingMs: values.processing,
    dns: values.dns === undefined ? { kind: 'cached' } : { kind: 'uncached', resolverRttMs: values.dns },
  };
}

/** The calculator field a model input field comes from (for the model's own refusals). */
const MODEL_FIELDS: Readonly<Record<string, TlsNumberField>> = {
  rttMs: 'rtt',
  bandwidthMbps: 'bandwidth',
  certChainBytes: 'cert',
  responseBytes: 'response',
  serverProcessingMs: 'processing',
  'dns.resolverRttMs': 'dns',
};

/**
 * Turns the typed state into model input, or lists every refused field. The model validates too (its edge): a
 * refusal there is shown on the field it came from, so the two can never disagree silently.
 */
export function parseCalculatorState(state: TlsCalculatorState): Result<HandshakeInput, TlsCalculatorError> {
  const parsed = TLS_CODEC.parse(state);
  if (!parsed.ok) return parsed;
  const input = toInput(parsed.value);
  const checked = validateInput(input);
  if (checked.ok) return { ok: true, value: input };
  const field: FieldError<keyof TlsCalculatorState> = {
    code: 'rejected',
    field: MODEL_FIELDS[checked.error.field] ?? 'rtt',
    message: checked.error.message,
  };
  return { ok: false, error: { code: 'invalid-fields', message: field.message, fields: [field] } };
}

/** Columns of the comparison table. */
export const COMPARISON_KEYS = ['order', 'roundTrips', 'request', 'ttfb', 'ttlb'] as const;

/** A sortable column. */
export type ComparisonKey = (typeof COMPARISON_KEYS)[number];

/**
 * What the island shows of one scenario's result: every number, the breakdown and the notes, without the messages
 * (the worker lays them out as the ladder) or the network conditions (the input the island asked about). It is what
 * crosses from the worker on every change, so it stays small: 13 full results weigh about 42 KB, these about 4 KB.
 */
export type ShownResult = Omit<ScenarioResult, 'messages' | 'conditions'>;

/** What one row of the comparison table reads (and sorts by). */
export type ComparisonRow = Pick<
  ScenarioResult,
  'scenario' | 'setupRoundTrips' | 'requestSentMs' | 'ttfbMs' | 'timeToLastByteMs'
>;

function sortValue(result: ComparisonRow, key: ComparisonKey): number {
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
export function sortComparison<Row extends ComparisonRow>(
  results: readonly Row[],
  key: ComparisonKey,
  direction: 'ascending' | 'descending',
): Row[] {
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
