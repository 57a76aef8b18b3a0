/**
 * The NAT playground island. State: the URL fields of NAT_CODEC (scenario, NAT type, hairpinning, packet, time since
 * the packet, and the three texts of the "Build your own" editor) as typed, seeded from `preset` so the server render
 * and the first client render agree, mirrored into the URL for the instance with `syncUrl`. Everything shown comes
 * from `viewFor` (src/lib/nat-playground/view.ts). The first render shows `initialView`, the view of `preset`
 * computed when the page was built, so the model is not in the first download: it is fetched on hydration (and the
 * editor's parser on first use); until it arrives, and while an edited network does not parse, the last good view
 * stays.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { HAIRPIN_LABELS, NAT_CODEC, type NatPlaygroundState, type NatView } from '../../lib/nat-playground/index.ts';
import { fieldMessage, type IslandProps, type StateError } from '../../lib/playground/index.ts';
import { useLastGood, useUrlState } from '../shared/hooks.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { NatOutcome, NatTable, PathDiagram } from './NatViews.tsx';
import '../shared/island.css';
import './NatPlayground.css';

export type NatPlaygroundProps = IslandProps<NatPlaygroundState> & {
  /** The view of `preset`, computed at build time (NatPlayground.astro). */
  readonly initialView?: NatView | undefined;
};

const F = NAT_CODEC.fields;
const WAITS = [
  { label: '+30 s', seconds: 30 },
  { label: '+5 min', seconds: 300 },
  { label: '+2 h 4 min', seconds: 7440 },
] as const;

type EditorModule = typeof import('./NatEditor.tsx');
type ViewModule = typeof import('../../lib/nat-playground/view.ts');

/** Pick a scenario and a NAT type, step through the packets, watch the tables. */
export function NatPlayground(props: NatPlaygroundProps) {
  const id = props.id ?? 'nat';
  const H = `h${props.headingLevel ?? 3}` as 'h3';
  const base = useMemo(() => NAT_CODEC.resolve(props.preset), []);
  const [state, change, notices] = useUrlState(NAT_CODEC, base, props.syncUrl === true);
  const parsed = useMemo(() => NAT_CODEC.parse(state), [state]);
  // The model loads on hydration; the network editor and its parser on first use of "Build your own".
  const custom = state.scenario === 'custom';
  const [model, setModel] = useState<ViewModule | undefined>(undefined);
  const [editor, setEditor] = useState<EditorModule | undefined>(undefined);
  useEffect(() => {
    void import('../../lib/nat-playground/view.ts').then(setModel);
  }, []);
  useEffect(() => {
    if (custom && !editor) void import('./NatEditor.tsx').then(setEditor);
  }, [custom]);
  const kept = useLastGood(
    useMemo(() => {
      if (!parsed.ok) return parsed;
      if (model) return model.viewFor(parsed.value, editor?.parseCustom);
      // Before the model arrives: the build-time view, while the state is the one it was computed for.
      return state === base && props.initialView ? { ok: true as const, value: props.initialView } : undefined;
    }, [parsed, model, editor]),
  );
  const view = kept.value;
  const error = kept.error as StateError<keyof NatPlaygroundState & string> | undefined;
  const set = (patch: Partial<NatPlaygroundState>, kind: 'type' | 'choose') => change({ ...state, ...patch }, kind);
  const go = (index: number) => set({ step: String(index + 1), wait: '0' }, 'choose');
  const waitNow = Number(state.wait);
  return (
    <section
      class="pj-island nat-playground"
      aria-label={props.label ?? 'NAT playground'}
      data-live={model ? '' : undefined}
    >
      {notices.length > 0 ? (
        <ul class="nat-notices" role="status">
          {notices.map((n) => (
            <li key={n.field}>{n.message}</li>
          ))}
        </ul>
      ) : null}
      <div class="nat-controls">
        <label>
          {F.scenario.label}
          <select
            value={state.scenario}
            onChange={(e) =>
              set({ scenario: e.currentTarget.value as NatPlaygroundState['scenario'], step: '1', wait: '0' }, 'choose')
            }
          >
            {F.scenario.values.map((v) => (
              <option key={v} value={v}>
                {F.scenario.describe(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {F.nat.label}
          <select
            value={state.nat}
            onChange={(e) => set({ nat: e.currentTarget.value as NatPlaygroundState['nat'] }, 'choose')}
          >
            {F.nat.values.map((v) => (
              <option key={v} value={v}>
                {F.nat.describe(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {F.hairpin.label}
          <select
            value={state.hairpin}
            onChange={(e) => set({ hairpin: e.currentTarget.value as NatPlaygroundState['hairpin'] }, 'choose')}
          >
            {F.hairpin.values.map((v) => (
              <option key={v} value={v}>
                {HAIRPIN_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {custom && editor ? (
        <editor.NatEditor
          id={id}
          texts={state}
          errors={{
            hosts: fieldMessage(error, 'hosts'),
            forwards: fieldMessage(error, 'forwards'),
            packets: fieldMessage(error, 'packets'),
          }}
          onInput={(name, text) => set({ [name]: text }, 'type')}
        />
      ) : null}
      {view ? (
        <>
          <p class="nat-summary">{view.summary}</p>
          <fieldset class="nat-stepper">
            <legend class="sr-only">Packets</legend>
            <button type="button" onClick={() => go(view.index - 1)} disabled={!model || view.index === 0}>
              Previous packet
            </button>
            <span aria-live="polite">
              Packet {view.index + 1} of {view.count}
            </span>
            <button type="button" onClick={() => go(view.index + 1)} disabled={!model || view.index >= view.count - 1}>
              Next packet
            </button>
          </fieldset>
          <H class="nat-heading">Packet {view.index + 1}</H>
          <p>{view.note}</p>
          <PathDiagram view={view} id={id} />
          <NatOutcome view={view} />
          <div class="nat-clock">
            <NumberField
              id={`${id}-wait`}
              field={F.wait}
              value={state.wait}
              error={fieldMessage(error, 'wait')}
              onInput={(text) => set({ wait: text }, 'type')}
              hint="Let the clock run"
            />
            {WAITS.map((w) => (
              <button
                type="button"
                key={w.label}
                onClick={() => set({ wait: String((Number.isFinite(waitNow) ? waitNow : 0) + w.seconds) }, 'choose')}
              >
                {w.label}
              </button>
            ))}
          </div>
          {view.tables.map((t) => (
            <NatTable key={t.id} table={t} time={view.time} />
          ))}
        </>
      ) : null}
    </section>
  );
}
