/**
 * The playground's URL state, declared once with the toolkit: preset, request fields, traffic mode and failed
 * backends. The config itself travels compressed in its own `cfg` parameter (config-link.ts), because it is
 * decoded asynchronously.
 */
import { defineCodec, enumField, type StateOf, stringField } from '../playground/index.ts';
import type { TrafficMode } from '../proxy/index.ts';
import { PRESET_IDS, PRESET_REQUESTS as PRESETS, type PresetId } from './preset-list.ts';
import type { PlaygroundInput } from './view.ts';

const MODES = ['plain-http', 'tls-passthrough', 'tls-termination'] as const satisfies readonly TrafficMode[];
const MODE_LABELS: Record<TrafficMode, string> = {
  'plain-http': 'Plain HTTP',
  'tls-passthrough': 'TLS passed through (L4)',
  'tls-termination': 'TLS terminated at the proxy (L7)',
};

export const PROXY_CODEC = defineCodec({
  preset: enumField({
    param: 'preset',
    label: 'Example',
    values: PRESET_IDS,
    default: 'l7-api',
    noun: 'example',
    describe: (id: PresetId) => PRESETS[id].label,
  }),
  host: stringField({ param: 'host', label: 'Host', default: PRESETS['l7-api'].host, maxLength: 255 }),
  path: stringField({ param: 'path', label: 'Path and query', default: PRESETS['l7-api'].path, maxLength: 2000 }),
  client: stringField({ param: 'client', label: 'Client address', default: PRESETS['l7-api'].client, maxLength: 64 }),
  mode: enumField({
    param: 'mode',
    label: 'Traffic',
    values: MODES,
    default: 'tls-termination',
    noun: 'traffic mode',
    describe: (m: TrafficMode) => MODE_LABELS[m],
  }),
  failed: stringField({ param: 'failed', label: 'Failed backends', default: '', maxLength: 1000 }),
});

export type ProxyState = StateOf<typeof PROXY_CODEC.fields>;

export { MODE_LABELS, MODES };

/** The view-model input for a state and a config text. */
export function stateToInput(state: ProxyState, config: string): PlaygroundInput {
  return {
    config,
    host: state.host,
    path: state.path,
    client: state.client,
    mode: state.mode,
    failed: state.failed === '' ? [] : state.failed.split(',').slice(0, 64),
  };
}
