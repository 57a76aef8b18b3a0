/**
 * The HTTP timeline playground's view model: its fields (declared once with the playground toolkit, bounds from
 * src/lib/bounds), the conversion of the controls to simulator input, and the run itself (which the island does in a
 * Web Worker).
 *
 * The run itself is `run.ts`: kept apart so the island's bundle holds no simulator (the worker does).
 *
 * Shape of the state: `{ preset, protocol, rtt, bandwidth, loss, count, size }` — the page choice and protocol ids,
 * and the text of each number control as typed. `count` and `size` (KB) only matter for the 'custom' page.
 */
import { BOUNDS } from '../bounds/index.ts';
// Direct module imports, not the model's index: the index also re-exports the simulator, and any static path from
// the island to it puts the simulator's bytes in the island's bundle (the worker carries them; see run.ts).
import { PRESET_IDS, PRESETS, PROTOCOLS, uniformPage } from '../http/presets.ts';
import { type HttpInputError, type NetworkInput, type PageInput, PROTOCOL_IDS } from '../http/types.ts';
import { validateNetwork, validatePage } from '../http/validate.ts';
import {
  defineCodec,
  enumField,
  type FieldError,
  numberField,
  type Result,
  type StateError,
  type StateOf,
} from '../playground/index.ts';

/** The page choices of the playground's select, presets first; 'custom' = `count` equal resources of `size` KB. */
export const PAGE_CHOICES = [...PRESET_IDS, 'custom'] as const;

/** One of {@link PAGE_CHOICES}. */
export type PageChoice = (typeof PAGE_CHOICES)[number];

/** A page choice as the select shows it. */
export function pageChoiceLabel(choice: PageChoice): string {
  return choice === 'custom' ? 'Custom: N equal resources' : PRESETS[choice].title;
}

/** The timeline's fields: URL parameter, label, bounds and default of each, once. */
export const TIMELINE_CODEC = defineCodec({
  preset: enumField({
    param: 'page',
    label: 'Page',
    values: PAGE_CHOICES,
    default: 'image-gallery',
    noun: 'page',
    describe: pageChoiceLabel,
  }),
  protocol: enumField({
    param: 'protocol',
    label: 'Protocol in the waterfall',
    values: PROTOCOL_IDS,
    default: 'h2',
    noun: 'protocol',
    describe: (p) => PROTOCOLS[p].label,
  }),
  rtt: numberField({ param: 'rtt', label: 'Round-trip time', bound: BOUNDS.rttMs, default: 100 }),
  bandwidth: numberField({ param: 'bw', label: 'Bandwidth', bound: BOUNDS.bandwidthMbps, default: 50 }),
  loss: numberField({ param: 'loss', label: 'Packet loss', bound: BOUNDS.lossPercent, default: 0 }),
  count: numberField({
    param: 'count',
    label: 'Number of resources',
    bound: BOUNDS.resources,
    default: 20,
    unit: '',
  }),
  size: numberField({ param: 'kb', label: 'Resource size', bound: BOUNDS.responseKb, default: 30 }),
});

/** Control values; numbers are the text in the inputs. */
export type TimelineState = StateOf<typeof TIMELINE_CODEC.fields>;

/** A timeline control. */
export type TimelineField = keyof TimelineState;

/** Why the timeline cannot run a state: every refused control. */
export type TimelineError = StateError<TimelineField>;

/** The state a fresh page shows (also what the server renders). */
export const DEFAULT_STATE: TimelineState = TIMELINE_CODEC.defaults;

/** What one run simulates: the page and the network. Plain data, so it can be posted to a worker. */
export interface TimelineInput {
  readonly page: PageInput;
  readonly network: NetworkInput;
}

/** Size of the custom page's HTML document (bytes). */
const CUSTOM_HTML_BYTES = 10_000;

/** The control a simulator input field belongs to (for the model's own refusals at its edge). */
function controlOf(modelField: string): TimelineField {
  if (modelField === 'rttMs') return 'rtt';
  if (modelField === 'bandwidthMbps') return 'bandwidth';
  if (modelField === 'lossRate') return 'loss';
  return modelField === 'resources' ? 'count' : 'size';
}

/**
 * Converts the controls to simulator input, or lists every refused control. Only the controls in use are checked
 * (count and size only for the custom page). The model validates at its edge too; a refusal there is shown on the
 * control it came from, so the two can never disagree silently.
 */
export function timelineInput(state: TimelineState): Result<TimelineInput, TimelineError> {
  const custom = state.preset === 'custom';
  const errors: FieldError<TimelineField>[] = [];
  const number = (field: 'rtt' | 'bandwidth' | 'loss' | 'count' | 'size'): number => {
    const parsed = TIMELINE_CODEC.parseField(field, state[field]);
    if (parsed.ok) return parsed.value;
    errors.push(parsed.error);
    return Number.NaN;
  };
  const network: NetworkInput = {
    rttMs: number('rtt'),
    bandwidthMbps: number('bandwidth'),
    lossRate: number('loss') / 100,
    seed: 1,
  };
  const count = custom ? number('count') : 0;
  const sizeKb = custom ? number('size') : 0;
  const [first] = errors;
  if (first !== undefined)
    return { ok: false, error: { code: 'invalid-fields', message: first.message, fields: errors } };
  const page =
    state.preset === 'custom'
      ? uniformPage(count, Math.round(sizeKb * 1000), CUSTOM_HTML_BYTES)
      : PRESETS[state.preset].page;
  const checked = validateNetwork(network);
  const refused = checked.ok ? validatePage(page) : checked;
  if (!refused.ok) return { ok: false, error: rejected(refused.error) };
  return { ok: true, value: { page, network } };
}

function rejected(error: HttpInputError): TimelineError {
  const field: FieldError<TimelineField> = { code: 'rejected', field: controlOf(error.field), message: error.message };
  return { code: 'invalid-fields', message: field.message, fields: [field] };
}
