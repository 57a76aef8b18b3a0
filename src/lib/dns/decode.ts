/**
 * Decoder for untrusted DNS messages (RFC 1035 §4.1, EDNS(0) RFC 6891, SVCB/HTTPS RFC 9460).
 *
 * Safety argument (never a throw, never a hang):
 * - Input is capped at 65,535 octets; every read is bounds-checked against the end of the message or the record's
 *   RDATA, and a failure becomes a typed `DecodeError` naming the offset.
 * - Record loops run at most QDCOUNT + ANCOUNT + NSCOUNT + ARCOUNT (≤ 4 × 65,535) times and each iteration consumes
 *   at least one octet or fails.
 * - A compression pointer must point strictly before the start of the segment being read (dns-packet's rule, from
 *   RFC 1035 §4.1.4's "pointer to a prior occurrence"), so the segment start strictly decreases: a name follows at
 *   most `start` pointers, and loops are impossible. A pointer into the name's own bytes is reported as a loop, one
 *   past its own position as a forward pointer.
 *
 * Internally a failure throws a private `Failure` caught at the one public entry; any other exception is a bug and
 * propagates.
 */

import { ipv4Text, ipv6Text } from './address.ts';
import {
  className,
  ednsOptionName,
  MAX_MESSAGE_BYTES,
  MAX_NAME_OCTETS,
  opcodeName,
  rcodeName,
  svcKeyName,
  typeName,
} from './constants.ts';
import { labelText } from './name.ts';
import { formatSvcParam } from './present.ts';
import type {
  ByteField,
  DecodeError,
  DecodeErrorCode,
  DecodeResult,
  Edns,
  EdnsOption,
  HeaderFlags,
  Message,
  Question,
  RData,
  ResourceRecord,
  SvcParam,
} from './types.ts';

class Failure {
  readonly error: DecodeError;
  constructor(code: DecodeErrorCode, offset: number, message: string) {
    this.error = { code, offset, message };
  }
}

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/** Decoder state for one message. `fields` is null on the fast path (no byte map wanted). */
interface State {
  readonly buf: Uint8Array;
  readonly end: number;
  pos: number;
  readonly fields: ByteField[] | null;
}

function need(at: number, bytes: number, limit: number, what: string): void {
  if (at + bytes > limit) {
    throw new Failure(
      'truncated',
      at,
      `The message ends at octet ${limit} but the ${what} at offset ${at} needs ${bytes} octets.`,
    );
  }
}

function u16(buf: Uint8Array, at: number): number {
  return ((buf[at] as number) << 8) | (buf[at + 1] as number);
}

function u32(buf: Uint8Array, at: number): number {
  return (
    (((buf[at] as number) << 24) |
      ((buf[at + 1] as number) << 16) |
      ((buf[at + 2] as number) << 8) |
      (buf[at + 3] as number)) >>>
    0
  );
}

function mark(s: State, offset: number, length: number, field: string, label: string, value: string): void {
  s.fields?.push({ offset, length, field, label, value });
}

/**
 * Reads a (possibly compressed) name starting at `s.pos`, within `limit`; advances `s.pos` past its in-place
 * bytes and returns the presentation form.
 */
function readName(s: State, limit: number): string {
  const buf = s.buf;
  let pos = s.pos;
  let segmentStart = pos;
  let resume = -1;
  let octets = 1;
  let out = '';
  for (;;) {
    if (pos >= (resume < 0 ? limit : s.end)) {
      throw new Failure(
        'truncated',
        pos,
        `The name starting at offset ${s.pos} runs past the end of the ${resume < 0 && limit < s.end ? 'record data' : 'message'} at offset ${pos}.`,
      );
    }
    const len = buf[pos] as number;
    if (len === 0) {
      pos += 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0) {
      const stop = resume < 0 ? limit : s.end;
      if (pos + 1 + len > stop) {
        throw new Failure(
          'truncated',
          pos,
          `The label at offset ${pos} claims ${len} octets but only ${stop - pos - 1} remain.`,
        );
      }
      octets += len + 1;
      if (octets > MAX_NAME_OCTETS) {
        throw new Failure(
          'name-too-long',
          pos,
          `The name starting at offset ${s.pos} is longer than ${MAX_NAME_OCTETS} octets by the label at offset ${pos} (RFC 1035 §2.3.4).`,
        );
      }
      out += `${labelText(buf, pos + 1, len)}.`;
      pos += 1 + len;
    } else if (kind === 0xc0) {
      const stop = resume < 0 ? limit : s.end;
      if (pos + 2 > stop)
        throw new Failure('truncated', pos, `The compression pointer at offset ${pos} is cut off: it needs 2 octets.`);
      const target = u16(buf, pos) & 0x3fff;
      if (target >= segmentStart) {
        if (target <= pos) {
          throw new Failure(
            'pointer-loop',
            pos,
            `The compression pointer at offset ${pos} points back to offset ${target}, inside the same name: following it would loop forever.`,
          );
        }
        throw new Failure(
          'forward-pointer',
          pos,
          `The compression pointer at offset ${pos} points forward to offset ${target}; pointers must point to an earlier name (RFC 1035 §4.1.4).`,
        );
      }
      if (resume < 0) resume = pos + 2;
      segmentStart = target;
      pos = target;
    } else {
      throw new Failure(
        'label-too-long',
        pos,
        `The length octet ${hex(len)} at offset ${pos} is ${len}: labels are at most 63 octets, and the 0x40/0x80 label types are not in use (RFC 6891 §5).`,
      );
    }
  }
  s.pos = resume < 0 ? pos : resume;
  return out === '' ? '.' : out;
}

function readNameField(s: State, limit: number, p: string, suffix: string, label: string): string {
  const start = s.pos;
  const name = readName(s, limit);
  if (s.fields !== null) s.fields.push({ offset: start, length: s.pos - start, field: p + suffix, label, value: name });
  return name;
}

function formatFlags(f: HeaderFlags): string {
  const on = (['qr', 'aa', 'tc', 'rd', 'ra', 'z', 'ad', 'cd'] as const).filter((k) => f[k]);
  return `${on.length > 0 ? on.join(' ') : 'none'}; opcode ${opcodeName(f.opcode)}; rcode ${rcodeName(f.rcode)}`;
}

function readHeader(s: State): { id: number; flags: HeaderFlags; counts: readonly [number, number, number, number] } {
  need(0, 12, s.end, 'header');
  const buf = s.buf;
  const id = u16(buf, 0);
  const w = u16(buf, 2);
  const flags: HeaderFlags = {
    qr: (w & 0x8000) !== 0,
    opcode: (w >> 11) & 0xf,
    aa: (w & 0x0400) !== 0,
    tc: (w & 0x0200) !== 0,
    rd: (w & 0x0100) !== 0,
    ra: (w & 0x0080) !== 0,
    z: (w & 0x0040) !== 0,
    ad: (w & 0x0020) !== 0,
    cd: (w & 0x0010) !== 0,
    rcode: w & 0xf,
  };
  const counts = [u16(buf, 4), u16(buf, 6), u16(buf, 8), u16(buf, 10)] as const;
  if (s.fields !== null) {
    mark(s, 0, 2, 'header.id', 'ID', String(id));
    mark(s, 2, 2, 'header.flags', 'Flags', formatFlags(flags));
    mark(s, 4, 2, 'header.qdcount', 'QDCOUNT', String(counts[0]));
    mark(s, 6, 2, 'header.ancount', 'ANCOUNT', String(counts[1]));
    mark(s, 8, 2, 'header.nscount', 'NSCOUNT', String(counts[2]));
    mark(s, 10, 2, 'header.arcount', 'ARCOUNT', String(counts[3]));
  }
  s.pos = 12;
  return { id, flags, counts };
}

function countsLie(s: State, section: string, index: number, count: number): Failure {
  return new Failure(
    'count-exceeds-data',
    s.pos,
    `The header promises ${count} ${section} record${count === 1 ? '' : 's'} but the message ends at offset ${s.pos} after ${index}.`,
  );
}

function readQuestion(s: State, index: number, count: number): Question {
  if (s.pos >= s.end) throw countsLie(s, 'question', index, count);
  const p = s.fields === null ? '' : `questions[${index}]`;
  const name = readNameField(s, s.end, p, '.name', 'QNAME');
  need(s.pos, 4, s.end, 'question type and class');
  const type = u16(s.buf, s.pos);
  const cls = u16(s.buf, s.pos + 2);
  if (s.fields !== null) {
    mark(s, s.pos, 2, `${p}.type`, 'QTYPE', typeName(type));
    mark(s, s.pos + 2, 2, `${p}.class`, 'QCLASS', className(cls));
  }
  s.pos += 4;
  return { name, type, class: cls };
}

function fixed(at: number, len: number, rdEnd: number, type: number): void {
  if (at + len > rdEnd) {
    throw new Failure(
      'rdata-length',
      at,
      `The ${typeName(type)} record data at offset ${at} needs ${len} more octets but its RDLENGTH leaves ${rdEnd - at}.`,
    );
  }
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
}

/** Decodes RDATA at s.pos..rdEnd for `type`. Names inside may use compression pointers to earlier data. */
function readRData(s: State, type: number, rdEnd: number, p: string): RData {
  const buf = s.buf;
  const at = s.pos;
  const withMap = s.fields !== null;
  switch (type) {
    case 1: {
      if (rdEnd - at !== 4)
        throw new Failure(
          'rdata-length',
          at,
          `An A record's data is 4 octets, but RDLENGTH at offset ${at - 2} says ${rdEnd - at}.`,
        );
      s.pos = rdEnd;
      const address = ipv4Text(buf, at);
      if (s.fields !== null) mark(s, at, 4, `${p}.rdata.address`, 'ADDRESS', address);
      return { kind: 'A', address };
    }
    case 28: {
      if (rdEnd - at !== 16)
        throw new Failure(
          'rdata-length',
          at,
          `An AAAA record's data is 16 octets, but RDLENGTH at offset ${at - 2} says ${rdEnd - at}.`,
        );
      s.pos = rdEnd;
      const address = ipv6Text(buf, at);
      if (s.fields !== null) mark(s, at, 16, `${p}.rdata.address`, 'ADDRESS', address);
      return { kind: 'AAAA', address };
    }
    case 2:
    case 5:
    case 12: {
      const target = readNameField(
        s,
        rdEnd,
        p,
        '.rdata.target',
        type === 2 ? 'NSDNAME' : type === 5 ? 'CNAME' : 'PTRDNAME',
      );
      return { kind: type === 2 ? 'NS' : type === 5 ? 'CNAME' : 'PTR', target };
    }
    case 6: {
      const mname = readNameField(s, rdEnd, p, '.rdata.mname', 'MNAME');
      const rname = readNameField(s, rdEnd, p, '.rdata.rname', 'RNAME');
      const q = s.pos;
      fixed(q, 20, rdEnd, type);
      const serial = u32(buf, q);
      const refresh = u32(buf, q + 4);
      const retry = u32(buf, q + 8);
      const expire = u32(buf, q + 12);
      const minimum = u32(buf, q + 16);
      if (withMap) {
        mark(s, q, 4, `${p}.rdata.serial`, 'SERIAL', String(serial));
        mark(s, q + 4, 4, `${p}.rdata.refresh`, 'REFRESH', String(refresh));
        mark(s, q + 8, 4, `${p}.rdata.retry`, 'RETRY', String(retry));
        mark(s, q + 12, 4, `${p}.rdata.expire`, 'EXPIRE', String(expire));
        mark(s, q + 16, 4, `${p}.rdata.minimum`, 'MINIMUM', String(minimum));
      }
      s.pos = q + 20;
      return { kind: 'SOA', mname, rname, serial, refresh, retry, expire, minimum };
    }
    case 15: {
      fixed(at, 2, rdEnd, type);
      const preference = u16(buf, at);
      if (s.fields !== null) mark(s, at, 2, `${p}.rdata.preference`, 'PREFERENCE', String(preference));
      s.pos = at + 2;
      const exchange = readNameField(s, rdEnd, p, '.rdata.exchange', 'EXCHANGE');
      return { kind: 'MX', preference, exchange };
    }
    case 16: {
      const strings: string[] = [];
      let q = at;
      while (q < rdEnd) {
        const len = buf[q] as number;
        fixed(q + 1, len, rdEnd, type);
        const text = latin1(buf, q + 1, q + 1 + len);
        if (s.fields !== null) mark(s, q, 1 + len, `${p}.rdata.strings[${strings.length}]`, 'TXT-DATA', text);
        strings.push(text);
        q += 1 + len;
      }
      s.pos = rdEnd;
      return { kind: 'TXT', strings };
    }
    case 33: {
      fixed(at, 6, rdEnd, type);
      const priority = u16(buf, at);
      const weight = u16(buf, at + 2);
      const port = u16(buf, at + 4);
      if (withMap) {
        mark(s, at, 2, `${p}.rdata.priority`, 'Priority', String(priority));
        mark(s, at + 2, 2, `${p}.rdata.weight`, 'Weight', String(weight));
        mark(s, at + 4, 2, `${p}.rdata.port`, 'Port', String(port));
      }
      s.pos = at + 6;
      const target = readNameField(s, rdEnd, p, '.rdata.target', 'Target');
      return { kind: 'SRV', priority, weight, port, target };
    }
    case 257: {
      fixed(at, 2, rdEnd, type);
      const flags = buf[at] as number;
      const tagLen = buf[at + 1] as number;
      fixed(at + 2, tagLen, rdEnd, type);
      const tag = latin1(buf, at + 2, at + 2 + tagLen);
      const value = latin1(buf, at + 2 + tagLen, rdEnd);
      if (withMap) {
        mark(s, at, 1, `${p}.rdata.flags`, 'Flags', String(flags));
        mark(s, at + 1, 1 + tagLen, `${p}.rdata.tag`, 'Tag', tag);
        mark(s, at + 2 + tagLen, rdEnd - at - 2 - tagLen, `${p}.rdata.value`, 'Value', value);
      }
      s.pos = rdEnd;
      return { kind: 'CAA', flags, tag, value };
    }
    case 64:
    case 65:
      return readSvcb(s, type, rdEnd, p);
    default: {
      const data = buf.slice(at, rdEnd);
      if (s.fields !== null) mark(s, at, rdEnd - at, `${p}.rdata`, 'RDATA', `${rdEnd - at} octets`);
      s.pos = rdEnd;
      return { kind: 'unknown', data };
    }
  }
}

function readSvcb(s: State, type: number, rdEnd: number, p: string): RData {
  const buf = s.buf;
  fixed(s.pos, 2, rdEnd, type);
  const priority = u16(buf, s.pos);
  if (s.fields !== null) mark(s, s.pos, 2, `${p}.rdata.priority`, 'SvcPriority', String(priority));
  s.pos += 2;
  const target = readNameField(s, rdEnd, p, '.rdata.target', 'TargetName');
  const params: SvcParam[] = [];
  let q = s.pos;
  while (q < rdEnd) {
    fixed(q, 4, rdEnd, type);
    const key = u16(buf, q);
    const len = u16(buf, q + 2);
    fixed(q + 4, len, rdEnd, type);
    const param = { key, value: buf.slice(q + 4, q + 4 + len) };
    if (s.fields !== null)
      mark(s, q, 4 + len, `${p}.rdata.params[${params.length}]`, svcKeyName(key), formatSvcParam(param));
    params.push(param);
    q += 4 + len;
  }
  s.pos = rdEnd;
  return { kind: type === 64 ? 'SVCB' : 'HTTPS', priority, target, params };
}

function readOptions(s: State, rdEnd: number, p: string): EdnsOption[] {
  const options: EdnsOption[] = [];
  let q = s.pos;
  while (q < rdEnd) {
    if (q + 4 > rdEnd)
      throw new Failure(
        'bad-opt',
        q,
        `The EDNS option at offset ${q} needs a 4-octet code and length, but the OPT record data ends at ${rdEnd}.`,
      );
    const code = u16(s.buf, q);
    const len = u16(s.buf, q + 2);
    if (q + 4 + len > rdEnd)
      throw new Failure(
        'bad-opt',
        q,
        `The EDNS option ${ednsOptionName(code)} at offset ${q} claims ${len} octets but the OPT record data ends at ${rdEnd}.`,
      );
    if (s.fields !== null)
      mark(s, q, 4 + len, `${p}.rdata.options[${options.length}]`, ednsOptionName(code), `${len} octets`);
    options.push({ code, data: s.buf.slice(q + 4, q + 4 + len) });
    q += 4 + len;
  }
  s.pos = rdEnd;
  return options;
}

function readRecord(s: State, section: string, index: number, count: number): ResourceRecord {
  if (s.pos >= s.end) throw countsLie(s, section, index, count);
  const p = s.fields === null ? '' : `${section}[${index}]`;
  const name = readNameField(s, s.end, p, '.name', 'NAME');
  const at = s.pos;
  need(at, 10, s.end, 'record type, class, TTL and RDLENGTH');
  const buf = s.buf;
  const type = u16(buf, at);
  const cls = u16(buf, at + 2);
  const ttl = u32(buf, at + 4);
  const rdLength = u16(buf, at + 8);
  const rdStart = at + 10;
  const rdEnd = rdStart + rdLength;
  if (rdEnd > s.end) {
    throw new Failure(
      'truncated',
      at + 8,
      `RDLENGTH at offset ${at + 8} says ${rdLength} octets but only ${s.end - rdStart} remain in the message.`,
    );
  }
  const isOpt = type === 41;
  if (s.fields !== null) {
    mark(s, at, 2, `${p}.type`, 'TYPE', typeName(type));
    if (isOpt) {
      mark(s, at + 2, 2, `${p}.udpPayloadSize`, 'UDP payload size', String(cls));
      mark(s, at + 4, 1, `${p}.extendedRcode`, 'Extended RCODE', String(buf[at + 4]));
      mark(s, at + 5, 1, `${p}.version`, 'EDNS version', String(buf[at + 5]));
      mark(s, at + 6, 2, `${p}.ednsFlags`, 'EDNS flags', (buf[at + 6] as number) & 0x80 ? 'do' : 'none');
    } else {
      mark(s, at + 2, 2, `${p}.class`, 'CLASS', className(cls));
      mark(s, at + 4, 4, `${p}.ttl`, 'TTL', String(ttl));
    }
    mark(s, at + 8, 2, `${p}.rdlength`, 'RDLENGTH', String(rdLength));
  }
  s.pos = rdStart;
  let data: RData;
  if (isOpt) {
    if (section !== 'additionals')
      throw new Failure(
        'bad-opt',
        at,
        `An OPT pseudo-record at offset ${at} is in the ${section} section; it belongs in the additional section (RFC 6891 §6.1.1).`,
      );
    if (name !== '.')
      throw new Failure(
        'bad-opt',
        at,
        `The OPT pseudo-record at offset ${at} is owned by '${name}'; its owner must be the root '.' (RFC 6891 §6.1.2).`,
      );
    data = { kind: 'OPT', options: readOptions(s, rdEnd, p) };
  } else {
    data = readRData(s, type, rdEnd, p);
  }
  if (s.pos !== rdEnd) {
    throw new Failure(
      'rdata-length',
      s.pos,
      `The ${typeName(type)} record data ends at offset ${s.pos}, but RDLENGTH at offset ${at + 8} says it ends at ${rdEnd}.`,
    );
  }
  return { name, type, class: cls, ttl, data };
}

function decodeInto(s: State): Message {
  if (s.end > MAX_MESSAGE_BYTES) {
    throw new Failure(
      'too-large',
      MAX_MESSAGE_BYTES,
      `The input is ${s.end} octets; a DNS message is at most ${MAX_MESSAGE_BYTES} (RFC 1035 §4.2.2).`,
    );
  }
  const { id, flags, counts } = readHeader(s);
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) questions.push(readQuestion(s, i, counts[0]));
  const answers: ResourceRecord[] = [];
  for (let i = 0; i < counts[1]; i++) answers.push(readRecord(s, 'answers', i, counts[1]));
  const authorities: ResourceRecord[] = [];
  for (let i = 0; i < counts[2]; i++) authorities.push(readRecord(s, 'authorities', i, counts[2]));
  const additionals: ResourceRecord[] = [];
  let edns: Edns | undefined;
  for (let i = 0; i < counts[3]; i++) {
    const start = s.pos;
    const record = readRecord(s, 'additionals', i, counts[3]);
    additionals.push(record);
    if (record.data.kind === 'OPT') {
      if (edns !== undefined)
        throw new Failure(
          'bad-opt',
          start,
          `A second OPT pseudo-record starts at offset ${start}; a message carries at most one (RFC 6891 §6.1.1).`,
        );
      edns = {
        udpPayloadSize: record.class,
        extendedRcode: record.ttl >>> 24,
        version: (record.ttl >>> 16) & 0xff,
        dnssecOk: (record.ttl & 0x8000) !== 0,
        flags: record.ttl & 0x7fff,
        options: record.data.options,
      };
    }
  }
  if (s.pos < s.end)
    mark(s, s.pos, s.end - s.pos, 'trailing', 'Trailing octets', `${s.end - s.pos} octets after the last record`);
  const rcode = edns === undefined ? flags.rcode : (edns.extendedRcode << 4) | flags.rcode;
  return edns === undefined
    ? { id, flags, rcode, questions, answers, authorities, additionals }
    : { id, flags, rcode, questions, answers, authorities, additionals, edns };
}

function run<T>(s: State, f: (s: State) => T): DecodeResult<T> {
  try {
    return { ok: true, value: f(s) };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Decodes untrusted bytes into a typed message, or a typed error naming the offset. Never throws. */
export function decodeMessage(bytes: Uint8Array): DecodeResult<Message> {
  return run({ buf: bytes, end: bytes.length, pos: 0, fields: null }, decodeInto);
}

/** An annotated decode: the message (or the error) plus every field decoded so far, in wire order, for a hex view. */
export type AnnotatedDecode =
  | { readonly ok: true; readonly value: Message; readonly fields: readonly ByteField[] }
  | { readonly ok: false; readonly error: DecodeError; readonly fields: readonly ByteField[] };

/** Decodes and annotates every field with its offset, length, path, label and value. Never throws. */
export function decodeAnnotated(bytes: Uint8Array): AnnotatedDecode {
  const fields: ByteField[] = [];
  const result = run({ buf: bytes, end: bytes.length, pos: 0, fields }, decodeInto);
  return result.ok ? { ok: true, value: result.value, fields } : { ok: false, error: result.error, fields };
}
