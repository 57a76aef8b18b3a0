/**
 * The playground toolkit: what every island builds on. Pure TypeScript (no DOM, no Preact): the Preact half lives in
 * `src/components/shared/` (hooks, `NumberField`, `NoscriptNote.astro`, the background runner).
 *
 * ## Declare the fields once
 *
 * ```ts
 * import { BOUNDS } from '../bounds/index.ts';
 * import { defineCodec, enumField, numberField } from '../playground/index.ts';
 *
 * export const CODEC = defineCodec({
 *   protocol: enumField({ param: 'protocol', label: 'Protocol', values: PROTOCOL_IDS, default: 'h2',
 *                         noun: 'protocol', describe: (p) => PROTOCOLS[p].label }),
 *   rtt: numberField({ param: 'rtt', label: 'Round-trip time', bound: BOUNDS.rttMs, default: 100 }),
 *   bandwidth: numberField({ param: 'bw', label: 'Bandwidth', bound: BOUNDS.bandwidthMbps, default: 50,
 *                            blank: 'unlimited' }),
 * });
 * export type MyState = StateOf<typeof CODEC.fields>;   // { protocol: ProtocolId; rtt: string; bandwidth: string }
 * ```
 *
 * From that one declaration:
 * - `CODEC.decode(location.search, base)` → `{ state, notices }`: never throws; each parameter is clipped to the
 *   field's `maxLength` before it is parsed (a 100,000-character value costs nothing); an unknown choice keeps the
 *   base value and gives a notice to show: "Unknown protocol 'h9' in the link — showing HTTP/2."
 * - `CODEC.encode(state, base)` → `'protocol=h3&rtt=250'` (fields equal to `base` left out);
 *   `CODEC.query(location.search, state, base)` → the address-bar query with foreign parameters kept.
 * - `CODEC.parse(state)` → `{ ok: true, value }` (numbers, `undefined` for an allowed blank) or
 *   `{ ok: false, error: { code: 'invalid-fields', message, fields: [{ code, field, message }] } }`, codes from the
 *   closed union `FieldErrorCode`; messages name the field and quote the text:
 *   "Round-trip time is '1e308' but must be from 0.01 to 60000 ms."
 * - `CODEC.resolve(props.preset, base)` → a state from an untrusted Astro prop.
 * - `clamp(value, bound)` for steppers; `controlLabel(field)` and `boundsHint(field)` for the control's text.
 *
 * ## Keep the last good result
 * `keepLastGood(previous, result)` (pure) / `useLastGood(result)` (hook): while the input is invalid, show the
 * results of the last valid input with the error. No extra render, no memo key: memoise on the state object.
 *
 * ## Islands
 * - Props: `IslandProps<State>` (`id`, `preset`, `syncUrl`, `label`, `headingLevel`).
 * - URL: `useUrlState(CODEC, base, syncUrl)` in `src/components/shared/hooks.ts` gives `[state, change, notices]`;
 *   `change(next, 'type')` replaces the history entry once typing pauses (250 ms; at once when the page is hidden or
 *   a choice follows), `change(next, 'choose')` pushes one after the paint (`ChangeKind`); back and
 *   forward restore the state, and a page opened from a link keeps its URL until the first change.
 * - Number controls: `<NumberField id field={CODEC.fields.rtt} value={state.rtt} error={fieldMessage(kept.error,
 *   'rtt')} onInput={(text) => change({ ...state, rtt: text }, 'type')} />` (label with unit, bounds hint,
 *   `aria-invalid` and an error line tied by `aria-describedby`; shared styles in `island.css`, `.pj-field`).
 * - Link notices: render `notices` in a `<p class="pj-notice" role="status">` at the top of the island.
 * - Without JavaScript: `<NoscriptNote />` in the island's Astro wrapper.
 * - Heavy runs: `useBackgroundRun(input, { createWorker, run, load })` (`src/components/shared/background.ts`;
 *   the worker module is one line, `serveRuns(run)` from `background-worker.ts`). Runs in a Web Worker, ignores
 *   stale answers, cancels a run older than 50 ms when the input changes, says "Simulating…" (`busy`) after a frame,
 *   keeps the last output until the new one is ready. Pass `run` only where it is bundled anyway (server render,
 *   tests: `import.meta.env.SSR || import.meta.env.MODE === 'test' ? (await import('./run.ts')).run : undefined`):
 *   then the browser bundle carries no model, hydration keeps the server's HTML of the results
 *   (`dangerouslySetInnerHTML={{ __html: '' }}` while `output` is undefined) and the island goes live (`live`, put
 *   it on the root as `data-live`) at the worker's first answer. Without Worker, the run happens on the main thread.
 * - Keep the model's run in its own module (`run.ts`) that the view model's index does not re-export: one static
 *   import path from the island to the simulator puts all of it in the island's bundle.
 * - A large server-rendered part (a table of many rows with inputs): wrap it in `<HydrateLater class=…>` from
 *   `src/components/shared/HydrateLater.tsx`. It hydrates in a task of its own after the island's, so hydration is
 *   two shorter tasks instead of one long one (the packet playground: 30 ms at 1× became 17.5 + the table's).
 * - Large props (a decoded packet, a precomputed answer): pass them `pack(value)` and read them with
 *   `useMemo(() => unpack(props.x), [props.x])` (`Packed<T>`): one `JSON.parse` instead of Astro's per-value revival.
 */
export type { Codec, Decoded, Fields, StateOf, ValuesOf } from './codec.ts';
export { clamp, defineCodec, fieldMessage, parseNumber } from './codec.ts';
export type {
  BooleanField,
  EnumField,
  Field,
  FieldText,
  FieldValue,
  ListField,
  NumberField,
  StringField,
} from './fields.ts';
export {
  booleanField,
  boundsHint,
  controlLabel,
  enumField,
  listField,
  NUMBER_TEXT_LIMIT,
  numberField,
  STRING_TEXT_LIMIT,
  stringField,
} from './fields.ts';
export type { ChangeKind, IslandProps, Packed } from './island.ts';
export { pack, unpack } from './island.ts';
export type { Kept } from './last-good.ts';
export { keepLastGood } from './last-good.ts';
export type { FieldError, FieldErrorCode, Result, StateError } from './result.ts';
export { FIELD_ERROR_CODES, QUOTE_LENGTH, quote } from './result.ts';
