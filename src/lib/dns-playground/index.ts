/** Public surface of the DNS playground's view model (used by src/components/DnsPlayground). */
export type { ByteField, DecodeError } from '../dns/types.ts';
export type { DigPasteMessage, DigPasteView } from './explain.ts';
export { decodeDigPaste, explainMessage, looksLikeDig } from './explain.ts';
export type { HexError, HexErrorCode, HexResult, PasteView } from './hex.ts';
export { decodePaste, MAX_PASTE_CHARS, parseHexInput } from './hex.ts';
export type { CacheRowView, DnsIslandRun, DnsLadder, DnsView, HopView, ZoneView } from './run.ts';
export { internetFor, runDns, runForIsland } from './run.ts';
export type {
  CacheState,
  DnsPlaygroundError,
  DnsPlaygroundState,
  DnsPreset,
  DnsRunInput,
  EditableZone,
  Transport,
} from './state.ts';
export {
  AFTER_SECONDS,
  CACHE_LABELS,
  CACHE_STATES,
  DNS_CODEC,
  DNS_DEFAULTS,
  DNS_PRESETS,
  EDITABLE_ZONES,
  MAX_ZONE_TEXT,
  parseDnsState,
  TRANSPORT_LABELS,
  TRANSPORTS,
} from './state.ts';
