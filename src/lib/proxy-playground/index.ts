/** The proxy playground's view model: presets, the config-in-a-link codec, and the view built from the inputs. */
export { decodeConfig, encodeConfig, type LinkError, MAX_LINK_CONFIG } from './config-link.ts';
export { PRESET_IDS, PRESETS, type PresetId, type ProxyPreset } from './presets.ts';
export { MODE_LABELS, MODES, PROXY_CODEC, type ProxyState, stateToInput } from './state.ts';
export {
  buildRequest,
  buildView,
  checkRequest,
  type Distribution,
  type FlowData,
  type PlaygroundInput,
  type PlaygroundView,
  sendHundred,
} from './view.ts';
