/**
 * Encoder: a typed message → wire bytes (RFC 1035 §4.1) with name compression (§4.1.4) for the owner names and
 * for the names inside the RFC 1035 record types (NS, CNAME, PTR, SOA, MX), as RFC 3597 §4 allows; SRV and SVCB
 * targets are written uncompressed (RFC 2782, RFC 9460 §2.2). Used for the queries the model sends and for the
 * responses its servers build, so message sizes (and therefore truncation) are real.
 */
import { parseIpv4, parseIpv6 } from './address.ts';
import { MAX_MESSAGE_BYTES } from './constants.ts';
import { parseName } from './name.ts';
import type {
  Edns,
  EncodeError,
  EncodeErrorCode,
  EncodeResult,
  HeaderFlags,
  Message,
  Question,
  RData,
  ResourceRecord,
} from './types.ts';

class Failure {
  readonly error: EncodeError;
  constructor(code: EncodeErrorCode, message: string) {
    this.error = { code, message };
  }
}

/** Growable output with a compression table (lower-cased suffix text → offset). */
class Writer {
  buf = new Uint8Array(512);
  pos = 0;
  readonly names = new Map<string, number>();

  reserve(n: number): void {
    if (this.pos + n > MAX_MESSAGE_BYTES) {
      throw new Failure(
        'message-too-large',
        `The message would exceed ${MAX_MESSAGE_BYTES} octets, the most DNS can carry (RFC 1035 §4.2.2).`,
      );
    }
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(Math.min(size, MAX_MESSAGE_BYTES));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  u8(v: number): void {
    this.reserve(1);
    this.buf[this.pos++] = v & 0xff;
  }
  u16(v: number): void {
    this.reserve(2);
    this.buf[this.pos++] = (v >> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }
  u32(v: number): void {
    this.u16((v >>> 16) & 0xffff);
    this.u16(v & 0xffff);
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  u16At(at: number, v: number): void {
    this.buf[at] = (v >> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }
}

function lowerKey(labels: readonly Uint8Array[], from: number): string {
  let key = '';
  for (let i = from; i < labels.length; i++) {
    const label = labels[i] as Uint8Array;
    for (const b of label) key += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
    key += '\u0000';
  }
  return key;
}

function writeName(w: Writer, name: string, compress: boolean): void {
  const parsed = parseName(name);
  if (!parsed.ok) throw new Failure(parsed.error.code, parsed.error.message);
  const labels = parsed.value;
  for (let i = 0; i < labels.length; i++) {
    const key = lowerKey(labels, i);
    const seen = compress ? w.names.get(key) : undefined;
    if (seen !== undefined) {
      w.u16(0xc000 | seen);
      return;
    }
    if (w.pos < 0x4000 && !w.names.has(key)) w.names.set(key, w.pos);
    const label = labels[i] as Uint8Array;
    w.u8(label.length);
    w.bytes(label);
  }
  w.u8(0);
}

function checkRange(value: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Failure('out-of-range', `${what} ${value} is out of range (0–${max}).`);
  }
  return value;
}

function characterString(w: Writer, text: string, what: string): void {
  if (text.length > 255)
    throw new Failure(
      'string-too-long',
      `A ${what} string of ${text.length} octets is over the 255-octet limit of a character-string (RFC 1035 §3.3).`,
    );
  w.u8(text.length);
  for (let i = 0; i < text.length; i++) w.u8(text.charCodeAt(i));
}

function writeRData(w: Writer, data: RData): void {
  switch (data.kind) {
    case 'A': {
      const a = parseIpv4(data.address);
      if (a === undefined)
        throw new Failure('bad-address', `'${data.address}' is not an IPv4 address (four decimal octets, 0–255).`);
      w.bytes(a);
      return;
    }
    case 'AAAA': {
      const a = parseIpv6(data.address);
      if (a === undefined) throw new Failure('bad-address', `'${data.address}' is not an IPv6 address.`);
      w.bytes(a);
      return;
    }
    case 'NS':
    case 'CNAME':
    case 'PTR':
      writeName(w, data.target, true);
      return;
    case 'SOA':
      writeName(w, data.mname, true);
      writeName(w, data.rname, true);
      for (const v of [data.serial, data.refresh, data.retry, data.expire, data.minimum])
        w.u32(checkRange(v, 0xffffffff, 'An SOA number'));
      return;
    case 'MX':
      w.u16(checkRange(data.preference, 0xffff, 'MX preference'));
      writeName(w, data.exchange, true);
      return;
    case 'TXT':
      for (const s of data.strings) characterString(w, s, 'TXT');
      return;
    case 'SRV':
      w.u16(checkRange(data.priority, 0xffff, 'SRV priority'));
      w.u16(checkRange(data.weight, 0xffff, 'SRV weight'));
      w.u16(checkRange(data.port, 0xffff, 'SRV port'));
      writeName(w, data.target, false);
      return;
    case 'CAA':
      w.u8(checkRange(data.flags, 255, 'CAA flags'));
      characterString(w, data.tag, 'CAA tag');
      for (let i = 0; i < data.value.length; i++) w.u8(data.value.charCodeAt(i));
      return;
    case 'SVCB':
    case 'HTTPS':
      w.u16(checkRange(data.priority, 0xffff, 'SvcPriority'));
      writeName(w, data.target, false);
      for (const p of data.params) {
        w.u16(checkRange(p.key, 0xffff, 'SvcParamKey'));
        w.u16(checkRange(p.value.length, 0xffff, 'SvcParamValue length'));
        w.bytes(p.value);
      }
      return;
    case 'OPT':
      for (const o of data.options) {
        w.u16(checkRange(o.code, 0xffff, 'EDNS option code'));
        w.u16(checkRange(o.data.length, 0xffff, 'EDNS option length'));
        w.bytes(o.data);
      }
      return;
    case 'unknown':
      w.bytes(data.data);
      return;
  }
}

function writeRecord(w: Writer, r: ResourceRecord): void {
  writeName(w, r.name, true);
  w.u16(checkRange(r.type, 0xffff, 'TYPE'));
  w.u16(checkRange(r.class, 0xffff, 'CLASS'));
  w.u32(checkRange(r.ttl, 0xffffffff, 'TTL'));
  const lengthAt = w.pos;
  w.u16(0);
  writeRData(w, r.data);
  w.u16At(lengthAt, w.pos - lengthAt - 2);
}

function flagWord(f: HeaderFlags): number {
  return (
    (f.qr ? 0x8000 : 0) |
    ((f.opcode & 0xf) << 11) |
    (f.aa ? 0x0400 : 0) |
    (f.tc ? 0x0200 : 0) |
    (f.rd ? 0x0100 : 0) |
    (f.ra ? 0x0080 : 0) |
    (f.z ? 0x0040 : 0) |
    (f.ad ? 0x0020 : 0) |
    (f.cd ? 0x0010 : 0) |
    (f.rcode & 0xf)
  );
}

/** Encodes a message. Counts come from the section lengths. Never throws: bad input → typed error. */
export function encodeMessage(message: Message): EncodeResult<Uint8Array> {
  const w = new Writer();
  try {
    w.u16(checkRange(message.id, 0xffff, 'ID'));
    w.u16(flagWord(message.flags));
    for (const n of [
      message.questions.length,
      message.answers.length,
      message.authorities.length,
      message.additionals.length,
    ]) {
      w.u16(checkRange(n, 0xffff, 'A section count'));
    }
    for (const q of message.questions) {
      writeName(w, q.name, true);
      w.u16(checkRange(q.type, 0xffff, 'QTYPE'));
      w.u16(checkRange(q.class, 0xffff, 'QCLASS'));
    }
    for (const r of message.answers) writeRecord(w, r);
    for (const r of message.authorities) writeRecord(w, r);
    for (const r of message.additionals) writeRecord(w, r);
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
  return { ok: true, value: w.buf.slice(0, w.pos) };
}

/** The OPT pseudo-record carrying `edns` (RFC 6891 §6.1.2–6.1.3). */
export function optRecord(edns: Edns): ResourceRecord {
  const ttl =
    (((edns.extendedRcode & 0xff) << 24) |
      ((edns.version & 0xff) << 16) |
      (edns.dnssecOk ? 0x8000 : 0) |
      (edns.flags & 0x7fff)) >>>
    0;
  return { name: '.', type: 41, class: edns.udpPayloadSize, ttl, data: { kind: 'OPT', options: edns.options } };
}

/** Header flags with everything off, for building messages. */
export const NO_FLAGS: HeaderFlags = {
  qr: false,
  opcode: 0,
  aa: false,
  tc: false,
  rd: false,
  ra: false,
  z: false,
  ad: false,
  cd: false,
  rcode: 0,
};

/** What a query needs: name and type; the rest has dig's defaults (RD on, EDNS with a 1232-octet buffer). */
export interface QueryInput {
  readonly id?: number;
  readonly name: string;
  readonly type: number;
  readonly rd?: boolean;
  /** EDNS UDP payload size; `null` sends no OPT record. Default 1232. */
  readonly udpPayloadSize?: number | null;
  readonly dnssecOk?: boolean;
}

/** The message a query sends (before encoding). */
export function queryMessage(input: QueryInput): Message {
  const question: Question = { name: input.name, type: input.type, class: 1 };
  const payload = input.udpPayloadSize === undefined ? 1232 : input.udpPayloadSize;
  const edns: Edns | undefined =
    payload === null
      ? undefined
      : {
          udpPayloadSize: payload,
          extendedRcode: 0,
          version: 0,
          dnssecOk: input.dnssecOk ?? false,
          flags: 0,
          options: [],
        };
  const base = {
    id: input.id ?? 0,
    flags: { ...NO_FLAGS, rd: input.rd ?? true },
    rcode: 0,
    questions: [question],
    answers: [],
    authorities: [],
    additionals: edns === undefined ? [] : [optRecord(edns)],
  };
  return edns === undefined ? base : { ...base, edns };
}

/** Encodes a query (RFC 1035 §4.1 with an optional EDNS(0) OPT record). */
export function encodeQuery(input: QueryInput): EncodeResult<Uint8Array> {
  return encodeMessage(queryMessage(input));
}
