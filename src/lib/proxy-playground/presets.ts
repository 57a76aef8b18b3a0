/** The playground's presets as data: a config, a request and the traffic mode for the L4/L7 view. */
import { PRESET_CONFIGS } from './preset-configs.ts';
import { PRESET_IDS, PRESET_REQUESTS, type PresetId, type PresetRequest } from './preset-list.ts';

export interface ProxyPreset extends PresetRequest {
  readonly config: string;
}

export { PRESET_IDS, type PresetId };

export const PRESETS: Readonly<Record<PresetId, ProxyPreset>> = Object.fromEntries(
  PRESET_IDS.map((id) => [id, { ...PRESET_REQUESTS[id], config: PRESET_CONFIGS[id] }]),
) as Record<PresetId, ProxyPreset>;
