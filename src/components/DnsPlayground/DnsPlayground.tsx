/**
 * The DNS resolution playground: a name and a type, the cache state and the transport in; the ladder of every
 * query with milliseconds, dig-style replies, the cache table and an annotated hex view out; plus a box that
 * decodes a pasted DNS message. All logic lives in src/lib/dns-playground; this file renders it. Record data is
 * always rendered as text (never as HTML): dig's escaping already keeps it on one line.
 */
import type { TargetedEvent } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DATA_TYPES } from '../../lib/dns/data-types.ts';
import type { ByteField } from '../../lib/dns/types.ts';
// Direct module imports, not the view model's index: the index also exports the resolver run, which must stay in
// the worker (see RUN_OPTIONS) so the model's bytes are not in the island's bundle.
import type { DnsIslandRun, DnsView } from '../../lib/dns-playground/run.ts';
import {
  CACHE_LABELS,
  CACHE_STATES,
  DNS_CODEC,
  DNS_PRESETS,
  type DnsPlaygroundState,
  type DnsRunInput,
  EDITABLE_ZONES,
  type EditableZone,
  MAX_ZONE_TEXT,
  parseDnsState,
  TRANSPORT_LABELS,
  TRANSPORTS,
} from '../../lib/dns-playground/state.ts';
import { formatCount, formatDuration } from '../../lib/format/index.ts';
import { fieldMessage, type IslandProps } from '../../lib/playground/index.ts';
import { Figure } from '../diagrams/Figure.tsx';
import { type BackgroundOptions, useBackgroundRun } from '../shared/background.ts';
import { useLastGood, useUrlState } from '../shared/hooks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import '../shared/island.css';
import './DnsPlayground.css';

type RunRequest = { readonly input: DnsRunInput; readonly zone?: EditableZone };

/**
 * The lookup runs in a worker (written inline so Vite bundles it); the server render and tests run it directly. The
 * browser bundle does not import the run, which keeps the resolver, the zones and the diagram layout out of the
 * island: until the worker's first answer the server's HTML of the results stays.
 */
const RUN_OPTIONS: BackgroundOptions<RunRequest, DnsIslandRun> = {
  createWorker: () => new Worker(new URL('./resolve.worker.ts', import.meta.url), { type: 'module' }),
  run:
    import.meta.env.SSR || import.meta.env.MODE === 'test'
      ? (await import('../../lib/dns-playground/run.ts')).runForIsland
      : undefined,
  load: () => import('../../lib/dns-playground/run.ts').then((module) => module.runForIsland),
};

/** The paste box's decoder: loaded on the first paste, so the DNS decoder's bytes are not in the island's bundle. */
interface PasteDecoder {
  readonly decodePaste: typeof import('../../lib/dns-playground/hex.ts').decodePaste;
  readonly formatDig: typeof import('../../lib/dns/present.ts').formatDig;
}

const loadDecoder = (): Promise<PasteDecoder> =>
  Promise.all([import('../../lib/dns-playground/hex.ts'), import('../../lib/dns/present.ts')]).then(
    ([hex, present]) => ({ decodePaste: hex.decodePaste, formatDig: present.formatDig }),
  );

export type DnsPlaygroundProps = IslandProps<DnsPlaygroundState>;

const DEFAULT_INPUT = parseDnsState(DNS_CODEC.defaults);
const DEFAULT_INPUT_VALUE: DnsRunInput = DEFAULT_INPUT.ok
  ? DEFAULT_INPUT.value
  : {
      name: 'www.example.com.',
      type: 'A',
      cache: 'cold',
      afterSeconds: 60,
      qmin: true,
      transport: 'udp',
      stubRttMs: 10,
      serverRttMs: 60,
    };

export function DnsPlayground(props: DnsPlaygroundProps) {
  const id = props.id ?? 'dns-playground';
  const base = useMemo(() => DNS_CODEC.resolve(props.preset), []);
  const [state, change, notices] = useUrlState(DNS_CODEC, base, props.syncUrl === true);
  const kept = useLastGood(useMemo(() => parseDnsState(state), [state]));
  const input = kept.value ?? (DEFAULT_INPUT.ok ? DEFAULT_INPUT.value : undefined);
  const request = useMemo(() => ({ input: input ?? DEFAULT_INPUT_VALUE, zone: state.zone }), [input, state.zone]);
  const background = useBackgroundRun(request, RUN_OPTIONS);
  const output = background.output;
  // The last good rule for the zone editor too: an edit that does not parse keeps the last result on screen.
  const keptRun = useLastGood(
    useMemo(
      () =>
        output === undefined
          ? undefined
          : output.zone.error === undefined
            ? { ok: true as const, value: output }
            : { ok: false as const, error: { code: 'zone', message: output.zone.error } },
      [output],
    ),
  );
  const run = keptRun.value;
  const [selected, setSelected] = useState(0);
  const level = props.headingLevel ?? 3;
  const Heading = `h${level}` as 'h3';
  const errorOf = (field: keyof DnsPlaygroundState) => fieldMessage(kept.error, field);
  const nameError = errorOf('name');

  return (
    <section
      class="pj-island dp not-content"
      aria-label={props.label ?? 'DNS resolution playground'}
      data-live={background.live ? '' : undefined}
    >
      <p class="pj-notice" role="status">
        {notices.length > 0 ? notices.map((n) => n.message).join(' ') : null}
      </p>
      <fieldset class="dp-presets">
        <legend>Presets</legend>
        {DNS_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            title={preset.explains}
            onClick={() => {
              setSelected(0);
              change({ ...DNS_CODEC.defaults, ...preset.state }, 'choose');
            }}
          >
            {preset.label}
          </button>
        ))}
      </fieldset>

      <div class="dp-inputs">
        <div class={`pj-field dp-field--wide${nameError === undefined ? '' : ' pj-field--invalid'}`}>
          <label for={`${id}-name`} class="pj-label">
            {DNS_CODEC.fields.name.label}
          </label>
          <input
            id={`${id}-name`}
            type="text"
            spellcheck={false}
            autocomplete="off"
            value={state.name}
            aria-invalid={nameError === undefined ? undefined : 'true'}
            aria-describedby={nameError === undefined ? undefined : `${id}-name-error`}
            onInput={(e: TargetedEvent<HTMLInputElement>) => change({ ...state, name: e.currentTarget.value }, 'type')}
          />
          <p id={`${id}-name-error`} class="pj-error" aria-live="polite">
            {nameError ?? ''}
          </p>
        </div>
        <Select
          id={`${id}-type`}
          label={DNS_CODEC.fields.type.label}
          value={state.type}
          values={DATA_TYPES}
          describe={(t) => t}
          onChange={(type) => change({ ...state, type }, 'choose')}
        />
        <Select
          id={`${id}-cache`}
          label={DNS_CODEC.fields.cache.label}
          value={state.cache}
          values={CACHE_STATES}
          describe={(c) => CACHE_LABELS[c]}
          onChange={(cache) => change({ ...state, cache }, 'choose')}
        />
        {state.cache === 'after' ? (
          <NumberField
            id={`${id}-after`}
            field={DNS_CODEC.fields.after}
            value={state.after}
            error={errorOf('after')}
            onInput={(after) => change({ ...state, after }, 'type')}
          />
        ) : null}
        <Select
          id={`${id}-via`}
          label={DNS_CODEC.fields.transport.label}
          value={state.transport}
          values={TRANSPORTS}
          describe={(t) => TRANSPORT_LABELS[t]}
          onChange={(transport) => change({ ...state, transport }, 'choose')}
        />
        <NumberField
          id={`${id}-stub`}
          field={DNS_CODEC.fields.stubRtt}
          value={state.stubRtt}
          error={errorOf('stubRtt')}
          onInput={(stubRtt) => change({ ...state, stubRtt }, 'type')}
        />
        <NumberField
          id={`${id}-auth`}
          field={DNS_CODEC.fields.serverRtt}
          value={state.serverRtt}
          error={errorOf('serverRtt')}
          onInput={(serverRtt) => change({ ...state, serverRtt }, 'type')}
        />
        <div class="pj-field dp-check">
          <input
            id={`${id}-qmin`}
            type="checkbox"
            checked={state.qmin}
            onChange={(e: TargetedEvent<HTMLInputElement>) =>
              change({ ...state, qmin: e.currentTarget.checked }, 'choose')
            }
          />
          <label for={`${id}-qmin`}>{DNS_CODEC.fields.qmin.label} (RFC 9156)</label>
        </div>
      </div>

      {run === undefined ? (
        // Hydrating before the worker's first answer: the server's results stay as they are until it comes.
        <div class="dp-results" dangerouslySetInnerHTML={{ __html: '' }} />
      ) : (
        <Results
          id={id}
          view={run.view}
          ladder={run.ladder}
          selected={Math.min(selected, run.view.hops.length - 1)}
          onSelect={setSelected}
          Heading={Heading}
        />
      )}
      {output === undefined && state.zoneText === '' ? (
        // The same for the zone editor: its text comes with the run.
        <details class="dp-zone" dangerouslySetInnerHTML={{ __html: '' }} />
      ) : (
        <ZoneEditor
          id={id}
          zone={state.zone}
          text={state.zoneText !== '' ? state.zoneText : (output?.zone.text ?? '')}
          edited={state.zoneText !== ''}
          error={keptRun.error?.message ?? errorOf('zoneText')}
          onZone={(zone) => change({ ...state, zone, zoneText: '' }, 'choose')}
          onText={(zoneText) => change({ ...state, zoneText }, 'type')}
          Heading={Heading}
        />
      )}
      <Paste id={id} Heading={Heading} />
    </section>
  );
}

function Select<T extends string>(props: {
  readonly id: string;
  readonly label: string;
  readonly value: T;
  readonly values: readonly T[];
  readonly describe: (value: T) => string;
  readonly onChange: (value: T) => void;
}) {
  return (
    <div class="pj-field">
      <label for={props.id} class="pj-label">
        {props.label}
      </label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e: TargetedEvent<HTMLSelectElement>) => {
          const value = e.currentTarget.value;
          const next = props.values.find((v) => v === value);
          if (next !== undefined) props.onChange(next);
        }}
      >
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.describe(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Results(props: {
  readonly id: string;
  readonly view: DnsView;
  readonly ladder: DnsIslandRun['ladder'];
  readonly selected: number;
  readonly onSelect: (i: number) => void;
  readonly Heading: 'h3';
}) {
  const { view, id, Heading } = props;
  const hop = view.hops[props.selected];
  const { scene, title, caption } = props.ladder;
  return (
    <div class="dp-results">
      <p class="dp-total" aria-live="polite">
        <strong>{formatDuration(view.totalMs)}</strong> to the answer ·{' '}
        {view.fromCache ? 'from cache' : `${formatCount(view.upstreamQueries)} upstream queries`}
      </p>
      {/* Scoped by the island id, so a second playground on the page keeps its ids unique. */}
      <Figure scene={scene} title={title} caption={caption} scope={id} />

      <Heading>Every query</Heading>
      <ol class="dp-hops">
        {view.hops.map((h) => (
          <li key={h.index}>
            <button
              type="button"
              aria-pressed={h.index === props.selected ? 'true' : 'false'}
              onClick={() => props.onSelect(h.index)}
            >
              <span class="dp-hop-time">{formatDuration(h.sendMs)}</span> {h.from} → {h.to}: <code>{h.question}</code>
              {h.minimised ? ' (minimised)' : ''} — {h.summary}
            </button>
          </li>
        ))}
      </ol>
      {hop === undefined ? null : (
        <div class="dp-hop">
          <Heading>
            Reply {props.selected + 1}: {hop.from} ← {hop.to}
          </Heading>
          <pre class="dp-dig">{hop.responseDig ?? 'No reply: the server did not answer before the timeout.'}</pre>
          {hop.responseBytes === undefined ? null : (
            <HexView id={`${id}-hop`} bytes={hop.responseBytes} fields={hop.responseFields} />
          )}
        </div>
      )}

      <Heading>Answer to the stub</Heading>
      <pre class="dp-dig">{view.answerDig}</pre>

      <Heading>Resolver cache afterwards</Heading>
      <section
        class="dp-table-wrap"
        aria-labelledby={`${id}-cache-caption`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard (WCAG 2.1.1)
        tabIndex={0}
      >
        <table class="dp-table">
          <caption id={`${id}-cache-caption`}>Cached entries with their remaining TTL (s)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">From</th>
              <th scope="col">TTL left</th>
              <th scope="col">Data</th>
            </tr>
          </thead>
          <tbody>
            {view.cache.map((row) => (
              <tr key={`${row.name}|${row.type}|${row.kind}`}>
                <td>{row.name}</td>
                <td>{row.type}</td>
                <td>{row.kind}</td>
                <td>{row.ttl}</td>
                <td>{row.data}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {view.learned.length === 0 ? null : (
        <>
          <Heading>What each server learned</Heading>
          <ul class="dp-learned">
            {view.learned.map((l) => (
              <li key={l.server}>
                <strong>{l.server}</strong>: {l.names.join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Bytes in rows of 16 beside the decoded fields, linked both ways: hovering or focusing a field highlights its bytes,
 * and hovering or focusing a byte highlights its field (and scrolls the field list to it). The bytes are a grid with
 * one tab stop (roving tabindex): arrow keys move by a byte or a row, Home/End to the row's ends; each byte's
 * accessible name says its offset, value and field, so a screen reader hears the field as the focus moves.
 */
function HexView(props: { readonly id: string; readonly bytes: Uint8Array; readonly fields: readonly ByteField[] }) {
  const [active, setActive] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState(0);
  const grid = useRef<HTMLTableElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const fieldAt = useMemo(() => {
    const map = new Int32Array(props.bytes.length).fill(-1);
    props.fields.forEach((f, i) => {
      for (let o = f.offset; o < f.offset + f.length && o < map.length; o++) map[o] = i;
    });
    return map;
  }, [props.bytes, props.fields]);
  const current = active === undefined ? undefined : props.fields[active];
  const last = props.bytes.length - 1;
  const at = Math.min(cursor, Math.max(0, last));
  const rows: number[] = [];
  for (let o = 0; o < props.bytes.length; o += 16) rows.push(o);
  const showField = (offset: number, scroll: boolean) => {
    const f = fieldAt[offset] ?? -1;
    setActive(f < 0 ? undefined : f);
    if (scroll && f >= 0) list.current?.children[f]?.scrollIntoView?.({ block: 'nearest' });
  };
  const move = (event: KeyboardEvent) => {
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: 16,
      ArrowUp: -16,
      Home: -(at % 16),
      End: Math.min(15 - (at % 16), last - at),
    };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = Math.max(0, Math.min(last, at + step));
    setCursor(next);
    grid.current?.querySelector<HTMLElement>(`[data-at="${next}"]`)?.focus();
  };
  return (
    <div class="dp-hex">
      <div class="dp-hex-scroll">
        <table
          ref={grid}
          class="dp-hex-bytes"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern (WAI-ARIA APG "Data Grid") on a table: one tab stop, arrow keys move between the byte cells
          role="grid"
          aria-label="Message bytes in hex (arrow keys move; each byte names its field)"
          onKeyDown={move}
        >
          <tbody>
            {rows.map((o) => (
              <tr key={o} class="dp-hex-row">
                <th scope="row" class="dp-hex-offset">
                  {o.toString(16).padStart(4, '0')}
                </th>
                {Array.from(props.bytes.subarray(o, o + 16), (b, i) => {
                  const offset = o + i;
                  const f = fieldAt[offset] ?? -1;
                  const field = props.fields[f];
                  const on =
                    current !== undefined && offset >= current.offset && offset < current.offset + current.length;
                  const hex = b.toString(16).padStart(2, '0');
                  return (
                    <td
                      key={offset}
                      class={on ? 'dp-byte dp-byte--on' : 'dp-byte'}
                      data-at={offset}
                      tabIndex={offset === at ? 0 : -1}
                      aria-label={`Byte ${offset}: ${hex}${field === undefined ? '' : `, ${field.label}: ${field.value}`}`}
                      onFocus={() => {
                        setCursor(offset);
                        showField(offset, true);
                      }}
                      onMouseEnter={() => showField(offset, false)}
                    >
                      {hex}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol ref={list} class="dp-fields" aria-label="Decoded fields (focus one to highlight its bytes)">
        {props.fields.map((f, i) => (
          <li key={`${f.offset}-${f.field}`}>
            <button
              type="button"
              aria-pressed={i === active ? 'true' : 'false'}
              onFocus={() => setActive(i)}
              onMouseEnter={() => setActive(i)}
              onClick={() => setActive(i)}
            >
              <span class="dp-field-offset">
                {f.offset}+{f.length}
              </span>{' '}
              {f.label}: <span class="dp-field-value">{f.value}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Edit one zone of the built-in internet as a zone file; the lookup resolves against it (state in the URL). */
function ZoneEditor(props: {
  readonly id: string;
  readonly zone: EditableZone;
  readonly text: string;
  readonly edited: boolean;
  readonly error: string | undefined;
  readonly onZone: (zone: EditableZone) => void;
  readonly onText: (text: string) => void;
  readonly Heading: 'h3';
}) {
  const { id, Heading } = props;
  // Open while the reader wants it open (and from the start when the link carries an edit).
  const [open, setOpen] = useState(props.edited);
  return (
    <details
      class="dp-zone"
      open={open}
      onToggle={(e: TargetedEvent<HTMLDetailsElement>) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <Heading>Edit a zone</Heading>
      </summary>
      <p>
        Change a record, add one or remove one (zone-file syntax, RFC 1035 §5), then look a name up: the resolver asks
        this zone’s server, which now serves your text.
      </p>
      <Select
        id={`${id}-zone`}
        label={DNS_CODEC.fields.zone.label}
        value={props.zone}
        values={EDITABLE_ZONES}
        describe={(z) => z}
        onChange={props.onZone}
      />
      <div class={`pj-field${props.error === undefined ? '' : ' pj-field--invalid'}`}>
        <label for={`${id}-zone-text`} class="pj-label">
          {DNS_CODEC.fields.zoneText.label} ({props.zone}, up to {formatCount(MAX_ZONE_TEXT)} characters)
        </label>
        <textarea
          id={`${id}-zone-text`}
          rows={10}
          spellcheck={false}
          maxLength={MAX_ZONE_TEXT}
          value={props.text}
          aria-invalid={props.error === undefined ? undefined : 'true'}
          aria-describedby={`${id}-zone-error`}
          onInput={(e: TargetedEvent<HTMLTextAreaElement>) => props.onText(e.currentTarget.value)}
        />
        <p id={`${id}-zone-error`} class="pj-error" aria-live="polite">
          {props.error ?? ''}
        </p>
      </div>
      {props.edited ? (
        <button type="button" class="dp-zone-reset" onClick={() => props.onText('')}>
          Restore the built-in {props.zone} zone
        </button>
      ) : null}
    </details>
  );
}

function Paste(props: { readonly id: string; readonly Heading: 'h3' }) {
  const [text, setText] = useState('');
  const [decoder, setDecoder] = useState<PasteDecoder | undefined>(undefined);
  const pasted = text.trim() !== '';
  useEffect(() => {
    // A decoder that cannot load (offline) leaves the box without output; the rest of the island keeps working.
    if (pasted && decoder === undefined) void loadDecoder().then(setDecoder, () => undefined);
  }, [pasted]);
  const result = useMemo(
    () => (!pasted || decoder === undefined ? undefined : decoder.decodePaste(text)),
    [text, decoder],
  );
  const { id, Heading } = props;
  return (
    <div class="dp-paste">
      <Heading>Paste a DNS message</Heading>
      <p>
        Paste the bytes of a message as hex, or what <code>dig</code> printed (its default output, or with{' '}
        <code>+qr</code>): each message is decoded, explained and shown byte by byte.
      </p>
      <div class="pj-field">
        <label for={`${id}-paste`} class="pj-label">
          Message as hex (Wireshark “Copy as Hex Stream” or a hex dump) or dig’s output
        </label>
        <textarea
          id={`${id}-paste`}
          rows={4}
          spellcheck={false}
          value={text}
          onInput={(e: TargetedEvent<HTMLTextAreaElement>) => setText(e.currentTarget.value)}
        />
      </div>
      {result === undefined ? null : result.kind === 'hex-error' || result.kind === 'dig-error' ? (
        <p class="pj-error" role="alert">
          {result.error.message}
        </p>
      ) : result.kind === 'dig' ? (
        <div class="dp-dig-paste">
          {result.messages.map((m, i) => (
            <section key={m.dig.line} aria-labelledby={`${id}-dig-${i}`}>
              <Heading id={`${id}-dig-${i}`}>
                {m.dig.direction === 'sent' ? 'The query dig sent' : 'The reply'} (line {m.dig.line})
              </Heading>
              <ul class="dp-notes">
                {m.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
              {m.decoded.ok ? <pre class="dp-dig">{decoder?.formatDig(m.decoded.value)}</pre> : null}
              <HexView id={`${id}-dig-hex-${i}`} bytes={m.bytes} fields={m.decoded.fields} />
            </section>
          ))}
        </div>
      ) : (
        <div>
          {result.decoded.ok ? (
            <pre class="dp-dig">{decoder?.formatDig(result.decoded.value)}</pre>
          ) : (
            <p class="pj-error" role="alert">
              Not a valid DNS message: {result.decoded.error.message}
            </p>
          )}
          <HexView id={`${id}-paste-hex`} bytes={result.bytes} fields={result.decoded.fields} />
        </div>
      )}
    </div>
  );
}
