/**
 * Differential test: our decoder against the dns-packet npm package (5.x) on generated messages, in both
 * directions — bytes from our encoder (all types, SVCB/HTTPS compared as raw RDATA because dns-packet keeps them
 * opaque) and bytes from dns-packet's encoder (the types it knows). Plus single-octet mutations: whenever both
 * decoders accept a mutated message, they must agree.
 */
import { createRequire } from 'node:module';
import dnsPacket from 'dns-packet';
import { describe, expect, test } from 'vitest';
import {
  decodeMessage,
  encodeMessage,
  type Message,
  parseIpv6,
  type ResourceRecord,
  typeName,
} from '../../../../src/lib/dns/index.ts';
import { gen, randomMessage } from './generate.ts';

const CASES = 10_000;
/** dns-packet's own type table (mnemonic ↔ number), to compare type numbers whatever names each side knows. */
const packetTypes = createRequire(import.meta.url)('dns-packet/types.js') as { toType: (name: string) => number };
/** Types both decoders read the same way: ours structurally, and types neither library structures (opaque in both). */
const OURS_OR_OPAQUE = new Set([1, 28, 2, 5, 12, 6, 15, 16, 33, 257, 41, 64, 65, 65280]);
const PACKET_TYPES = [1, 28, 2, 5, 12, 6, 15, 16, 33, 257] as const;

/** Our presentation name in dns-packet's form: escapes undone, labels read as UTF-8, no trailing dot. */
function strip(name: string): string {
  if (name === '.') return '.';
  const octets: number[] = [];
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '\\') {
      const digits = /^\d{3}/.exec(name.slice(i + 1, i + 4));
      if (digits !== null) {
        octets.push(Number(digits[0]));
        i += 3;
      } else {
        octets.push(name.charCodeAt(i + 1));
        i += 1;
      }
    } else octets.push(name.charCodeAt(i));
  }
  return Buffer.from(octets).toString('utf-8').replace(/\.$/, '');
}
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
/** dns-packet reads CAA tag and value as UTF-8; ours keep octets. */
const utf8 = (octets: string) => Buffer.from(octets, 'latin1').toString('utf-8');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const v6 = (text: string) => hex(parseIpv6(text) ?? new Uint8Array());

/** Raw RDATA of a record, by encoding it alone under the root name (12 + 1 + 10 octets before the RDATA). */
function rdataOf(record: ResourceRecord): string {
  const m: Message = {
    id: 0,
    flags: {
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
    },
    rcode: 0,
    questions: [],
    answers: [{ ...record, name: '.' }],
    authorities: [],
    additionals: [],
  };
  const e = encodeMessage(m);
  if (!e.ok) throw new Error(e.error.message);
  return hex(e.value.subarray(23));
}

function ours(r: ResourceRecord): unknown {
  const d = r.data;
  if (d.kind === 'OPT')
    return {
      type: 'OPT',
      udp: r.class,
      ext: r.ttl >>> 24,
      version: (r.ttl >>> 16) & 0xff,
      flags: r.ttl & 0xffff,
      options: d.options.map((o) => ({ code: o.code, data: hex(o.data) })),
    };
  const base = { name: strip(r.name), type: typeName(r.type), ttl: r.ttl };
  switch (d.kind) {
    case 'A':
      return { ...base, data: d.address };
    case 'AAAA':
      return { ...base, data: v6(d.address) };
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return { ...base, data: strip(d.target) };
    case 'SOA':
      return { ...base, data: { ...d, kind: undefined, mname: strip(d.mname), rname: strip(d.rname) } };
    case 'MX':
      return { ...base, data: { preference: d.preference, exchange: strip(d.exchange) } };
    case 'TXT':
      return { ...base, data: d.strings };
    case 'SRV':
      return { ...base, data: { priority: d.priority, weight: d.weight, port: d.port, target: strip(d.target) } };
    case 'CAA':
      return { ...base, data: { flags: d.flags, tag: utf8(d.tag), value: utf8(d.value) } };
    default:
      return { ...base, data: rdataOf(r) };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: dns-packet's decoded records are loosely typed; we normalise them here.
function theirs(r: any): unknown {
  if (r.type === 'OPT')
    return {
      type: 'OPT',
      udp: r.udpPayloadSize,
      ext: r.extendedRcode,
      version: r.ednsVersion,
      flags: r.flags,
      options: r.options.map((o: { code: number; data: Buffer }) => ({ code: o.code, data: hex(o.data) })),
    };
  const type = typeName(packetTypes.toType(r.type));
  const base = { name: r.name, type, ttl: r.ttl };
  const d = r.data;
  switch (r.type) {
    case 'A':
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return { ...base, data: d };
    case 'AAAA':
      return { ...base, data: v6(d) };
    case 'SOA':
      return {
        ...base,
        data: {
          kind: undefined,
          mname: d.mname,
          rname: d.rname,
          serial: d.serial,
          refresh: d.refresh,
          retry: d.retry,
          expire: d.expire,
          minimum: d.minimum,
        },
      };
    case 'MX':
      return { ...base, data: { preference: d.preference, exchange: d.exchange } };
    case 'TXT':
      return { ...base, data: d.map((b: Buffer) => latin1(b)) };
    case 'SRV':
      return { ...base, data: { priority: d.priority, weight: d.weight, port: d.port, target: d.target } };
    case 'CAA':
      return { ...base, data: { flags: d.flags, tag: d.tag, value: d.value } };
    default:
      return { ...base, data: hex(d) };
  }
}

function normaliseOurs(m: Message): unknown {
  const f = m.flags;
  return {
    id: m.id,
    flags: [f.qr, f.opcode, f.aa, f.tc, f.rd, f.ra, f.z, f.ad, f.cd, f.rcode],
    questions: m.questions.map((q) => ({ name: strip(q.name), type: typeName(q.type) })),
    answers: m.answers.map(ours),
    authorities: m.authorities.map(ours),
    additionals: m.additionals.map(ours),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
function normaliseTheirs(p: any): unknown {
  return {
    id: p.id,
    flags: [
      p.flag_qr,
      (p.flags >> 11) & 0xf,
      p.flag_aa,
      p.flag_tc,
      p.flag_rd,
      p.flag_ra,
      p.flag_z,
      p.flag_ad,
      p.flag_cd,
      p.flags & 0xf,
    ],
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    questions: p.questions.map((q: any) => ({ name: q.name, type: typeName(packetTypes.toType(q.type)) })),
    answers: p.answers.map(theirs),
    authorities: p.authorities.map(theirs),
    additionals: p.additionals.map(theirs),
  };
}

/** Our generated message in dns-packet's input format (for its encoder). */
// biome-ignore lint/suspicious/noExplicitAny: dns-packet's input is loosely typed.
function toPacket(m: Message): any {
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  const rec = (r: ResourceRecord): any => {
    const d = r.data;
    if (d.kind === 'OPT')
      return {
        name: '.',
        type: 'OPT',
        udpPayloadSize: r.class,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: r.ttl & 0xffff,
        options: d.options.map((o) => ({ code: o.code, data: Buffer.from(o.data) })),
      };
    const base = { name: r.name, type: typeName(r.type), class: 'IN', ttl: r.ttl };
    switch (d.kind) {
      case 'A':
      case 'AAAA':
        return { ...base, data: d.address };
      case 'NS':
      case 'CNAME':
      case 'PTR':
        return { ...base, data: d.target };
      case 'SOA':
        return { ...base, data: { ...d } };
      case 'MX':
        return { ...base, data: { preference: d.preference, exchange: d.exchange } };
      case 'TXT':
        return { ...base, data: d.strings.map((s) => Buffer.from(s, 'latin1')) };
      case 'SRV':
        return { ...base, data: { ...d } };
      case 'CAA':
        return { ...base, data: { flags: d.flags, tag: d.tag, value: d.value } };
      default:
        throw new Error(`no dns-packet form for ${d.kind}`);
    }
  };
  const f = m.flags;
  const flags =
    (f.aa ? 0x400 : 0) |
    (f.tc ? 0x200 : 0) |
    (f.rd ? 0x100 : 0) |
    (f.ra ? 0x80 : 0) |
    (f.ad ? 0x20 : 0) |
    (f.cd ? 0x10 : 0) |
    (f.opcode << 11) |
    f.rcode;
  return {
    id: m.id,
    type: f.qr ? 'response' : 'query',
    flags,
    questions: m.questions.map((q) => ({ name: q.name, type: typeName(q.type), class: 'IN' })),
    answers: m.answers.map(rec),
    authorities: m.authorities.map(rec),
    additionals: m.additionals.map(rec),
  };
}

describe('decoder vs dns-packet', () => {
  test(`${CASES} messages from our encoder decode the same in both (every type, compressed names)`, () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const message = randomMessage(gen(seed));
      const bytes = encodeMessage(message);
      if (!bytes.ok) throw new Error(`seed ${seed}: ${bytes.error.message}`);
      const mine = decodeMessage(bytes.value);
      if (!mine.ok) throw new Error(`seed ${seed}: ${mine.error.message} in ${hex(bytes.value)}`);
      const expected = normaliseTheirs(dnsPacket.decode(Buffer.from(bytes.value)));
      const actual = normaliseOurs(mine.value);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect({ seed, hex: hex(bytes.value), actual }).toEqual({ seed, hex: hex(bytes.value), actual: expected });
      }
      // Round trip: decoding what we encoded gives the message back (addresses compared as octets).
      // Compression matches suffixes case-insensitively (as BIND and Knot do), so a suffix may come back in the
      // case of its first occurrence.
      expect(JSON.stringify(normaliseOurs(mine.value)).toLowerCase()).toBe(
        JSON.stringify(normaliseOurs(message)).toLowerCase(),
      );
    }
  });

  test(`${CASES / 2} messages from dns-packet's encoder decode the same in both`, () => {
    for (let seed = 1; seed <= CASES / 2; seed++) {
      const message = randomMessage(gen(1_000_000 + seed), PACKET_TYPES, true);
      const buf = dnsPacket.encode(toPacket(message));
      const mine = decodeMessage(buf);
      if (!mine.ok) throw new Error(`seed ${seed}: ${mine.error.message} in ${hex(buf)}`);
      expect({ seed, m: normaliseOurs(mine.value) }).toEqual({ seed, m: normaliseTheirs(dnsPacket.decode(buf)) });
    }
  });

  test('single-octet mutations: when both accept, both agree; ours never throws', () => {
    let compared = 0;
    let skipped = 0;
    let bothRejected = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const g = gen(2_000_000 + seed);
      const bytes = encodeMessage(randomMessage(g));
      if (!bytes.ok) throw new Error(bytes.error.message);
      const mutated = bytes.value.slice();
      mutated[g.int(mutated.length - 1)] = g.int(255);
      const mine = decodeMessage(mutated);
      let theirsDecoded: unknown;
      try {
        theirsDecoded = normaliseTheirs(dnsPacket.decode(Buffer.from(mutated)));
      } catch {
        theirsDecoded = undefined;
      }
      const foreign =
        mine.ok &&
        [...mine.value.answers, ...mine.value.authorities, ...mine.value.additionals].some(
          (r) => !OURS_OR_OPAQUE.has(r.type),
        );
      if (foreign) skipped++;
      else if (mine.ok && theirsDecoded !== undefined) {
        compared++;
        expect({ seed, m: normaliseOurs(mine.value) }).toEqual({ seed, m: theirsDecoded });
      } else if (!mine.ok && theirsDecoded === undefined) bothRejected++;
    }
    expect(compared).toBeGreaterThan(CASES / 4);
    expect(skipped).toBeLessThan(CASES / 10);
    expect(bothRejected).toBeGreaterThan(0);
  });
});
