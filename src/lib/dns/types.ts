/**
 * The typed shape of a DNS message (RFC 1035 §4.1) as the decoder produces it and the encoder consumes it.
 * Names are in presentation form with a trailing dot ('www.example.com.', the root is '.'), with dig's escapes
 * (`\.`, `\\`, `\DDD`) for octets that are not printable letters, digits or punctuation.
 */

/** Header flags (RFC 1035 §4.1.1; AD and CD from RFC 4035 §3.2). */
export interface HeaderFlags {
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  /** The reserved Z bit; must be zero but is kept so a decode → encode round trip is exact. */
  readonly z: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
  /** The 4-bit header RCODE (the extended upper bits live in the OPT record). */
  readonly rcode: number;
}

export interface Question {
  readonly name: string;
  readonly type: number;
  readonly class: number;
}

/** One SvcParam (RFC 9460 §2.2): key number and raw value; `text` is the presentation form when the key is known. */
export interface SvcParam {
  readonly key: number;
  readonly value: Uint8Array;
}

/** One EDNS option (RFC 6891 §6.1.2). */
export interface EdnsOption {
  readonly code: number;
  readonly data: Uint8Array;
}

/** Record data by type. Character strings (TXT, CAA) hold one JS char per octet (Latin-1), never decoded as UTF-8. */
export type RData =
  | { readonly kind: 'A'; readonly address: string }
  | { readonly kind: 'AAAA'; readonly address: string }
  | { readonly kind: 'NS' | 'CNAME' | 'PTR'; readonly target: string }
  | {
      readonly kind: 'SOA';
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      readonly refresh: number;
      readonly retry: number;
      readonly expire: number;
      readonly minimum: number;
    }
  | { readonly kind: 'MX'; readonly preference: number; readonly exchange: string }
  | { readonly kind: 'TXT'; readonly strings: readonly string[] }
  | {
      readonly kind: 'SRV';
      readonly priority: number;
      readonly weight: number;
      readonly port: number;
      readonly target: string;
    }
  | { readonly kind: 'CAA'; readonly flags: number; readonly tag: string; readonly value: string }
  | {
      readonly kind: 'SVCB' | 'HTTPS';
      readonly priority: number;
      readonly target: string;
      readonly params: readonly SvcParam[];
    }
  | { readonly kind: 'OPT'; readonly options: readonly EdnsOption[] }
  | { readonly kind: 'unknown'; readonly data: Uint8Array };

/**
 * A resource record (RFC 1035 §4.1.3). For OPT (RFC 6891 §6.1.3) `class` is the requestor's UDP payload size and
 * `ttl` packs the extended RCODE, version and flags, exactly as on the wire; `Message.edns` has them unpacked.
 */
export interface ResourceRecord {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  readonly data: RData;
}

/** EDNS(0) parameters unpacked from the OPT pseudo-record (RFC 6891 §6.1.3). */
export interface Edns {
  readonly udpPayloadSize: number;
  /** Upper 8 bits of the 12-bit RCODE. */
  readonly extendedRcode: number;
  readonly version: number;
  /** DNSSEC OK (RFC 3225). */
  readonly dnssecOk: boolean;
  /** The other 15 flag bits (must be zero). */
  readonly flags: number;
  readonly options: readonly EdnsOption[];
}

/** A whole DNS message. `rcode` is the full 12-bit RCODE (header bits + OPT's extended bits). */
export interface Message {
  readonly id: number;
  readonly flags: HeaderFlags;
  readonly rcode: number;
  readonly questions: readonly Question[];
  readonly answers: readonly ResourceRecord[];
  readonly authorities: readonly ResourceRecord[];
  /** Additional records, the OPT pseudo-record included (in wire order). */
  readonly additionals: readonly ResourceRecord[];
  readonly edns?: Edns;
}

/** One annotated span of a message for the hex view. */
export interface ByteField {
  readonly offset: number;
  readonly length: number;
  /** Stable path: 'header.id', 'answers[0].name', 'answers[0].rdata.address'. */
  readonly field: string;
  /** Human label: 'ID', 'Flags', 'Name', 'TTL'. */
  readonly label: string;
  /** Decoded value as text. */
  readonly value: string;
}

/** Why untrusted bytes are not a DNS message. */
export type DecodeErrorCode =
  | 'too-large'
  | 'truncated'
  | 'count-exceeds-data'
  | 'pointer-loop'
  | 'forward-pointer'
  | 'label-too-long'
  | 'name-too-long'
  | 'rdata-length'
  | 'bad-opt';

/** A decode failure: a code, the offset where it happened, and a sentence quoting the bytes. */
export interface DecodeError {
  readonly code: DecodeErrorCode;
  readonly offset: number;
  readonly message: string;
}

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DecodeError };

/** Why a name, record or query could not be encoded. */
export type EncodeErrorCode =
  | 'empty-label'
  | 'label-too-long'
  | 'name-too-long'
  | 'bad-escape'
  | 'bad-address'
  | 'out-of-range'
  | 'string-too-long'
  | 'message-too-large';

export interface EncodeError {
  readonly code: EncodeErrorCode;
  readonly message: string;
}

export type EncodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: EncodeError };
