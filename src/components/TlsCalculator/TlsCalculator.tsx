/**
 * The TLS round-trip calculator island. State: one {@link TlsCalculatorState} (scenario + the raw text of each input),
 * seeded from the `preset` prop so the server render and the first client render agree, then — for the instance
 * with `syncUrl` — read from and mirrored into the page URL by the playground toolkit (replaceState while typing,
 * pushState for a scenario or a preset; popstate restores). Fields, bounds and messages are declared once in
 * src/lib/tls-calculator; all numbers come from src/lib/handshake; the ladder is laid out by src/lib/diagram in the worker's run and drawn here by <Figure>.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatDuration } from '../../lib/format/index.ts';
import { fieldMessage, type IslandProps } from '../../lib/playground/index.ts';
import { type Held, heldKey, hold } from '../../lib/tls-calculator/held.ts';
import {
  CALCULATOR_DEFAULTS,
  type ComparisonKey,
  type ComparisonRow,
  type HandshakeInput,
  NETWORK_PRESETS,
  parseCalculatorState,
  SCENARIOS,
  type ScenarioId,
  type ShownResult,
  scenarioIds,
  scenarioLabel,
  sortComparison,
  type TimeBreakdown,
  TLS_CODEC,
  type TlsCalculatorState,
  type TlsNumberField,
} from '../../lib/tls-calculator/index.ts';
import type { CalculatorOutput, CalculatorRequest, TlsLadder } from '../../lib/tls-calculator/run.ts';
import { Figure } from '../diagrams/Figure.tsx';
import { type BackgroundOptions, useBackgroundRun } from '../shared/background.ts';
import { useLastGood, useUrlState } from '../shared/hooks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { usePaintedLater } from '../shared/paint.ts';
import '../shared/island.css';
import './TlsCalculator.css';

/** Props of the island (all serialisable). */
export type TlsCalculatorProps = IslandProps<TlsCalculatorState> & {
  /**
   * Whether the server render includes the ladder (default true). A guide that already draws the same handshake as a
   * static diagram passes false: its page skips a duplicate SVG, and the island draws its ladder once it is live.
   */
  readonly ladderOnServer?: boolean | undefined;
};

/** The number fields in screen order, with words to go before each one's bounds hint. */
const FIELDS: readonly { field: TlsNumberField; hint?: string }[] = [
  { field: 'rtt', hint: 'Client ↔ server' },
  { field: 'bandwidth' },
  { field: 'cert', hint: 'Leaf + intermediates' },
  { field: 'response', hint: 'Headers + body' },
  { field: 'processing', hint: 'To build the response' },
  { field: 'dns' },
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

/** The site's one duration format ("2.3 ms", "56 ms", "1.50 s"). */
const ms = formatDuration;

/** What the results show when even the first state is invalid (a broken preset): the defaults' input. */
const DEFAULT_PARSE = parseCalculatorState(CALCULATOR_DEFAULTS);

/**
 * How the scenarios are computed: in a worker (written inline so Vite bundles it). The server render and tests also
 * get the run itself, synchronously; the browser bundle does not (the condition is false there, so the import goes),
 * which keeps the handshake simulator's and the diagram layout's bytes out of the island: until the worker's first answer (a few ms after
 * hydration) the server's HTML of the results stays.
 */
const RUN_OPTIONS: BackgroundOptions<CalculatorRequest, CalculatorOutput> = {
  createWorker: () => new Worker(new URL('./calculate.worker.ts', import.meta.url), { type: 'module' }),
  run:
    import.meta.env.SSR || import.meta.env.MODE === 'test'
      ? (await import('../../lib/tls-calculator/run.ts')).calculate
      : undefined,
  load: () => import('../../lib/tls-calculator/run.ts').then((module) => module.calculate),
  // Nothing on screen says "busy": the answer replaces the results when it comes.
  announcesBusy: false,
};

/** How long the network must stay unchanged before the island asks for every scenario's ladder. */
const PREFETCH_AFTER_MS = 300;

function roundTripsText(n: number): string {
  return n === 0 ? 'with the first packet (0 RTT)' : `after ${n} round trip${n === 1 ? '' : 's'}`;
}

/** The calculator: presets, inputs, headline numbers, breakdown, ladder and a comparison of every scenario. */
export function TlsCalculator(props: TlsCalculatorProps) {
  const id = props.id ?? 'tls-calculator';
  const base = useMemo(() => TLS_CODEC.resolve(props.preset), []);
  const [state, change, notices] = useUrlState(TLS_CODEC, base, props.syncUrl === true);
  const [sort, setSort] = useState<SortState>({
    key: 'order',
    direction: 'ascending',
  });

  // While a field is invalid, keep showing the last valid results (the error says what to fix).
  const kept = useLastGood(useMemo(() => parseCalculatorState(state), [state]));
  const input: HandshakeInput = kept.value ?? (DEFAULT_PARSE.ok ? DEFAULT_PARSE.value : {});
  // Every scenario's results for the input they were computed for, from the newest answer that carried them, and
  // every scenario's ladder once the island has asked for them. When only the scenario changes, the island draws the
  // held ladder in the same frame; before the ladders are held, the worker is told it holds the results and answers
  // with the new ladder alone. No answer can replace these between a request and its answer: the answers to older
  // requests are dropped.
  const held = useRef<Held | undefined>(undefined);
  const key = heldKey(input);
  const [prefetch, setPrefetch] = useState<string | undefined>(undefined);
  const holds = held.current?.key === key ? held.current : undefined;
  const local = holds?.ladders?.[state.scenario] !== undefined;
  const lastRequest = useRef<CalculatorRequest | undefined>(undefined);
  const request = useMemo<CalculatorRequest>(() => {
    // Everything to draw is held: the request stays the one already answered, so nothing is posted.
    if (local && lastRequest.current !== undefined) return lastRequest.current;
    lastRequest.current =
      holds === undefined
        ? { input, scenario: state.scenario }
        : { input, scenario: state.scenario, haveResults: true, ...(prefetch === key ? { allLadders: true } : {}) };
    return lastRequest.current;
  }, [input, state.scenario, local, prefetch]);
  const run = useBackgroundRun(request, RUN_OPTIONS);
  const output = run.output;
  if (output !== undefined && held.current?.answer !== output) held.current = hold(held.current, output);
  // Asked once the network has stayed the same for a moment (not on every keystroke: the worker would lay out twelve
  // ladders nobody asked for, and the main thread receive them). A change of scenario does not restart the wait.
  const heldFor = held.current?.key;
  const needsLadders = held.current !== undefined && held.current.ladders === undefined;
  useEffect(() => {
    if (!run.live || !needsLadders || heldFor === undefined) return;
    const timer = setTimeout(() => setPrefetch(heldFor), PREFETCH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [heldFor, needsLadders, run.live]);
  const shown = held.current?.key === key ? held.current : undefined;
  const heldLadder = shown?.ladders?.[state.scenario];
  const heldChosen = heldLadder && shown?.results.find((r) => r.scenario === state.scenario);
  const chosen = heldChosen ?? output?.chosen;
  const ladder = heldChosen ? heldLadder : output?.ladder;
  // `held` is for this output's input whenever the output left the results out; the chosen row alone is a fallback
  // that cannot happen, there only so that the table is never empty.
  const results = output?.results ?? held.current?.results ?? (output === undefined ? [] : [output.chosen]);
  const level = props.headingLevel ?? 3;
  const Heading = `h${level}` as 'h3';

  const presetActive = (rtt: number, bw: number) => state.rtt === String(rtt) && state.bandwidth === String(bw);
  // The results' handlers read the newest state through this ref, so the memoised results below stay valid while
  // typing (a row clicked before the worker answers keeps the RTT just typed).
  const latest = useRef(state);
  latest.current = state;

  // The results change only when the worker answers, the scenario or the sort changes: memoised, a keystroke
  // re-renders the field it changed and not the ladder and the 13-row table (Preact skips a reused element).
  const resultsView = useMemo(
    () =>
      chosen === undefined || ladder === undefined ? (
        // Hydrating without the simulator: the server's results stay as they are until the worker answers.
        <div class="tc-results" dangerouslySetInnerHTML={{ __html: '' }} />
      ) : (
        <Results
          id={id}
          heading={Heading}
          chosen={chosen}
          ladder={ladder}
          results={results}
          drawLadder={run.live || props.ladderOnServer !== false}
          sort={sort}
          onSort={(key) =>
            setSort((s) => ({
              key,
              direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
            }))
          }
          onSelect={(scenario) => change({ ...latest.current, scenario }, 'choose')}
        />
      ),
    [chosen, ladder, results, sort, run.live],
  );

  return (
    <section
      class="pj-island tc not-content"
      aria-label={props.label ?? 'TLS round-trip calculator'}
      data-live={run.live ? '' : undefined}
      // Every scenario's ladder is held for the network shown: a change of scenario is drawn without a run (benches
      // and browser tests wait for it).
      data-ladders={heldLadder !== undefined ? '' : undefined}
    >
      <p class="pj-notice" role="status">
        {notices.length > 0 ? notices.map((n) => n.message).join(' ') : null}
      </p>
      <fieldset class="tc-presets">
        <legend>Network presets</legend>
        {NETWORK_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={presetActive(preset.rttMs, preset.bandwidthMbps) ? 'true' : 'false'}
            title={preset.source}
            onClick={() =>
              change({ ...state, rtt: String(preset.rttMs), bandwidth: String(preset.bandwidthMbps) }, 'choose')
            }
          >
            {preset.label}
          </button>
        ))}
      </fieldset>

      <div class="tc-inputs">
        <div class="pj-field tc-field--wide">
          <label for={`${id}-scenario`} class="pj-label">
            {TLS_CODEC.fields.scenario.label}
          </label>
          <select
            id={`${id}-scenario`}
            value={state.scenario}
            onChange={(event: TargetedEvent<HTMLSelectElement>) => {
              const value = event.currentTarget.value;
              const next = scenarioIds.find((s) => s === value);
              if (next) change({ ...state, scenario: next }, 'choose');
            }}
          >
            {scenarioIds.map((s) => (
              <option key={s} value={s}>
                {SCENARIOS[s].title}
              </option>
            ))}
          </select>
        </div>
        {FIELDS.map(({ field, hint }) => (
          <NumberField
            key={field}
            id={`${id}-${field}`}
            field={TLS_CODEC.fields[field]}
            value={state[field]}
            hint={hint}
            error={fieldMessage(kept.error, field)}
            onInput={(text) => change({ ...state, [field]: text }, 'type')}
          />
        ))}
      </div>

      {resultsView}
    </section>
  );
}

/** The comparison table's sort: a column and a direction. */
interface SortState {
  readonly key: ComparisonKey;
  readonly direction: 'ascending' | 'descending';
}

/** What the comparison table needs, passed through the results. */
interface ComparisonProps {
  readonly id: string;
  readonly results: readonly ComparisonRow[];
  readonly sort: SortState;
  readonly onSort: (key: ComparisonKey) => void;
  readonly onSelect: (scenario: ScenarioId) => void;
}

/** The chosen scenario's numbers, breakdown, notes and ladder, and the comparison of every scenario. */
function Results(
  props: ComparisonProps & {
    readonly heading: 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
    readonly chosen: ShownResult;
    readonly ladder: TlsLadder;
    readonly drawLadder: boolean;
  },
) {
  const { id, sort } = props;
  const current = props.chosen;
  const Heading = props.heading;
  // The ladder follows the numbers one frame later: at 4× CPU, redrawing its ~85 SVG elements (render, style, layout
  // and paint) was about a third of an RTT change's main-thread work, and the numbers above it are what the reader
  // checks first. Memoised, so the render that answers the change leaves the old ladder untouched.
  const ladder = usePaintedLater(props.ladder);
  const figure = useMemo(
    () =>
      props.drawLadder ? (
        // Scoped by the island id: the same scenario drawn by a static diagram on the page would otherwise share
        // its <title>/<desc>/caption ids (and aria-labelledby would resolve to the first one).
        <Figure scene={ladder.scene} title={ladder.title} caption={ladder.caption} scope={id} />
      ) : null,
    [ladder, props.drawLadder, id],
  );
  return (
    <div class="tc-results">
      <Heading class="tc-heading">{SCENARIOS[current.scenario].title}</Heading>
      <p class="tc-summary">{SCENARIOS[current.scenario].summary}</p>
      <dl class="tc-headline">
        <div>
          <dt>Request sent</dt>
          <dd>
            {ms(current.requestSentMs)} <span class="tc-sub">{roundTripsText(current.setupRoundTrips)}</span>
          </dd>
        </div>
        <div>
          <dt>Time to first byte</dt>
          <dd>{ms(current.ttfbMs)}</dd>
        </div>
        <div>
          <dt>Time to last byte</dt>
          <dd>{ms(current.timeToLastByteMs)}</dd>
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
      {figure}
      <Comparison
        id={id}
        results={sortComparison(props.results, sort.key, sort.direction)}
        selected={current.scenario}
        sort={sort}
        onSort={props.onSort}
        onSelect={props.onSelect}
      />
    </div>
  );
}

/** Where the time went: a proportional bar (decorative) and the same numbers as a list. */
function Breakdown(props: { readonly result: ShownResult }) {
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
            <dd>{ms(props.result.breakdown[key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Every scenario side by side; column headers sort, row buttons select. */
function Comparison(props: ComparisonProps & { readonly selected: string }) {
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
              <td>{ms(r.requestSentMs)}</td>
              <td>{ms(r.ttfbMs)}</td>
              <td>{ms(r.timeToLastByteMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
