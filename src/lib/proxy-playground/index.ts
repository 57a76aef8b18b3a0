/** The proxy playground's view model: presets, the config-in-a-link codec, and the view built from the inputs. */
export { decodeConfig, encodeConfig, type LinkError, MAX_LINK_CONFIG } from './config-link.ts';
export { type Distribution, sendHundred } from './hundred.ts';
export { PRESET_REQUESTS, type PresetRequest } from './preset-list.ts';
export { PRESET_IDS, PRESETS, type PresetId, type ProxyPreset } from './presets.ts';
export { MODE_LABELS, MODES, PROXY_CODEC, type ProxyState, stateToInput } from './state.ts';
export {
  buildRequest,
  buildView,
  checkRequest,
  type FlowData,
  flowScene,
  type PlaygroundInput,
  type PlaygroundView,
} from './view.ts';
