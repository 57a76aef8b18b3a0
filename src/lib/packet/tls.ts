/**
 * A TLS 1.3 ClientHello as bytes (RFC 8446 §4.1.2): the record header, the handshake header and the hello with
 * SNI (RFC 6066), supported_groups, signature_algorithms, supported_versions, key_share and ALPN (RFC 7301).
 * Structure, not cryptography: the random, session id and key share are fixed patterns, not secrets.
 */
import { concat, put16 } from './bytes.ts';

/** TLS 1.3's cipher suites (RFC 8446 §B.4), by code point. */
export const TLS13_CIPHER_SUITES: Readonly<Record<number, string>> = {
  4865: 'TLS_AES_128_GCM_SHA256',
  4866: 'TLS_AES_256_GCM_SHA384',
  4867: 'TLS_CHACHA20_POLY1305_SHA256',
};

/** Extension types the model names (IANA TLS ExtensionType Values). */
export const TLS_EXTENSION_NAMES: Readonly<Record<number, string>> = {
  0: 'server_name',
  10: 'supported_groups',
  13: 'signature_algorithms',
  16: 'application_layer_protocol_negotiation',
  43: 'supported_versions',
  45: 'psk_key_exchange_modes',
  51: 'key_share',
};

/** Named groups (IANA TLS Supported Groups). */
export const TLS_GROUP_NAMES: Readonly<Record<number, string>> = {
  23: 'secp256r1',
  29: 'x25519',
};

export interface ClientHelloOptions {
  /** Host name for the server_name extension (ASCII, at most 255 bytes). */
  readonly serverName?: string;
  /** ALPN protocols in preference order ('h2', 'http/1.1'). */
  readonly alpn?: readonly string[];
  readonly cipherSuites?: readonly number[];
  /** 32 bytes; defaults to 0x00, 0x01, … 0x1f. */
  readonly random?: Uint8Array;
  /** The legacy session id (0–32 bytes; 32 in middlebox-compatibility mode, RFC 8446 §D.4). */
  readonly sessionId?: Uint8Array;
  /** The x25519 key share (32 bytes); defaults to 0x20 … 0x3f. */
  readonly keyShare?: Uint8Array;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0x7f);
/** `bytes` behind a big-endian length of `size` bytes (1, 2 or 3). */
function vector(size: 1 | 2 | 3, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(size + bytes.length);
  if (size === 1) out[0] = bytes.length;
  else if (size === 2) put16(out, 0, bytes.length);
  else {
    out[0] = bytes.length >>> 16;
    put16(out, 1, bytes.length & 0xffff);
  }
  out.set(bytes, size);
  return out;
}
const u16s = (values: readonly number[]): Uint8Array => {
  const out = new Uint8Array(values.length * 2);
  values.forEach((v, i) => {
    put16(out, i * 2, v);
  });
  return out;
};
const extension = (type: number, data: Uint8Array): Uint8Array => concat([u16s([type]), vector(2, data)]);
const pattern = (from: number, n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);

/** A whole TLS record holding one ClientHello, as a browser would send it first on a new connection. */
export function encodeClientHello(o: ClientHelloOptions = {}): Uint8Array {
  const name = ascii((o.serverName ?? 'example.com').slice(0, 255));
  const alpn = (o.alpn ?? ['h2', 'http/1.1']).slice(0, 16).map((p) => vector(1, ascii(p.slice(0, 255))));
  const extensions = concat([
    extension(0, vector(2, concat([Uint8Array.of(0), vector(2, name)]))),
    extension(10, vector(2, u16s([0x001d, 0x0017]))),
    extension(13, vector(2, u16s([0x0403, 0x0804, 0x0401]))),
    extension(16, vector(2, concat(alpn))),
    extension(43, vector(1, u16s([0x0304, 0x0303]))),
    extension(45, vector(1, Uint8Array.of(1))),
    extension(51, vector(2, concat([u16s([0x001d]), vector(2, (o.keyShare ?? pattern(0x20, 32)).slice(0, 32))]))),
  ]);
  const hello = concat([
    u16s([0x0303]),
    (o.random ?? pattern(0, 32)).slice(0, 32),
    vector(1, (o.sessionId ?? pattern(0xe0, 32)).slice(0, 32)),
    vector(2, u16s(o.cipherSuites ?? [0x1301, 0x1302, 0x1303])),
    vector(1, Uint8Array.of(0)),
    vector(2, extensions),
  ]);
  const handshake = concat([Uint8Array.of(1), vector(3, hello)]);
  return concat([Uint8Array.of(22, 3, 1), vector(2, handshake)]);
}
