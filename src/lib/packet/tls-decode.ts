/**
 * TLS records in a TCP payload (RFC 8446 §5.1), with the ClientHello decoded field by field (§4.1.2) and its
 * extensions server_name, supported_groups, signature_algorithms, ALPN, supported_versions, psk_key_exchange_modes
 * and key_share; other handshake messages, other extensions and record contents are shown raw. Field keys are
 * Wireshark's (`tls.handshake.ciphersuite`), checked against tshark. Every length is checked against the bytes
 * that hold it; every loop advances by at least one byte and stops at its container's end.
 */
import { type Ctx, field, need, problem } from './annotate.ts';
import { hex16, toHex, u8, u16 } from './bytes.ts';
import { TLS_EXTENSION_NAMES, TLS_GROUP_NAMES, TLS13_CIPHER_SUITES } from './tls.ts';

const L = 'TLS';
const CONTENT_TYPES: Readonly<Record<number, string>> = {
  20: 'ChangeCipherSpec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application data',
};
const HANDSHAKE_TYPES: Readonly<Record<number, string>> = {
  1: 'ClientHello',
  2: 'ServerHello',
  4: 'NewSessionTicket',
  8: 'EncryptedExtensions',
  11: 'Certificate',
  15: 'CertificateVerify',
  20: 'Finished',
};
const VERSIONS: Readonly<Record<number, string>> = {
  769: 'TLS 1.0',
  770: 'TLS 1.1',
  771: 'TLS 1.2',
  772: 'TLS 1.3',
};
const u24 = (b: Uint8Array, i: number): number => u8(b, i) * 65_536 + u16(b, i + 1);
const colonHex = (b: Uint8Array, start: number, end: number): string => toHex(b, start, end, ':');
const text = (b: Uint8Array, start: number, end: number): string => {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(u8(b, i));
  return out;
};

/** Whether a payload starts like a TLS record: a known content type and a 3.x version. */
export function looksLikeTls(b: Uint8Array, at: number, stop: number): boolean {
  const type = u8(b, at);
  return stop - at >= 5 && type >= 20 && type <= 23 && u8(b, at + 1) === 3 && u8(b, at + 2) <= 4;
}

/** A vector's length field at `at` (`size` bytes) and whether the vector fits before `end`; a problem if not. */
function vectorEnd(c: Ctx, at: number, size: 1 | 2 | 3, end: number, what: string): number | undefined {
  if (!need(c, L, at, size, end)) return undefined;
  const len = size === 1 ? u8(c.b, at) : size === 2 ? u16(c.b, at) : u24(c.b, at);
  if (at + size + len > end) {
    problem(c, 'bad-length', at, `${what} length ${len} at offset ${at} runs past the ${end - at - size} bytes left`);
    return undefined;
  }
  return at + size + len;
}

/** Decodes the TLS records from `at` to `stop` (at most 64), each as a layer. */
export function decodeTls(c: Ctx, start: number, stop: number): void {
  const { b } = c;
  let at = start;
  for (let n = 0; n < 64 && at + 5 <= stop; n++) {
    const type = u8(b, at);
    const version = u16(b, at + 1);
    const len = u16(b, at + 3);
    field(c, L, at, 0, 8, 'Content type', 'tls.record.content_type', type, CONTENT_TYPES[type] ?? 'unknown');
    field(c, L, at + 1, 0, 16, 'Legacy record version', 'tls.record.version', version, VERSIONS[version] ?? '');
    field(c, L, at + 3, 0, 16, 'Length', 'tls.record.length', len, 'bytes of the record that follow');
    const end = Math.min(stop, at + 5 + len);
    if (at + 5 + len > stop) {
      problem(c, 'truncated', at + 3, `TLS record length ${len} at offset ${at + 3} runs past the segment`);
    }
    let summary = CONTENT_TYPES[type] ?? `content type ${type}`;
    if (type === 22) summary = decodeHandshakes(c, at + 5, end);
    else if (end > at + 5) raw(c, at + 5, end, type === 23 ? 'Encrypted data' : 'Record data');
    c.layers.push({ name: L, offset: at, length: end - at, summary: `TLS record: ${summary}` });
    at = end;
  }
  if (at < stop) raw(c, at, stop, 'Data after the records');
}

function raw(c: Ctx, at: number, end: number, name: string): void {
  const shown = end - at <= 64 ? toHex(c.b, at, end) : `${toHex(c.b, at, at + 64)}…`;
  field(c, L, at, 0, (end - at) * 8, `${name} (raw)`, undefined, shown, `${end - at} bytes, not decoded`);
}

/** Handshake messages in one record; returns the record's summary. */
function decodeHandshakes(c: Ctx, start: number, end: number): string {
  const { b } = c;
  const names: string[] = [];
  let at = start;
  for (let n = 0; n < 16 && at + 4 <= end; n++) {
    const type = u8(b, at);
    const len = u24(b, at + 1);
    const name = HANDSHAKE_TYPES[type] ?? `handshake type ${type}`;
    field(c, L, at, 0, 8, 'Handshake type', 'tls.handshake.type', type, name);
    field(c, L, at + 1, 0, 24, 'Handshake length', 'tls.handshake.length', len, 'bytes of the message that follow');
    const stop = Math.min(end, at + 4 + len);
    if (at + 4 + len > end) {
      problem(c, 'truncated', at + 1, `${name} length ${len} at offset ${at + 1} runs past the record`);
    }
    const whole = type === 1 && stop === at + 4 + len;
    names.push(whole ? clientHello(c, at + 4, stop) : name);
    if (!whole && stop > at + 4) raw(c, at + 4, stop, `${name} body`);
    at = stop;
  }
  if (at < end) raw(c, at, end, 'Handshake data');
  return names.join(', ') || 'Handshake';
}

/** The ClientHello body from `start` to `end`; returns a one-line summary. */
function clientHello(c: Ctx, start: number, end: number): string {
  const { b } = c;
  if (!need(c, L, start, 35, end)) return 'ClientHello';
  const v = u16(b, start);
  field(c, L, start, 0, 16, 'Legacy version', 'tls.handshake.version', v, `${VERSIONS[v] ?? hex16(v)} (frozen)`);
  field(c, L, start + 2, 0, 256, 'Random', 'tls.handshake.random', colonHex(b, start + 2, start + 34), '32 bytes');
  let at = start + 34;
  const sid = vectorEnd(c, at, 1, end, 'Session ID');
  if (sid === undefined) return 'ClientHello';
  field(c, L, at, 0, 8, 'Session ID length', 'tls.handshake.session_id_length', sid - at - 1);
  if (sid > at + 1) {
    const value = colonHex(b, at + 1, sid);
    field(c, L, at + 1, 0, (sid - at - 1) * 8, 'Session ID', 'tls.handshake.session_id', value, 'legacy');
  }
  at = sid;
  const suites = vectorEnd(c, at, 2, end, 'Cipher suites');
  if (suites === undefined) return 'ClientHello';
  field(c, L, at, 0, 16, 'Cipher suites length', 'tls.handshake.cipher_suites_length', suites - at - 2);
  for (let k = at + 2; k + 2 <= suites; k += 2) {
    const s = u16(b, k);
    field(c, L, k, 0, 16, 'Cipher suite', 'tls.handshake.ciphersuite', s, TLS13_CIPHER_SUITES[s] ?? hex16(s));
  }
  at = suites;
  const comp = vectorEnd(c, at, 1, end, 'Compression methods');
  if (comp === undefined) return 'ClientHello';
  field(c, L, at, 0, 8, 'Compression methods length', 'tls.handshake.comp_methods_length', comp - at - 1);
  for (let k = at + 1; k < comp; k++) {
    field(c, L, k, 0, 8, 'Compression method', 'tls.handshake.comp_method', u8(b, k), u8(b, k) === 0 ? 'null' : '');
  }
  at = comp;
  const seen: string[] = [];
  if (at < end) {
    const exts = vectorEnd(c, at, 2, end, 'Extensions');
    if (exts === undefined) return 'ClientHello';
    field(c, L, at, 0, 16, 'Extensions length', 'tls.handshake.extensions_length', exts - at - 2);
    // Each extension advances by at least its 4-byte header.
    for (let k = at + 2; k + 4 <= exts; ) {
      const type = u16(b, k);
      const stop = vectorEnd(c, k + 2, 2, exts, `Extension ${type}`);
      const name = TLS_EXTENSION_NAMES[type] ?? `extension ${type}`;
      field(c, L, k, 0, 16, 'Extension type', 'tls.handshake.extension.type', type, name);
      if (stop === undefined) break;
      field(c, L, k + 2, 0, 16, 'Extension length', 'tls.handshake.extension.len', stop - k - 4);
      const said = extension(c, type, k + 4, stop);
      if (said !== '') seen.push(said);
      k = stop;
    }
  }
  return `ClientHello${seen.length > 0 ? `: ${seen.join(', ')}` : ''}`;
}

/** One extension's body; returns what the summary says about it ('' for nothing). */
function extension(c: Ctx, type: number, at: number, end: number): string {
  const { b } = c;
  if (type === 0) {
    const list = vectorEnd(c, at, 2, end, 'Server name list');
    if (list === undefined) return '';
    field(c, L, at, 0, 16, 'Server name list length', 'tls.handshake.extensions_server_name_list_len', list - at - 2);
    let names = '';
    for (let k = at + 2; k + 3 <= list; ) {
      field(c, L, k, 0, 8, 'Server name type', 'tls.handshake.extensions_server_name_type', u8(b, k), 'host_name');
      const stop = vectorEnd(c, k + 1, 2, list, 'Server name');
      if (stop === undefined) break;
      field(c, L, k + 1, 0, 16, 'Server name length', 'tls.handshake.extensions_server_name_len', stop - k - 3);
      const name = text(b, k + 3, stop);
      field(c, L, k + 3, 0, (stop - k - 3) * 8, 'Server name', 'tls.handshake.extensions_server_name', name, 'SNI');
      names = names === '' ? name : `${names}, ${name}`;
      k = stop;
    }
    return `SNI ${names}`;
  }
  if (type === 10) return list16(c, at, end, 'Supported groups', 'tls.handshake.extensions_supported_group', true);
  if (type === 13) return list16(c, at, end, 'Signature algorithms', 'tls.handshake.sig_hash_alg', false);
  if (type === 16) {
    const list = vectorEnd(c, at, 2, end, 'ALPN list');
    if (list === undefined) return '';
    field(c, L, at, 0, 16, 'ALPN extension length', 'tls.handshake.extensions_alpn_len', list - at - 2);
    const protocols: string[] = [];
    for (let k = at + 2; k + 1 <= list; ) {
      const stop = vectorEnd(c, k, 1, list, 'ALPN protocol');
      if (stop === undefined) break;
      field(c, L, k, 0, 8, 'ALPN string length', 'tls.handshake.extensions_alpn_str_len', stop - k - 1);
      const p = text(b, k + 1, stop);
      field(c, L, k + 1, 0, (stop - k - 1) * 8, 'ALPN protocol', 'tls.handshake.extensions_alpn_str', p);
      protocols.push(p);
      k = stop;
    }
    return `ALPN ${protocols.join('/')}`;
  }
  if (type === 43) {
    const list = vectorEnd(c, at, 1, end, 'Supported versions');
    if (list === undefined) return '';
    const K = 'tls.handshake.extensions.supported_version';
    field(
      c,
      L,
      at,
      0,
      8,
      'Supported versions length',
      'tls.handshake.extensions.supported_versions_len',
      list - at - 1,
    );
    const offered: string[] = [];
    for (let k = at + 1; k + 2 <= list; k += 2) {
      const v = u16(b, k);
      field(c, L, k, 0, 16, 'Supported version', K, v, VERSIONS[v] ?? hex16(v));
      offered.push(VERSIONS[v] ?? hex16(v));
    }
    return `offers ${offered.join(', ')}`;
  }
  if (type === 45) {
    const list = vectorEnd(c, at, 1, end, 'PSK key exchange modes');
    if (list === undefined) return '';
    field(c, L, at, 0, 8, 'PSK key exchange modes length', 'tls.extension.psk_ke_modes_length', list - at - 1);
    for (let k = at + 1; k < list; k++) {
      const mode = u8(b, k);
      field(c, L, k, 0, 8, 'PSK key exchange mode', 'tls.extension.psk_ke_mode', mode, mode === 1 ? 'psk_dhe_ke' : '');
    }
    return '';
  }
  if (type === 51) return keyShare(c, at, end);
  if (end > at) raw(c, at, end, 'Extension data');
  return '';
}

/** A vector of 16-bit code points (groups, signature schemes). */
function list16(c: Ctx, at: number, end: number, what: string, key: string, groups: boolean): string {
  const list = vectorEnd(c, at, 2, end, what);
  if (list === undefined) return '';
  const lengthKey = groups ? 'tls.handshake.extensions_supported_groups_length' : 'tls.handshake.sig_hash_alg_len';
  field(c, L, at, 0, 16, `${what} length`, lengthKey, list - at - 2);
  for (let k = at + 2; k + 2 <= list; k += 2) {
    const v = u16(c.b, k);
    field(c, L, k, 0, 16, groups ? 'Group' : 'Signature algorithm', key, v, groups ? (TLS_GROUP_NAMES[v] ?? '') : '');
  }
  return '';
}

function keyShare(c: Ctx, at: number, end: number): string {
  const { b } = c;
  const list = vectorEnd(c, at, 2, end, 'Key share list');
  if (list === undefined) return '';
  field(c, L, at, 0, 16, 'Client key share length', 'tls.handshake.extensions_key_share_client_length', list - at - 2);
  const groups: string[] = [];
  for (let k = at + 2; k + 4 <= list; ) {
    const group = u16(b, k);
    const name = TLS_GROUP_NAMES[group] ?? hex16(group);
    field(c, L, k, 0, 16, 'Key share group', 'tls.handshake.extensions_key_share_group', group, name);
    const stop = vectorEnd(c, k + 2, 2, list, 'Key exchange');
    if (stop === undefined) break;
    const K = 'tls.handshake.extensions_key_share_key_exchange';
    field(c, L, k + 2, 0, 16, 'Key exchange length', `${K}_length`, stop - k - 4);
    if (stop > k + 4)
      field(c, L, k + 4, 0, (stop - k - 4) * 8, 'Key exchange', K, colonHex(b, k + 4, stop), 'public key');
    groups.push(name);
    k = stop;
  }
  return `key share ${groups.join(', ')}`;
}
