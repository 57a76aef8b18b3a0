/**
 * The playground's shareable state in the URL: `?scenario=<id>&packet=<n>` (1-based). Defaults are omitted;
 * unknown scenarios and out-of-range packets fall back to the defaults rather than failing.
 */
import { PLAYGROUND_SCENARIOS, type ScenarioId } from './scenario-list.ts';

export interface PlaygroundUrlState {
  readonly scenario: ScenarioId;
  /** 0-based index of the packet shown. */
  readonly packet: number;
}
export const URL_DEFAULTS: PlaygroundUrlState = { scenario: 'http', packet: 0 };
/** No scenario has more packets than this; larger numbers are clipped. */
export const MAX_PACKET = 999;

const IDS = new Set<string>(PLAYGROUND_SCENARIOS.map((s) => s.id));

export function decodePlaygroundUrl(search: string): PlaygroundUrlState {
  const q = new URLSearchParams(search.slice(0, 2_000));
  const s = q.get('scenario') ?? '';
  const scenario = IDS.has(s) ? (s as ScenarioId) : URL_DEFAULTS.scenario;
  const p = q.get('packet') ?? '';
  const packet = /^\d{1,6}$/.test(p) ? Math.min(MAX_PACKET, Math.max(1, Number(p))) - 1 : 0;
  return { scenario, packet };
}

export function encodePlaygroundUrl(state: PlaygroundUrlState): string {
  const q = new URLSearchParams();
  if (state.scenario !== URL_DEFAULTS.scenario) q.set('scenario', state.scenario);
  if (state.packet > 0) q.set('packet', String(state.packet + 1));
  const text = q.toString();
  return text === '' ? '' : `?${text}`;
}
