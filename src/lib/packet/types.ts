/** Shared types of the packet model: the annotated byte map, decoded layers and typed problems. */

/** One annotated field: where its bits are in the frame, what it holds and what that means. */
export interface Field {
  /** Layer the field belongs to, e.g. 'Ethernet II', 'IPv4', 'TCP'. */
  readonly layer: LayerName;
  /** Byte offset of the first byte holding the field, from the start of the frame. */
  readonly offset: number;
  /** Bit offset inside that first byte (0 = most significant bit). */
  readonly bitOffset: number;
  /** Length of the field in bits. */
  readonly bitLength: number;
  /** Human-readable field name (Wireshark's label where there is one). */
  readonly name: string;
  /** Wireshark display-filter field name, when Wireshark decodes this field too (always present, so one shape). */
  readonly key: string | undefined;
  /** The value: a number for numeric fields, a string for addresses and text. */
  readonly value: number | string;
  /** What the value means, in words. */
  readonly meaning: string;
}

export const LAYER_NAMES = [
  'Ethernet II',
  '802.1Q',
  'ARP',
  'IPv4',
  'IPv6',
  'IPv6 extension',
  'ICMP',
  'ICMPv6',
  'UDP',
  'TCP',
  'TLS',
  'Payload',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** A decoded layer: its byte range and a one-line summary. */
export interface Layer {
  readonly name: LayerName;
  readonly offset: number;
  readonly length: number;
  readonly summary: string;
  /** For layers with a checksum: whether it verifies ('unverified' for fragments, 'absent' for UDP's 0). */
  readonly checksum?: 'good' | 'bad' | 'absent' | 'unverified';
}

export const PROBLEM_CODES = [
  'truncated',
  'bad-version',
  'bad-header-length',
  'bad-length',
  'bad-option',
  'bad-checksum',
  'unsupported',
  'too-many-headers',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Something the decoder could not decode or found wrong, at a byte offset. */
export interface Problem {
  readonly code: ProblemCode;
  readonly offset: number;
  readonly message: string;
}

export interface Decoded {
  readonly layers: Layer[];
  readonly fields: Field[];
  readonly problems: Problem[];
}

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const INPUT_ERROR_CODES = [
  'empty',
  'too-large',
  'bad-hex',
  'odd-hex',
  'bad-address',
  'bad-magic',
  'truncated',
  'bad-record',
  'unsupported-link-type',
] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

/** A typed error for untrusted input (pasted hex, uploaded pcap, typed addresses): code, message and offset. */
export interface InputError {
  readonly code: InputErrorCode;
  readonly message: string;
  readonly offset: number;
}
