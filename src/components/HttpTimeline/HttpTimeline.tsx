/**
 * The HTTP timeline island: controls, a comparison of the five protocols, a waterfall for the chosen one, and the
 * same data as a table. State: one {@link TimelineState} (control text as typed), seeded from `preset` so the
 * server and the first client render agree; with `syncUrl` the playground toolkit reads it from and mirrors it into
 * the page URL (replaceState while typing, pushState for a page or protocol choice). Fields, bounds and messages
 * are declared once in `src/lib/http-timeline`; all numbers come from `src/lib/http`; this file only renders them.
 *
 * The simulation runs in a Web Worker (`simulate.worker.ts`, through `useBackgroundRun`): a 500-resource page with
 * loss takes seconds, and the tab must stay responsive. The last result stays on screen until the new one is ready;
 * "Simulating…" appears if that takes longer than a frame; a newer input cancels the run in flight.
 *
 * Issue 6 asks for a recompute and redraw of 200 requests within one frame (bench/http-timeline-render.ts measures
 * it). What keeps it within that: the bars are one SVG path per phase (eight elements, whatever the request count);
 * the rows over them take only strings, so a recompute re-renders the rows whose label changed and nothing else;
 * hover and focus re-render one row and the tooltip; the closed timings table is not re-rendered until it is opened;
 * the URL is written after the frame (an effect).
 */
import { Component, type ComponentChildren, type FunctionComponent, type TargetedEvent } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import {
  compareRows,
  DEFAULT_STATE,
  formatBytes,
  formatMs,
  type HttpResult,
  LANE_UNITS,
  lanePaths,
  layoutWaterfall,
  PAGE_CHOICES,
  type PageLoadResult,
  PHASE_KEYS,
  PHASE_NAMES,
  PRESETS,
  PROTOCOL_IDS,
  PROTOCOLS,
  type ProtocolId,
  pageChoiceLabel,
  type RequestTiming,
  ROW_UNITS,
  swatchPath,
  TIMELINE_CODEC,
  type TimelineInput,
  type TimelineState,
  timelineInput,
  WATERFALL_WIDTH,
  waterfallPaths,
} from '../../lib/http-timeline/index.ts';
import { fieldMessage, type IslandProps } from '../../lib/playground/index.ts';
import { type BackgroundOptions, useBackgroundRun } from '../shared/background.ts';
import { useLastGood, useUrlState } from '../shared/hooks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import '../shared/island.css';
import './HttpTimeline.css';

/** Props of the island (serialisable). */
export type HttpTimelineProps = IslandProps<TimelineState>;

/** The input shown when even the first state is invalid (a broken preset): the defaults' (valid by test). */
const DEFAULT_INPUT = timelineInput(DEFAULT_STATE);
if (!DEFAULT_INPUT.ok) throw new Error(`The timeline's defaults are invalid: ${DEFAULT_INPUT.error.message}`);
const FALLBACK_INPUT = DEFAULT_INPUT.value;

/**
 * How the simulation runs: in a worker (written inline so Vite bundles it). The server render and the tests also get
 * the run itself, synchronously; the browser bundle does not (the condition is false there, so the import goes), which
 * keeps the simulator's bytes out of the island: until the worker's first answer the server's HTML stays.
 */
const RUN_OPTIONS: BackgroundOptions<TimelineInput, HttpResult<PageLoadResult[]>> = {
  createWorker: () => new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module' }),
  run:
    import.meta.env.SSR || import.meta.env.MODE === 'test'
      ? (await import('../../lib/http-timeline/run.ts')).runTimeline
      : undefined,
  load: () => import('../../lib/http-timeline/run.ts').then((module) => module.runTimeline),
};

/**
 * `memo` without preact/compat (which would add its option hooks to the bundle): re-renders only when a prop
 * changes identity.
 */
function pure<P extends object>(render: FunctionComponent<P>): new (props: P) => Component<P> {
  return class Pure extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      for (const key in next) if (next[key] !== this.props[key]) return true;
      return false;
    }
    override render(): ComponentChildren {
      return render(this.props);
    }
  };
}

/** The playground. */
export function HttpTimeline(props: HttpTimelineProps) {
  const id = props.id ?? 'http-timeline';
  const base = useMemo(() => TIMELINE_CODEC.resolve(props.preset), []);
  const [state, change, notices] = useUrlState(TIMELINE_CODEC, base, props.syncUrl === true);
  const H = `h${props.headingLevel ?? 3}` as 'h3';

  // Invalid controls keep the last valid input (and so the last charts); the run of that input happens off-thread.
  const kept = useLastGood(useMemo(() => timelineInput(state), [state]));
  const input = kept.value ?? FALLBACK_INPUT;
  const run = useBackgroundRun(input, RUN_OPTIONS);
  const ran = useLastGood(run.output);
  const results = ran.value;

  const set = (field: 'preset' | 'protocol') => (event: TargetedEvent<HTMLSelectElement>) =>
    change({ ...state, [field]: event.currentTarget.value }, 'choose');
  const selected = results?.find((r) => r.protocol === state.protocol);
  const numberField = (field: 'rtt' | 'bandwidth' | 'loss' | 'count' | 'size') => (
    <NumberField
      id={`${id}-${field}`}
      class="ht-field"
      field={TIMELINE_CODEC.fields[field]}
      value={state[field]}
      error={fieldMessage(kept.error, field)}
      onInput={(text) => change({ ...state, [field]: text }, 'type')}
    />
  );
  const problem = kept.error !== undefined || ran.error !== undefined;

  return (
    <section
      class="pj-island ht not-content"
      aria-label={props.label ?? 'HTTP page-load simulator'}
      data-live={run.live ? '' : undefined}
    >
      <p class="pj-notice" role="status">
        {notices.length > 0 ? notices.map((n) => n.message).join(' ') : null}
      </p>
      <form class="ht-controls" onSubmit={(e) => e.preventDefault()}>
        <div class="ht-field">
          <label for={`${id}-page`}>{TIMELINE_CODEC.fields.preset.label}</label>
          <select id={`${id}-page`} value={state.preset} onChange={set('preset')}>
            {PAGE_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {pageChoiceLabel(choice)}
              </option>
            ))}
          </select>
        </div>
        {state.preset === 'custom' ? (
          <>
            {numberField('count')}
            {numberField('size')}
          </>
        ) : null}
        {numberField('rtt')}
        {numberField('bandwidth')}
        {numberField('loss')}
        <div class="ht-field">
          <label for={`${id}-protocol`}>{TIMELINE_CODEC.fields.protocol.label}</label>
          <select id={`${id}-protocol`} value={state.protocol} onChange={set('protocol')}>
            {PROTOCOL_IDS.map((p) => (
              <option key={p} value={p}>
                {PROTOCOLS[p].label}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p class="ht-error" aria-live="polite">
        {problem ? (
          <>
            <span aria-hidden="true" class="ht-error-icon">
              !
            </span>{' '}
            {ran.error === undefined ? '' : `${ran.error.message} `}The charts show the last valid settings.
          </>
        ) : null}
      </p>
      <p class="pj-notice ht-busy" role="status">
        {run.busy ? 'Simulating…' : null}
      </p>
      {results === undefined ? (
        // Hydrating without the simulator: the server's results stay as they are until the worker answers.
        <div class="ht-results" dangerouslySetInnerHTML={{ __html: '' }} />
      ) : (
        <div class="ht-results" aria-busy={run.busy ? 'true' : undefined}>
          <p class="ht-page-summary">
            {state.preset === 'custom'
              ? 'An HTML document of 10 KB, then the resources below, all found in the HTML.'
              : PRESETS[state.preset].summary}
          </p>

          <H class="ht-heading">All five protocols, same page, same network</H>
          <Comparison
            results={results}
            selected={state.protocol}
            onSelect={(p) => change({ ...state, protocol: p }, 'choose')}
          />

          {selected ? <Waterfall id={id} result={selected} Heading={H} /> : null}
        </div>
      )}
    </section>
  );
}

/** Horizontal bars of total load time, one per protocol; a bar's button selects the waterfall. */
function Comparison(props: {
  readonly results: readonly PageLoadResult[];
  readonly selected: ProtocolId;
  readonly onSelect: (p: ProtocolId) => void;
}) {
  const rows = compareRows(props.results);
  return (
    <ol class="ht-compare">
      {rows.map((row) => (
        <li key={row.protocol} class="ht-compare-row">
          <button
            type="button"
            class="ht-compare-name"
            aria-pressed={row.protocol === props.selected ? 'true' : 'false'}
            onClick={() => props.onSelect(row.protocol)}
          >
            {PROTOCOLS[row.protocol].label}
          </button>
          <span class="ht-compare-track" aria-hidden="true">
            <span class="ht-compare-bar" style={{ width: `${row.width}%` }} />
          </span>
          <span class="ht-compare-total">
            {formatMs(row.totalMs)}
            {row.fastest ? <strong class="ht-fastest"> fastest</strong> : null}
          </span>
          <span class="ht-compare-meta">
            {row.connections} connection{row.connections === 1 ? '' : 's'} · {row.setupRoundTrips} setup round trip
            {row.setupRoundTrips === 1 ? '' : 's'} · {formatBytes(row.bytesOnWire)} on the wire
            {row.lostPackets > 0 ? ` · ${row.lostPackets} lost packet${row.lostPackets === 1 ? '' : 's'}` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}

function phaseText(r: RequestTiming): string {
  return r.phases.map((p) => `${p.name} ${formatMs(p.endMs - p.startMs)}`).join(', ');
}

function where(r: RequestTiming): string {
  return `connection ${r.connectionId}${r.streamId === null ? '' : `, stream ${r.streamId}`}`;
}

/** Swatch path data per phase key, built once: the legend re-renders with every recompute. */
const SWATCH_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(PHASE_KEYS).map((key) => [key, swatchPath(key)]),
);

/** A phase's sample, drawn with the same bands as the chart (legend and tooltip). */
function Swatch(props: { readonly phase: keyof typeof PHASE_KEYS }) {
  const key = PHASE_KEYS[props.phase];
  return (
    <svg class="ht-swatch" viewBox="0 0 24 24" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <path class={`ht-fill-${key}`} d={SWATCH_PATHS[key]} />
    </svg>
  );
}

/**
 * A decorative SVG of `rows` bands of `rowUnits` each, stretched to its box's width (only x scales, see
 * `src/lib/http/waterfall.ts`); a unit is 1/16 rem, so row i lines up with HTML rows of `rowUnits / 16` rem.
 */
function Stretched(props: {
  readonly class: string;
  readonly rows: number;
  readonly rowUnits: number;
  readonly children: ComponentChildren;
}) {
  const { rows, rowUnits } = props;
  return (
    <svg
      class={props.class}
      viewBox={`0 0 ${WATERFALL_WIDTH} ${Math.max(1, rows) * rowUnits}`}
      preserveAspectRatio="none"
      style={{ height: `${(rows * rowUnits) / 16}rem` }}
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}

/**
 * The waterfall of one protocol, its legend, connection lanes and the table alternative. The bars are drawn as one
 * SVG path per phase behind a list of rows (name + a transparent, focusable button over the track), so a recompute
 * changes eight path strings and 200 labels rather than a thousand positioned boxes.
 */
function Waterfall(props: { readonly id: string; readonly result: PageLoadResult; readonly Heading: 'h3' }) {
  const { result, id, Heading } = props;
  const layout = useMemo(() => layoutWaterfall(result), [result]);
  const paths = useMemo(() => waterfallPaths(layout), [layout]);
  const lanes = useMemo(() => lanePaths(layout), [layout]);
  const [active, setActive] = useState<number | undefined>(undefined);
  // Roving focus: the bars are one Tab stop; the arrow keys move between them (index of the request that has it).
  const [current, setCurrent] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const onFocusRow = useMemo(
    () => (index: number) => {
      setActive(index);
      setCurrent(index);
    },
    [],
  );
  const [tableOpen, setTableOpen] = useState(false);
  // The table shows this result; while the table is closed it keeps the one it last showed, so a closed table costs
  // nothing on a recompute, and opening it renders the current one. It is first rendered when first opened: its
  // 800-odd elements were half of what the island built when the worker's first answer replaced the server's HTML,
  // and on the server's page they made Starlight's table-of-contents script (whose `:has()` selectors scan every
  // element after a heading) take 12-33 ms per copy of the contents, twice, during page load (issue 13, goal 4). The
  // server renders it inside <noscript>: readers without JavaScript get the table, a browser with it parses none.
  const tableResult = useRef<PageLoadResult | undefined>(undefined);
  if (tableOpen) tableResult.current = result;
  const label = PROTOCOLS[result.protocol].label;
  const blocked = result.requests.filter((r) => r.headOfLineBlockedMs > 0).length;
  const tipId = `${id}-tip`;
  const tabStop = result.requests.some((r) => r.index === current) ? current : result.requests[0]?.index;
  const onListKey = (event: KeyboardEvent) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.ht-bar');
    if (!buttons || !(event.target instanceof HTMLButtonElement)) return;
    const from = [...buttons].indexOf(event.target);
    const last = buttons.length - 1;
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    let to: number;
    if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = last;
    else if (Object.hasOwn(step, event.key)) to = Math.min(last, Math.max(0, from + (step[event.key] ?? 0)));
    else return;
    event.preventDefault();
    buttons[to]?.focus();
  };
  const activeRow = active === undefined ? -1 : result.requests.findIndex((r) => r.index === active);
  const activeRequest = result.requests[activeRow];
  return (
    <>
      <Heading class="ht-heading">Waterfall: {label}</Heading>
      <p class="ht-summary">
        {PROTOCOLS[result.protocol].summary} Loaded in <strong>{formatMs(result.totalMs)}</strong>:{' '}
        {result.requests.length} requests over {result.connectionsOpened} connection
        {result.connectionsOpened === 1 ? '' : 's'}
        {blocked > 0 ? `; ${blocked} responses waited behind another response's lost packet` : ''}.
      </p>
      <ul class="ht-legend" aria-label="Phases">
        {PHASE_NAMES.map((name) => (
          <li key={name}>
            <Swatch phase={name} />
            {name}
          </li>
        ))}
      </ul>
      <div class="ht-chart">
        <div class="ht-axis" aria-hidden="true">
          {layout.ticks.map((t) => (
            <span key={t.ms} class="ht-tick" style={{ left: `${t.left}%` }}>
              {formatMs(t.ms)}
            </span>
          ))}
        </div>
        <p class="ht-hint">
          Hover a bar, or Tab to the bars and use ↑ ↓ Home End, to see a request's phases; Esc hides them.
        </p>
        <p class="ht-lanes-title">Connections (one lane per connection that can be open at the same time)</p>
        <div class="ht-lanes">
          <Stretched class="ht-lanes-svg" rows={layout.lanes.length} rowUnits={LANE_UNITS}>
            <path class="ht-lane-item" d={lanes.items} />
            <path class="ht-lane-setup" d={lanes.setup} />
          </Stretched>
          <ol class="sr-only" aria-label="Connection lanes">
            {layout.lanes.map((lane, i) => (
              <li key={i}>
                Lane {i + 1}: connection{lane.length === 1 ? '' : 's'} {lane.map((c) => c.connectionId).join(', ')}
              </li>
            ))}
          </ol>
        </div>
        <div class="ht-plot">
          <Stretched class="ht-bars" rows={layout.rows.length} rowUnits={ROW_UNITS}>
            {PHASE_NAMES.map((name) => {
              const key = PHASE_KEYS[name];
              return <path key={key} class={`ht-fill-${key}`} d={paths[key]} />;
            })}
          </Stretched>
          <ol ref={listRef} class="ht-rows" aria-label={`Requests over ${label}`} onKeyDown={onListKey}>
            {result.requests.map((r) => (
              <Row
                key={r.index}
                index={r.index}
                name={r.name}
                label={`${r.name}: ${formatMs(r.discoveredMs)} to ${formatMs(r.endMs)}, ${where(r)}`}
                describedBy={active === r.index ? tipId : undefined}
                tabStop={r.index === tabStop}
                onActive={setActive}
                onFocusRow={onFocusRow}
              />
            ))}
          </ol>
          {activeRequest ? <Tooltip id={tipId} request={activeRequest} row={activeRow} /> : null}
        </div>
      </div>
      <details class="ht-table-wrap" onToggle={(e) => setTableOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>Timings as a table ({label})</summary>
        {tableResult.current !== undefined ? (
          <TimingTable result={tableResult.current} />
        ) : import.meta.env.SSR ? (
          <noscript>
            <TimingTable result={result} />
          </noscript>
        ) : null}
      </details>
    </>
  );
}

/**
 * One request of the waterfall: its name and a transparent button over its row of the chart (the bar is drawn by
 * the SVG behind it). Props are strings and numbers, so a recompute re-renders only rows whose label changed.
 */
const Row = pure(function Row(props: {
  readonly index: number;
  readonly name: string;
  readonly label: string;
  readonly describedBy: string | undefined;
  /** The one bar that Tab reaches (roving tabindex). */
  readonly tabStop: boolean;
  readonly onActive: (index: number | undefined) => void;
  readonly onFocusRow: (index: number) => void;
}) {
  const { index, name, label, describedBy, tabStop, onActive, onFocusRow } = props;
  const show = () => onActive(index);
  const hide = () => onActive(undefined);
  return (
    <li class="ht-row" onMouseLeave={hide}>
      <span class="ht-name" title={name}>
        {name}
      </span>
      <button
        type="button"
        class="ht-bar"
        aria-label={label}
        aria-describedby={describedBy}
        tabIndex={tabStop ? 0 : -1}
        onMouseEnter={show}
        onFocus={() => onFocusRow(index)}
        onBlur={hide}
        onKeyDown={(e) => {
          if (e.key === 'Escape') hide();
        }}
      />
    </li>
  );
});

/** The phase timings of the hovered or focused request, under its row. */
function Tooltip(props: { readonly id: string; readonly request: RequestTiming; readonly row: number }) {
  const { id, request: r, row } = props;
  return (
    <div id={id} role="tooltip" class="ht-tip" style={{ top: `${((row + 1) * ROW_UNITS) / 16}rem` }}>
      <strong>{r.name}</strong> — {where(r)}, {formatBytes(r.responseBytes)}
      {r.lostPackets > 0 ? `, ${r.lostPackets} lost` : ''}
      {r.headOfLineBlockedMs > 0 ? `, held ${formatMs(r.headOfLineBlockedMs)} behind a loss` : ''}
      <ul>
        {r.phases.map((p) => (
          <li key={p.name}>
            <Swatch phase={p.name} />
            {p.name}: {formatMs(p.startMs)} → {formatMs(p.endMs)} ({formatMs(p.endMs - p.startMs)})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The timings of one protocol as a table (the waterfall's text alternative); re-renders only for a new result. */
const TimingTable = pure(function TimingTable(props: { readonly result: PageLoadResult }) {
  const { result } = props;
  const label = PROTOCOLS[result.protocol].label;
  return (
    <section
      class="ht-scroll"
      aria-label={`Request timings over ${label}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table class="ht-table">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Connection</th>
            <th scope="col">Stream</th>
            <th scope="col">Start</th>
            <th scope="col">First byte</th>
            <th scope="col">End</th>
            <th scope="col">Phases</th>
          </tr>
        </thead>
        <tbody>
          {result.requests.map((r) => (
            <tr key={r.index}>
              <th scope="row">{r.name}</th>
              <td>{r.connectionId}</td>
              <td>{r.streamId ?? '—'}</td>
              <td>{formatMs(r.discoveredMs)}</td>
              <td>{formatMs(r.firstByteMs)}</td>
              <td>{formatMs(r.endMs)}</td>
              <td>{phaseText(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});

export default HttpTimeline;
