/** Public surface of the DNS model: wire format, presentation, zones, the built-in internet and the resolver. */
export { ipv4Text, ipv6Text, parseIpv4, parseIpv6 } from './address.ts';
export { authoritativeAnswer, closestZone } from './authoritative.ts';
export type { DataTypeName, RegistryRow, RrTypeName } from './constants.ts';
export {
  CLASSES,
  CLASSIC_UDP_PAYLOAD,
  className,
  DATA_TYPES,
  EDNS_OPTIONS,
  ednsOptionName,
  FLAG_DAY_UDP_PAYLOAD,
  MAX_MESSAGE_BYTES,
  OPCODES,
  opcodeName,
  RCODES,
  RR_TYPES,
  rcodeName,
  SVC_PARAM_KEYS,
  svcKeyName,
  svcKeyValue,
  typeName,
  typeValue,
} from './constants.ts';
export type { AnnotatedDecode } from './decode.ts';
export { decodeAnnotated, decodeMessage } from './decode.ts';
export type { DigMessage, DigTextError, DigTextErrorCode, DigTextResult } from './dig-text.ts';
export { MAX_DIG_CHARS, MAX_DIG_LINES, MAX_DIG_MESSAGES, parseDigText } from './dig-text.ts';
export type { QueryInput } from './encode.ts';
export { encodeMessage, encodeQuery, NO_FLAGS, optRecord, queryMessage } from './encode.ts';
export type { Internet, InternetError, NameServer, ServerTier, Zone } from './internet.ts';
export { buildInternet, builtInInternet, NAME_SERVERS, ZONE_TEXT } from './internet.ts';
export { hopQuestion, hopSummary, resolutionLadder, tierOf } from './ladder.ts';
export { canonicalName, parseName, quoteCharacterString } from './name.ts';
export { formatDig, formatRData, formatRecord, formatSvcParam } from './present.ts';
export type { CacheRow, Hop, HopOutcome, Resolution, Resolver, ResolverOptions, StubTransport } from './resolver.ts';
export { classify, connectionSetupMs, createResolver, RESOLVER_DEFAULTS } from './resolver.ts';
export type {
  ByteField,
  DecodeError,
  DecodeErrorCode,
  DecodeResult,
  Edns,
  EdnsOption,
  EncodeError,
  EncodeErrorCode,
  EncodeResult,
  HeaderFlags,
  Message,
  Question,
  RData,
  ResourceRecord,
  SvcParam,
} from './types.ts';
export type { ZoneError, ZoneErrorCode, ZoneResult } from './zone-file.ts';
export { MAX_ZONE_CHARS, MAX_ZONE_RECORDS, parseZoneFile } from './zone-file.ts';
