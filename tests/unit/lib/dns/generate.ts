/**
 * Seeded generator of DNS messages for the differential and fuzz tests: random headers, names (letters, digits,
 * hyphens, mixed case, so dns-packet's UTF-8 label decoding agrees with ours), and every record type the model
 * knows, with EDNS. Deterministic for a seed (mulberry32).
 */
import type { Message, RData, ResourceRecord } from '../../../../src/lib/dns/index.ts';
import { NO_FLAGS, optRecord } from '../../../../src/lib/dns/index.ts';

/** mulberry32: a tiny deterministic PRNG; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Gen {
  readonly int: (max: number) => number;
  readonly pick: <T>(items: readonly T[]) => T;
  readonly bool: () => boolean;
}

export function gen(seed: number): Gen {
  const r = prng(seed);
  const int = (max: number) => Math.floor(r() * (max + 1));
  return { int, pick: <T>(items: readonly T[]) => items[int(items.length - 1)] as T, bool: () => r() < 0.5 };
}

const LDH = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';
const POOL = [
  'example.com.',
  'Example.COM.',
  'example.org.',
  'cdn.example.net.',
  'a.root-servers.net.',
  'com.',
  '.',
  'in-addr.arpa.',
];

function label(g: Gen): string {
  const len = g.int(10) === 0 ? 1 + g.int(62) : 1 + g.int(8);
  let s = '';
  for (let i = 0; i < len; i++) s += LDH[g.int(LDH.length - 1)];
  return s;
}

/** A random name, often sharing a suffix with the pool so compression has work to do. */
export function randomName(g: Gen): string {
  const base = g.pick(POOL);
  const extra = g.int(3);
  let name = base;
  for (let i = 0; i < extra; i++) name = `${label(g)}.${name === '.' ? '' : name}`;
  return name === '' ? '.' : name;
}

function bytes(g: Gen, max: number, ascii = false): string {
  const n = g.int(max);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(ascii ? 0x20 + g.int(0x5e) : g.int(255));
  return s;
}

function randomIpv6(g: Gen): string {
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push(g.int(2) === 0 ? '0' : g.int(0xffff).toString(16));
  return groups.join(':');
}

export const GENERATED_TYPES = [1, 28, 2, 5, 12, 6, 15, 16, 33, 257, 65, 64, 65280] as const;

/** Random record data for `type` (65280, private use, stands for an unknown type, carried opaque). `asciiText` keeps TXT/CAA in 0x20–0x7E. */
export function randomRData(g: Gen, type: number, asciiText: boolean): RData {
  switch (type) {
    case 1:
      return { kind: 'A', address: `${g.int(255)}.${g.int(255)}.${g.int(255)}.${g.int(255)}` };
    case 28:
      return { kind: 'AAAA', address: randomIpv6(g) };
    case 2:
      return { kind: 'NS', target: randomName(g) };
    case 5:
      return { kind: 'CNAME', target: randomName(g) };
    case 12:
      return { kind: 'PTR', target: randomName(g) };
    case 6:
      return {
        kind: 'SOA',
        mname: randomName(g),
        rname: randomName(g),
        serial: g.int(0xffffffff),
        refresh: g.int(86400),
        retry: g.int(7200),
        expire: g.int(0xffffffff),
        minimum: g.int(86400),
      };
    case 15:
      return { kind: 'MX', preference: g.int(0xffff), exchange: randomName(g) };
    case 16: {
      const strings: string[] = [];
      const n = 1 + g.int(3);
      for (let i = 0; i < n; i++) strings.push(bytes(g, g.int(20) === 0 ? 255 : 40, asciiText));
      return { kind: 'TXT', strings };
    }
    case 33:
      return {
        kind: 'SRV',
        priority: g.int(0xffff),
        weight: g.int(0xffff),
        port: g.int(0xffff),
        target: randomName(g),
      };
    case 257:
      return {
        kind: 'CAA',
        flags: g.pick([0, 128]),
        tag: g.pick(['issue', 'issuewild', 'iodef']),
        value: bytes(g, 40, true),
      };
    case 64:
    case 65: {
      const params = [];
      if (g.bool()) params.push({ key: 1, value: Uint8Array.from([2, 104, 50, 2, 104, 51]) });
      if (g.bool()) params.push({ key: 3, value: Uint8Array.from([1, 187]) });
      if (g.bool()) params.push({ key: 4, value: Uint8Array.from([192, 0, 2, g.int(255)]) });
      if (g.bool()) params.push({ key: 667, value: Uint8Array.from(bytes(g, 8), (c) => c.charCodeAt(0)) });
      return {
        kind: type === 64 ? 'SVCB' : 'HTTPS',
        priority: g.int(3),
        target: g.bool() ? '.' : randomName(g),
        params,
      };
    }
    default:
      return { kind: 'unknown', data: Uint8Array.from(bytes(g, 30), (c) => c.charCodeAt(0)) };
  }
}

function record(g: Gen, types: readonly number[], asciiText: boolean): ResourceRecord {
  const type = g.pick(types);
  return {
    name: randomName(g),
    type,
    class: 1,
    ttl: g.int(10) === 0 ? g.int(0xffffffff) : g.int(86400),
    data: randomRData(g, type, asciiText),
  };
}

/** A random message; `types` limits the record types (dns-packet cannot decode SVCB/HTTPS structurally). */
export function randomMessage(g: Gen, types: readonly number[] = GENERATED_TYPES, asciiText = false): Message {
  const list = (max: number) => Array.from({ length: g.int(max) }, () => record(g, types, asciiText));
  const edns = g.int(3) !== 0;
  const additionals = list(3);
  if (edns) {
    additionals.splice(
      g.int(additionals.length),
      0,
      optRecord({
        udpPayloadSize: g.pick([512, 1232, 4096, 65535]),
        extendedRcode: 0,
        version: 0,
        dnssecOk: g.bool(),
        flags: 0,
        options: g.bool() ? [{ code: 10, data: Uint8Array.from({ length: 8 }, () => g.int(255)) }] : [],
      }),
    );
  }
  return {
    id: g.int(0xffff),
    flags: {
      ...NO_FLAGS,
      qr: g.bool(),
      opcode: g.pick([0, 0, 0, 4]),
      aa: g.bool(),
      tc: g.int(9) === 0,
      rd: g.bool(),
      ra: g.bool(),
      ad: g.bool(),
      cd: g.bool(),
      rcode: g.pick([0, 0, 2, 3, 5]),
    },
    rcode: 0,
    questions: Array.from({ length: g.int(9) === 0 ? 0 : 1 }, () => ({
      name: randomName(g),
      type: g.pick(types),
      class: 1,
    })),
    answers: list(6),
    authorities: list(3),
    additionals,
  };
}

/** A typical recursive-resolver response: one question, a CNAME or two and A records, an OPT record. */
export function typicalResponse(g: Gen): Message {
  const qname = `www${g.int(99)}.example.com.`;
  const answers: ResourceRecord[] = [];
  if (g.bool())
    answers.push({
      name: qname,
      type: 5,
      class: 1,
      ttl: 300,
      data: { kind: 'CNAME', target: 'edge.cdn.example.net.' },
    });
  const owner = answers.length > 0 ? 'edge.cdn.example.net.' : qname;
  for (let i = 0; i < 1 + g.int(2); i++)
    answers.push({
      name: owner,
      type: 1,
      class: 1,
      ttl: 60 + g.int(3600),
      data: { kind: 'A', address: `192.0.2.${g.int(255)}` },
    });
  return {
    id: g.int(0xffff),
    flags: { ...NO_FLAGS, qr: true, rd: true, ra: true },
    rcode: 0,
    questions: [{ name: qname, type: 1, class: 1 }],
    answers,
    authorities: [],
    additionals: [
      optRecord({ udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: false, flags: 0, options: [] }),
    ],
  };
}
