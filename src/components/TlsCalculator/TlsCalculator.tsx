/**
 * The TLS round-trip calculator island. State: one {@link CalculatorState} (scenario + the raw text of each input),
 * seeded from the `preset` prop so the server render and the first client render agree, then — for the instance
 * with `syncUrl` — read from and mirrored into the page URL (replaceState while typing, popstate restores).
 * All numbers come from src/lib/handshake; the ladder is laid out by src/lib/diagram, like the static diagrams.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { diagramId, layoutSequence, renderSvg, scrollsOnPhone } from '../../lib/diagram/index.ts';
import {
  CALCULATOR_DEFAULTS,
  type CalculatorField,
  type CalculatorState,
  type ComparisonKey,
  compareScenarios,
  decodeCalculatorState,
  encodeCalculatorState,
  type HandshakeInput,
  mergeCalculatorQuery,
  NETWORK_PRESETS,
  parseCalculatorState,
  SCENARIOS,
  type ScenarioResult,
  scenarioIds,
  scenarioLabel,
  sortComparison,
  type TimeBreakdown,
  toSequenceDiagram,
} from '../../lib/handshake/index.ts';
import '../diagrams/diagram.css';
import { useUrlRestore, writeUrlQuery } from '../shared/url-state.ts';
import '../shared/island.css';
import './TlsCalculator.css';

/** Props of the island (all serialisable). */
export interface TlsCalculatorProps {
  /** Prefix for element ids, unique per page. */
  readonly id?: string | undefined;
  /** Initial state; missing fields take the defaults (TLS 1.3, 100 ms, 50 Mbit/s…). */
  readonly preset?: Partial<CalculatorState> | undefined;
  /** Read the state from the page URL and keep the URL up to date. One instance per page at most. */
  readonly syncUrl?: boolean | undefined;
  /** Accessible name of the calculator. */
  readonly label?: string | undefined;
  /** Level of the headings inside (default 3). */
  readonly headingLevel?: 2 | 3 | 4 | undefined;
}

const FIELDS: readonly { field: CalculatorField; label: string; hint: string }[] = [
  { field: 'rtt', label: 'Round-trip time (ms)', hint: 'Client ↔ server' },
  { field: 'bandwidth', label: 'Bandwidth (Mbit/s)', hint: 'Blank = unlimited' },
  { field: 'cert', label: 'Certificate chain (bytes)', hint: 'Leaf + intermediates' },
  { field: 'response', label: 'Response size (bytes)', hint: 'Headers + body' },
  { field: 'processing', label: 'Server time (ms)', hint: 'To build the response' },
  { field: 'dns', label: 'DNS resolver RTT (ms)', hint: 'Blank = cached' },
];

const PHASES: readonly { key: keyof TimeBreakdown; label: string }[] = [
  { key: 'dns', label: 'DNS' },
  { key: 'tcp', label: 'TCP' },
  { key: 'tls', label: 'TLS / QUIC handshake' },
  { key: 'request', label: 'Request' },
  { key: 'server', label: 'Server' },
  { key: 'transfer', label: 'Transfer' },
];

const COLUMNS: readonly { key: ComparisonKey; label: string }[] = [
  { key: 'order', label: 'Scenario' },
  { key: 'roundTrips', label: 'RTTs before request' },
  { key: 'request', label: 'Request sent' },
  { key: 'ttfb', label: 'First byte' },
  { key: 'ttlb', label: 'Last byte' },
];

/** "123 ms", one decimal below 10 ms. */
export function formatMs(value: number): string {
  return `${value < 10 ? Number.parseFloat(value.toFixed(1)) : Math.round(value)} ms`;
}

function roundTripsText(n: number): string {
  return n === 0 ? 'with the first packet (0 RTT)' : `after ${n} round trip${n === 1 ? '' : 's'}`;
}

/** The calculator: presets, inputs, headline numbers, breakdown, ladder and a comparison of every scenario. */
export function TlsCalculator(props: TlsCalculatorProps) {
  const id = props.id ?? 'tls-calculator';
  const syncUrl = props.syncUrl === true;
  const base = useMemo<CalculatorState>(() => ({ ...CALCULATOR_DEFAULTS, ...props.preset }), []);
  const [state, setState] = useState<CalculatorState>(base);
  const [sort, setSort] = useState<{ key: ComparisonKey; direction: 'ascending' | 'descending' }>({
    key: 'order',
    direction: 'ascending',
  });

  useUrlRestore(syncUrl, () => setState({ ...base, ...decodeCalculatorState(window.location.search) }), [base]);

  const commit = (next: CalculatorState) => {
    setState(next);
    if (syncUrl) writeUrlQuery(mergeCalculatorQuery(window.location.search, encodeCalculatorState(next)));
  };

  const parsed = parseCalculatorState(state);
  const errors = new Map(parsed.ok ? [] : parsed.errors.map((e) => [e.field, e.message] as const));
  // While a field is invalid, keep showing the last valid results (the error says what to fix).
  const [lastGood, setLastGood] = useState<HandshakeInput>(() => {
    const first = parseCalculatorState(base);
    return first.ok ? first.value : {};
  });
  const inputKey = parsed.ok
    ? JSON.stringify(parsed.value, (_, v) => (v === Number.POSITIVE_INFINITY ? 'inf' : v))
    : '';
  useEffect(() => {
    if (parsed.ok) setLastGood(parsed.value);
  }, [inputKey]);
  const input = parsed.ok ? parsed.value : lastGood;
  const results = useMemo(
    () => compareScenarios(input),
    [JSON.stringify(input, (_, v) => (v === Number.POSITIVE_INFINITY ? 'inf' : v))],
  );
  const current = results.find((r) => r.scenario === state.scenario) ?? (results[0] as ScenarioResult);
  const level = props.headingLevel ?? 3;
  const Heading = `h${level}` as 'h3';

  const presetActive = (rtt: number, bw: number) => state.rtt === String(rtt) && state.bandwidth === String(bw);

  return (
    <section class="pj-island tc not-content" aria-label={props.label ?? 'TLS round-trip calculator'}>
      <fieldset class="tc-presets">
        <legend>Network presets</legend>
        {NETWORK_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={presetActive(preset.rttMs, preset.bandwidthMbps) ? 'true' : 'false'}
            title={preset.source}
            onClick={() => commit({ ...state, rtt: String(preset.rttMs), bandwidth: String(preset.bandwidthMbps) })}
          >
            {preset.label}
          </button>
        ))}
      </fieldset>

      <div class="tc-inputs">
        <div class="tc-field tc-field--wide">
          <label for={`${id}-scenario`} class="tc-label">
            Protocol scenario
          </label>
          <select
            id={`${id}-scenario`}
            value={state.scenario}
            onChange={(event: TargetedEvent<HTMLSelectElement>) => {
              const value = event.currentTarget.value;
              const next = scenarioIds.find((s) => s === value);
              if (next) commit({ ...state, scenario: next });
            }}
          >
            {scenarioIds.map((s) => (
              <option key={s} value={s}>
                {SCENARIOS[s].title}
              </option>
            ))}
          </select>
        </div>
        {FIELDS.map(({ field, label, hint }) => {
          const error = errors.get(field);
          const fid = `${id}-${field}`;
          return (
            <div key={field} class={`tc-field${error ? ' tc-field--invalid' : ''}`}>
              <label for={fid} class="tc-label">
                {label}
              </label>
              <span id={`${fid}-hint`} class="tc-hint">
                {hint}
              </span>
              <input
                id={fid}
                type="text"
                inputMode="decimal"
                value={state[field]}
                autocomplete="off"
                spellcheck={false}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={`${fid}-hint ${fid}-error`}
                onInput={(event: TargetedEvent<HTMLInputElement>) =>
                  commit({ ...state, [field]: event.currentTarget.value })
                }
              />
              <p id={`${fid}-error`} class="tc-error" aria-live="polite">
                {error ?? ''}
              </p>
            </div>
          );
        })}
      </div>

      <Heading class="tc-heading">{SCENARIOS[current.scenario].title}</Heading>
      <p class="tc-summary">{SCENARIOS[current.scenario].summary}</p>
      <dl class="tc-headline">
        <div>
          <dt>Request sent</dt>
          <dd>
            {formatMs(current.requestSentMs)} <span class="tc-sub">{roundTripsText(current.setupRoundTrips)}</span>
          </dd>
        </div>
        <div>
          <dt>Time to first byte</dt>
          <dd>{formatMs(current.ttfbMs)}</dd>
        </div>
        <div>
          <dt>Time to last byte</dt>
          <dd>{formatMs(current.timeToLastByteMs)}</dd>
        </div>
      </dl>
      <Breakdown result={current} />
      {current.notes.length > 0 ? (
        <ul class="tc-notes">
          {current.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <Ladder id={id} result={current} />
      <Comparison
        id={id}
        results={sortComparison(results, sort.key, sort.direction)}
        selected={current.scenario}
        sort={sort}
        onSort={(key) =>
          setSort((s) => ({
            key,
            direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
          }))
        }
        onSelect={(scenario) => commit({ ...state, scenario })}
      />
    </section>
  );
}

/** Where the time went: a proportional bar (decorative) and the same numbers as a list. */
function Breakdown(props: { readonly result: ScenarioResult }) {
  const total = props.result.timeToLastByteMs;
  return (
    <div class="tc-breakdown">
      <div class="tc-bar" aria-hidden="true">
        {PHASES.map(({ key }) => {
          const value = props.result.breakdown[key];
          return value > 0 && total > 0 ? (
            <span key={key} class={`tc-bar-${key}`} style={{ width: `${(value / total) * 100}%` }} />
          ) : null;
        })}
      </div>
      <dl class="tc-phases">
        {PHASES.map(({ key, label }) => (
          <div key={key}>
            <dt>
              <span class={`tc-swatch tc-bar-${key}`} aria-hidden="true" />
              {label}
            </dt>
            <dd>{formatMs(props.result.breakdown[key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The timed ladder of the selected scenario, laid out exactly like the guides' static diagrams. */
function Ladder(props: { readonly id: string; readonly result: ScenarioResult }) {
  const diagram = toSequenceDiagram(props.result);
  const scene = layoutSequence({ actors: diagram.actors, steps: diagram.steps, timed: true });
  // Scoped by the island id: the same scenario and input drawn by a static diagram on the page would otherwise
  // share its <title>/<desc>/caption ids (and aria-labelledby would resolve to the first one).
  const svgId = `${props.id}-${diagramId(diagram.title, diagram.caption)}`;
  const svg = renderSvg(scene, { id: svgId, title: diagram.title });
  return (
    <figure class="diagram not-content">
      {scrollsOnPhone(scene) ? (
        <section
          class="dg-scroll"
          aria-labelledby={`${svgId}-caption`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
          tabIndex={0}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : (
        <div dangerouslySetInnerHTML={{ __html: svg }} />
      )}
      <figcaption id={`${svgId}-caption`}>{diagram.caption}</figcaption>
    </figure>
  );
}

/** Every scenario side by side; column headers sort, row buttons select. */
function Comparison(props: {
  readonly id: string;
  readonly results: readonly ScenarioResult[];
  readonly selected: string;
  readonly sort: { key: ComparisonKey; direction: 'ascending' | 'descending' };
  readonly onSort: (key: ComparisonKey) => void;
  readonly onSelect: (scenario: ScenarioResult['scenario']) => void;
}) {
  return (
    <section
      class="tc-table-wrap"
      aria-labelledby={`${props.id}-compare`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table class="tc-table">
        <caption id={`${props.id}-compare`}>All scenarios on this network (select a row to draw it)</caption>
        <thead>
          <tr>
            {COLUMNS.map(({ key, label }) => (
              <th key={key} scope="col" aria-sort={props.sort.key === key ? props.sort.direction : undefined}>
                <button type="button" onClick={() => props.onSort(key)}>
                  {label}
                  <span aria-hidden="true">
                    {props.sort.key === key ? (props.sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => (
            <tr key={r.scenario} class={r.scenario === props.selected ? 'tc-row--selected' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  aria-pressed={r.scenario === props.selected ? 'true' : 'false'}
                  onClick={() => props.onSelect(r.scenario)}
                >
                  {scenarioLabel(r.scenario)}
                </button>
              </th>
              <td>{r.setupRoundTrips}</td>
              <td>{formatMs(r.requestSentMs)}</td>
              <td>{formatMs(r.ttfbMs)}</td>
              <td>{formatMs(r.timeToLastByteMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
