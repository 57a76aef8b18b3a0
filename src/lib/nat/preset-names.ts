/**
 * The NAT presets' ids and short names: all a menu of presets needs, in a module of its own so a page can list them
 * without downloading the behaviours and the model (presets.ts).
 */

export const PRESET_IDS = [
  'linux-masquerade',
  'linux-masquerade-open-input',
  'linux-masquerade-random',
  'full-cone',
  'restricted-cone',
  'port-restricted-cone',
  'symmetric',
  'carrier-grade',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** Each preset's short name, as the playground's menu lists it (a table of its own: the menu needs no behaviour). */
export const PRESET_LABELS: Readonly<Record<PresetId, string>> = {
  'linux-masquerade': 'Linux masquerade (most home routers)',
  'linux-masquerade-open-input': 'Linux masquerade, no input firewall',
  'linux-masquerade-random': 'Linux masquerade fully-random',
  'full-cone': 'Full cone (EIM + EIF)',
  'restricted-cone': 'Restricted cone (EIM + ADF)',
  'port-restricted-cone': 'Port-restricted cone (EIM + APDF)',
  symmetric: 'Symmetric (APDM + APDF)',
  'carrier-grade': 'Carrier-grade NAT (RFC 6888)',
};
