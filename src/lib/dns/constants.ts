/**
 * DNS protocol constants, each row with its source: record types, classes, RCODEs, EDNS option codes and SVCB
 * parameter keys. The tables are the IANA "Domain Name System (DNS) Parameters" registry, restricted to what the
 * site teaches.
 */

/** A registry row: the number on the wire, its mnemonic and where it is defined. */
export interface RegistryRow {
  readonly value: number;
  readonly name: string;
  readonly source: string;
}

/** Resource record types the model knows (RFC 1035 §3.2.2 and later RFCs), plus OPT and ANY for completeness. */
export const RR_TYPES = [
  { value: 1, name: 'A', source: 'RFC 1035 §3.4.1' },
  { value: 2, name: 'NS', source: 'RFC 1035 §3.3.11' },
  { value: 5, name: 'CNAME', source: 'RFC 1035 §3.3.1' },
  { value: 6, name: 'SOA', source: 'RFC 1035 §3.3.13' },
  { value: 12, name: 'PTR', source: 'RFC 1035 §3.3.12' },
  { value: 15, name: 'MX', source: 'RFC 1035 §3.3.9' },
  { value: 16, name: 'TXT', source: 'RFC 1035 §3.3.14' },
  { value: 28, name: 'AAAA', source: 'RFC 3596 §2.1' },
  { value: 33, name: 'SRV', source: 'RFC 2782' },
  { value: 41, name: 'OPT', source: 'RFC 6891 §6.1.1' },
  { value: 64, name: 'SVCB', source: 'RFC 9460 §2.2' },
  { value: 65, name: 'HTTPS', source: 'RFC 9460 §9' },
  { value: 255, name: 'ANY', source: 'RFC 1035 §3.2.3 (QTYPE *), RFC 8482' },
  { value: 257, name: 'CAA', source: 'RFC 8659 §4.1' },
] as const satisfies readonly RegistryRow[];

/** Mnemonic of a record type the model knows. */
export type RrTypeName = (typeof RR_TYPES)[number]['name'];

export { DATA_TYPES, type DataTypeName } from './data-types.ts';

const TYPE_BY_VALUE = new Map<number, string>(RR_TYPES.map((row) => [row.value, row.name]));
const TYPE_BY_NAME = new Map<string, number>(RR_TYPES.map((row) => [row.name, row.value]));

/** Mnemonic for a type number; unknown types print as RFC 3597's `TYPE<n>`. */
export function typeName(value: number): string {
  return TYPE_BY_VALUE.get(value) ?? `TYPE${value}`;
}

/** Type number for a mnemonic or RFC 3597 `TYPE<n>` text (case-insensitive); undefined when unknown. */
export function typeValue(name: string): number | undefined {
  const upper = name.toUpperCase();
  const known = TYPE_BY_NAME.get(upper);
  if (known !== undefined) return known;
  const m = /^TYPE(\d{1,5})$/.exec(upper);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n <= 0xffff ? n : undefined;
}

/** Classes (RFC 1035 §3.2.4); only IN is used by the model. */
export const CLASSES = [
  { value: 1, name: 'IN', source: 'RFC 1035 §3.2.4' },
  { value: 3, name: 'CH', source: 'RFC 1035 §3.2.4' },
  { value: 4, name: 'HS', source: 'RFC 1035 §3.2.4' },
  { value: 255, name: 'ANY', source: 'RFC 1035 §3.2.5' },
] as const satisfies readonly RegistryRow[];

const CLASS_BY_VALUE = new Map<number, string>(CLASSES.map((row) => [row.value, row.name]));

/** Mnemonic for a class number; unknown classes print as RFC 3597's `CLASS<n>`. */
export function className(value: number): string {
  return CLASS_BY_VALUE.get(value) ?? `CLASS${value}`;
}

/** Response codes (RFC 1035 §4.1.1, RFC 6891 §9 for the extended ones). */
export const RCODES = [
  { value: 0, name: 'NOERROR', source: 'RFC 1035 §4.1.1' },
  { value: 1, name: 'FORMERR', source: 'RFC 1035 §4.1.1' },
  { value: 2, name: 'SERVFAIL', source: 'RFC 1035 §4.1.1' },
  { value: 3, name: 'NXDOMAIN', source: 'RFC 1035 §4.1.1' },
  { value: 4, name: 'NOTIMP', source: 'RFC 1035 §4.1.1' },
  { value: 5, name: 'REFUSED', source: 'RFC 1035 §4.1.1' },
  { value: 16, name: 'BADVERS', source: 'RFC 6891 §9' },
] as const satisfies readonly RegistryRow[];

const RCODE_BY_VALUE = new Map<number, string>(RCODES.map((row) => [row.value, row.name]));

/** Mnemonic for an RCODE, or `RCODE<n>` as dig prints unknown ones. */
export function rcodeName(value: number): string {
  return RCODE_BY_VALUE.get(value) ?? `RCODE${value}`;
}

/** Opcodes (RFC 1035 §4.1.1, RFC 1996, RFC 2136). */
export const OPCODES = [
  { value: 0, name: 'QUERY', source: 'RFC 1035 §4.1.1' },
  { value: 1, name: 'IQUERY', source: 'RFC 1035 §4.1.1 (obsoleted by RFC 3425)' },
  { value: 2, name: 'STATUS', source: 'RFC 1035 §4.1.1' },
  { value: 4, name: 'NOTIFY', source: 'RFC 1996' },
  { value: 5, name: 'UPDATE', source: 'RFC 2136' },
] as const satisfies readonly RegistryRow[];

const OPCODE_BY_VALUE = new Map<number, string>(OPCODES.map((row) => [row.value, row.name]));

/** Mnemonic for an opcode, or `OPCODE<n>`. */
export function opcodeName(value: number): string {
  return OPCODE_BY_VALUE.get(value) ?? `OPCODE${value}`;
}

/** EDNS(0) option codes seen in everyday traffic (IANA "DNS EDNS0 Option Codes (OPT)"). */
export const EDNS_OPTIONS = [
  { value: 3, name: 'NSID', source: 'RFC 5001' },
  { value: 8, name: 'CLIENT-SUBNET', source: 'RFC 7871' },
  { value: 10, name: 'COOKIE', source: 'RFC 7873' },
  { value: 11, name: 'TCP-KEEPALIVE', source: 'RFC 7828' },
  { value: 12, name: 'PADDING', source: 'RFC 7830' },
  { value: 15, name: 'EDE', source: 'RFC 8914' },
] as const satisfies readonly RegistryRow[];

const OPTION_BY_VALUE = new Map<number, string>(EDNS_OPTIONS.map((row) => [row.value, row.name]));

/** Mnemonic for an EDNS option code, or `OPT<n>`. */
export function ednsOptionName(value: number): string {
  return OPTION_BY_VALUE.get(value) ?? `OPT${value}`;
}

/** SVCB/HTTPS SvcParamKeys (RFC 9460 §14.3.2). */
export const SVC_PARAM_KEYS = [
  { value: 0, name: 'mandatory', source: 'RFC 9460 §8' },
  { value: 1, name: 'alpn', source: 'RFC 9460 §7.1' },
  { value: 2, name: 'no-default-alpn', source: 'RFC 9460 §7.1' },
  { value: 3, name: 'port', source: 'RFC 9460 §7.2' },
  { value: 4, name: 'ipv4hint', source: 'RFC 9460 §7.3' },
  { value: 5, name: 'ech', source: 'RFC 9460 §14.3.2 (draft-ietf-tls-svcb-ech)' },
  { value: 6, name: 'ipv6hint', source: 'RFC 9460 §7.3' },
] as const satisfies readonly RegistryRow[];

const SVC_KEY_BY_VALUE = new Map<number, string>(SVC_PARAM_KEYS.map((row) => [row.value, row.name]));
const SVC_KEY_BY_NAME = new Map<string, number>(SVC_PARAM_KEYS.map((row) => [row.name, row.value]));

/** Presentation name of an SvcParamKey: its mnemonic or `key<n>` (RFC 9460 §2.1). */
export function svcKeyName(value: number): string {
  return SVC_KEY_BY_VALUE.get(value) ?? `key${value}`;
}

/** SvcParamKey number for a mnemonic or `key<n>`; undefined when unknown. */
export function svcKeyValue(name: string): number | undefined {
  const lower = name.toLowerCase();
  const known = SVC_KEY_BY_NAME.get(lower);
  if (known !== undefined) return known;
  const m = /^key(\d{1,5})$/.exec(lower);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n <= 0xffff ? n : undefined;
}

/** Header flag bits in the second 16-bit word (RFC 1035 §4.1.1, RFC 4035 §3.2 for AD and CD). */
export const FLAG_BITS = {
  qr: 0x8000,
  aa: 0x0400,
  tc: 0x0200,
  rd: 0x0100,
  ra: 0x0080,
  z: 0x0040,
  ad: 0x0020,
  cd: 0x0010,
} as const;

export {
  CLASSIC_UDP_PAYLOAD,
  FLAG_DAY_UDP_PAYLOAD,
  MAX_LABEL_OCTETS,
  MAX_MESSAGE_BYTES,
  MAX_NAME_OCTETS,
} from './data-types.ts';
