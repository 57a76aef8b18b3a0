/**
 * The journey playground island: type a URL and see one request travel, to scale. State: one
 * {@link JourneyPlaygroundState} (the URL as typed, the choices, the server time as typed), seeded from `preset` so
 * the server render and the first client render agree; with `syncUrl` the playground toolkit reads it from and
 * mirrors it into the page URL (replaceState while typing, pushState for a choice). Fields and labels are declared
 * in src/lib/journey-playground; every number and sentence comes from the journey model (src/lib/journey), which runs
 * in a worker (`run.worker.ts`) for both visits at once, so the cold/warm switch needs no new run.
 *
 * The typed URL is only ever text: it is rendered as text nodes (never as markup), and no href is built from it —
 * the links are docs slugs plus queries the model built with each playground's own codec.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatDuration } from '../../lib/format/index.ts';
import {
  DNS_TRANSPORTS,
  HTTP_LABELS,
  JOURNEY_CODEC,
  type JourneyError,
  type JourneyPlaygroundState,
  type JourneyRunInput,
  journeySummary,
  layoutTimeline,
  NETWORK_CHOICES,
  phaseLinks,
  RUN_KEYS,
  runInput,
  TLS_LABELS,
  TRANSPORT_LABELS,
  urlParts,
  VISIT_LABELS,
  type Visit,
  WARM_LABELS,
} from '../../lib/journey-playground/index.ts';
import type { JourneyRun, LaidOutLadder, VisitView } from '../../lib/journey-playground/run.ts';
import { fieldMessage, type IslandProps, type Result } from '../../lib/playground/index.ts';
import { type BackgroundOptions, useBackgroundRun } from '../shared/background.ts';
import { useLastGood, useUrlState } from '../shared/hooks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { TICKS, Timeline } from './Timeline.tsx';
import '../shared/island.css';
import './JourneyPlayground.css';

/** Props of the island (serialisable). */
export type JourneyPlaygroundProps = IslandProps<JourneyPlaygroundState>;

type RunOutput = Result<JourneyRun, JourneyError>;

/** The input shown when even the first state is invalid (a broken preset): the defaults' (valid by test). */
const DEFAULT_INPUT = runInput(JOURNEY_CODEC.defaults);
if (!DEFAULT_INPUT.ok) throw new Error(`The journey's defaults are invalid: ${DEFAULT_INPUT.error.message}`);
const FALLBACK_INPUT = DEFAULT_INPUT.value;

/**
 * How the journey is planned: in a worker (written inline so Vite bundles it). The server render and tests also get
 * the run itself, synchronously; the browser bundle does not (the condition is false there, so the import goes),
 * which keeps the models out of the island: until the worker's first answer the server's HTML of the results stays.
 */
const RUN_OPTIONS: BackgroundOptions<JourneyRunInput, RunOutput> = {
  createWorker: () => new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module' }),
  run:
    import.meta.env.SSR || import.meta.env.MODE === 'test'
      ? (await import('../../lib/journey-playground/run.ts')).runJourney
      : undefined,
  load: () => import('../../lib/journey-playground/run.ts').then((module) => module.runJourney),
};

/** The select fields: id, label and the choices with their words. */
const SELECTS = [
  { key: 'network', choices: NETWORK_CHOICES.map((c) => ({ id: c.id, label: c.label })) },
  { key: 'http', choices: Object.entries(HTTP_LABELS).map(([id, label]) => ({ id, label })) },
  { key: 'tls', choices: Object.entries(TLS_LABELS).map(([id, label]) => ({ id, label })) },
  { key: 'via', choices: DNS_TRANSPORTS.map((id) => ({ id, label: TRANSPORT_LABELS[id] })) },
  { key: 'warm', choices: Object.entries(WARM_LABELS).map(([id, label]) => ({ id, label })) },
] as const;

const ms = formatDuration;

/** The playground. */
export function JourneyPlayground(props: JourneyPlaygroundProps) {
  const id = props.id ?? 'journey';
  const base = useMemo(() => JOURNEY_CODEC.resolve(props.preset), []);
  const [state, change, notices] = useUrlState(JOURNEY_CODEC, base, props.syncUrl === true);
  const level = props.headingLevel ?? 3;
  const Heading = `h${level}` as 'h3';
  const [ladderOpen, setLadderOpen] = useState(false);

  // Switching the visit needs no new run: both visits are planned at once, so the input ignores it.
  const kept = useLastGood(
    useMemo(
      () => runInput(state),
      RUN_KEYS.map((key) => state[key]),
    ),
  );
  const run = useBackgroundRun(kept.value ?? FALLBACK_INPUT, RUN_OPTIONS);
  const ran = useLastGood(run.output);
  const shown = ran.value;
  const modelError = run.output !== undefined && !run.output.ok ? run.output.error : undefined;
  const urlError = modelError !== undefined && modelError.code !== 'invalid-option' ? modelError.message : undefined;
  const serverError =
    fieldMessage(kept.error, 'server') ?? (modelError?.code === 'invalid-option' ? modelError.message : undefined);

  const choose = (key: keyof JourneyPlaygroundState) => (event: TargetedEvent<HTMLSelectElement>) =>
    change({ ...state, [key]: event.currentTarget.value }, 'choose');
  const toggle = (key: 'proxy' | 'hsts') => (event: TargetedEvent<HTMLInputElement>) =>
    change({ ...state, [key]: event.currentTarget.checked }, 'choose');

  return (
    <section
      class="pj-island jp not-content"
      aria-label={props.label ?? 'Journey of a URL'}
      data-live={run.live ? '' : undefined}
    >
      <p class="pj-notice" role="status">
        {notices.length > 0 ? notices.map((n) => n.message).join(' ') : null}
      </p>
      <form class="jp-controls" onSubmit={(event) => event.preventDefault()}>
        <div class={`pj-field jp-url${urlError === undefined ? '' : ' pj-field--invalid'}`}>
          <label class="pj-label" for={`${id}-url`}>
            {JOURNEY_CODEC.fields.url.label}
          </label>
          <span class="pj-hint" id={`${id}-url-hint`}>
            What you would type in the address bar
          </span>
          <input
            id={`${id}-url`}
            type="text"
            inputMode="url"
            autocomplete="off"
            autoCapitalize="off"
            spellcheck={false}
            value={state.url}
            aria-invalid={urlError === undefined ? undefined : 'true'}
            aria-describedby={`${id}-url-hint ${id}-url-error`}
            onInput={(event) => change({ ...state, url: event.currentTarget.value }, 'type')}
          />
          <p class="pj-error" id={`${id}-url-error`}>
            {urlError}
          </p>
        </div>
        <div class="jp-choices">
          {SELECTS.map(({ key, choices }) => (
            <div class="pj-field" key={key}>
              <label class="pj-label" for={`${id}-${key}`}>
                {JOURNEY_CODEC.fields[key].label}
              </label>
              <select id={`${id}-${key}`} value={state[key]} onChange={choose(key)}>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <NumberField
            id={`${id}-server`}
            field={JOURNEY_CODEC.fields.server}
            value={state.server}
            hint="Origin: request in → first byte out"
            error={serverError}
            onInput={(text) => change({ ...state, server: text }, 'type')}
          />
        </div>
        <div class="jp-flags">
          {(['proxy', 'hsts'] as const).map((key) => (
            <label key={key} class="jp-check">
              <input type="checkbox" checked={state[key]} onChange={toggle(key)} />
              {JOURNEY_CODEC.fields[key].label}
            </label>
          ))}
        </div>
        <fieldset class="jp-visit">
          <legend>{JOURNEY_CODEC.fields.visit.label}</legend>
          {(['cold', 'warm'] as const).map((visit) => (
            <label key={visit} class="jp-radio">
              <input
                type="radio"
                name={`${id}-visit`}
                value={visit}
                checked={state.visit === visit}
                onChange={() => change({ ...state, visit }, 'choose')}
              />
              {VISIT_LABELS[visit]}
            </label>
          ))}
        </fieldset>
      </form>

      {shown === undefined ? (
        // Hydrating without the model: the server's results stay as they are until the worker answers.
        <div class="jp-results" dangerouslySetInnerHTML={{ __html: '' }} />
      ) : (
        <Results
          id={id}
          run={shown}
          visit={state.visit}
          Heading={Heading}
          busy={run.busy}
          stale={urlError !== undefined}
          ladderOpen={ladderOpen}
          onLadderToggle={setLadderOpen}
        />
      )}
    </section>
  );
}

/** Everything under the controls, for one planned run. */
function Results(props: {
  readonly id: string;
  readonly run: JourneyRun;
  readonly visit: Visit;
  readonly Heading: 'h2' | 'h3' | 'h4';
  readonly busy: boolean;
  /** The shown journey is the last valid URL's, not the typed one's. */
  readonly stale: boolean;
  readonly ladderOpen: boolean;
  readonly onLadderToggle: (open: boolean) => void;
}) {
  const { id, run, visit, Heading } = props;
  const view: VisitView = run[visit];
  const { journey } = view;
  const scale = Math.max(run.cold.journey.totalMs, run.warm.journey.totalMs);
  const layout = useMemo(() => layoutTimeline(journey.phases, scale, TICKS), [journey, scale]);
  const base = import.meta.env.BASE_URL;
  const visitName = visit === 'cold' ? 'first' : 'second';
  const summary = `${props.stale ? `Still showing ${journey.url.href}. ` : ''}${journeySummary(journey)}`;
  return (
    <div class="jp-results" aria-busy={props.busy ? 'true' : undefined}>
      <p class="jp-summary" role="status">
        {summary}
      </p>
      <dl class="jp-parts" aria-label="Parts of the URL">
        {urlParts(journey.url).map((part) => (
          <div key={part.name}>
            <dt>{part.name}</dt>
            <dd>
              <code>{part.value}</code> <span class="jp-note">{part.note}</span>
            </dd>
          </div>
        ))}
      </dl>

      <Heading class="jp-heading">Timeline of the {visitName} visit</Heading>
      <Timeline layout={layout} />
      <ol class="jp-phases">
        {journey.phases.map((phase) => {
          const links = phaseLinks(phase, base);
          const took = phase.endMs - phase.startMs;
          return (
            <li key={phase.id} class={took === 0 ? 'jp-phase jp-phase--none' : 'jp-phase'}>
              <p class="jp-phase-head">
                <span class={`jp-swatch jp-ph-${phase.id}`} aria-hidden="true" />
                <strong>{phase.label}</strong> <span class="jp-took">{ms(took)}</span>
                <span class="jp-when">
                  {' '}
                  ({ms(phase.startMs)} → {ms(phase.endMs)})
                </span>
              </p>
              <p class="jp-explain">{phase.explanation}</p>
              <p class="jp-links">
                <a href={links.guide.href}>{links.guide.label}</a>
                {links.playground === null ? null : (
                  <>
                    {' · '}
                    <a href={links.playground.href}>{links.playground.label}</a>
                  </>
                )}
              </p>
            </li>
          );
        })}
      </ol>
      <details class="jp-more">
        <summary>The timeline as a table</summary>
        <table class="jp-table">
          <caption>Phases of the {visitName} visit, in milliseconds from pressing Enter</caption>
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">Starts</th>
              <th scope="col">Ends</th>
              <th scope="col">Takes</th>
            </tr>
          </thead>
          <tbody>
            {journey.phases.map((phase) => (
              <tr key={phase.id}>
                <th scope="row">{phase.label}</th>
                <td>{ms(phase.startMs)}</td>
                <td>{ms(phase.endMs)}</td>
                <td>{ms(phase.endMs - phase.startMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <Heading class="jp-heading">What changes on the second visit</Heading>
      <p>
        First visit: last byte after {ms(run.cold.journey.totalMs)}; second visit: {ms(run.warm.journey.totalMs)}.
      </p>
      <ul class="jp-changes">
        {run.warm.journey.warmChanges.map((c) => (
          <li key={c.id}>{c.text}</li>
        ))}
      </ul>

      {journey.proxy === null ? null : (
        <details class="jp-more">
          <summary>What the origin receives from the proxy</summary>
          <p>
            Backend <code>{journey.proxy.backend}</code>:
          </p>
          <pre class="jp-pre">
            {[journey.proxy.requestLine, ...journey.proxy.headers.map(([name, value]) => `${name}: ${value}`)].join(
              '\n',
            )}
          </pre>
        </details>
      )}

      <details
        class="jp-more jp-ladder"
        open={props.ladderOpen}
        onToggle={(event: TargetedEvent<HTMLDetailsElement>) => props.onLadderToggle(event.currentTarget.open)}
      >
        <summary>Ladder: every message across browser, resolver, name servers, proxy and origin</summary>
        {props.ladderOpen ? <LazyLadder ladder={view.ladder} scope={`${id}-${visit}`} /> : null}
      </details>

      {journey.notes.length > 0 ? (
        <ul class="jp-notes">
          {journey.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The ladder component, once loaded (shared by every instance: one download). */
let loadedLadder: typeof import('./JourneyLadder.tsx').JourneyLadder | undefined;

/** The ladder view, loaded on first open: the figure's code stays out of the first download. */
function LazyLadder(props: { readonly ladder: LaidOutLadder | null; readonly scope: string }) {
  const [Ladder, setLadder] = useState(() => loadedLadder);
  useEffect(() => {
    if (Ladder !== undefined) return;
    void import('./JourneyLadder.tsx').then((module) => {
      loadedLadder = module.JourneyLadder;
      setLadder(() => module.JourneyLadder);
    });
  }, []);
  if (Ladder === undefined) return <p class="jp-note">Loading the ladder…</p>;
  if (props.ladder === null) return <p class="jp-note">No messages cross the network on this visit.</p>;
  return <Ladder ladder={props.ladder} scope={props.scope} />;
}
