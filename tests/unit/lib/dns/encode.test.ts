import { describe, expect, test } from 'vitest';
import {
  canonicalName,
  decodeMessage,
  encodeMessage,
  encodeQuery,
  formatRData,
  formatSvcParam,
  type Message,
  NO_FLAGS,
  parseIpv6,
  parseName,
  type RData,
  typeName,
  typeValue,
} from '../../../../src/lib/dns/index.ts';

const message = (data: RData, type = 1): Message => ({
  id: 1,
  flags: NO_FLAGS,
  rcode: 0,
  questions: [],
  answers: [{ name: 'x.example.', type, class: 1, ttl: 60, data }],
  authorities: [],
  additionals: [],
});

describe('encodeMessage errors: typed, quoting the value', () => {
  test.each([
    [{ kind: 'A', address: '1.2.3' } as RData, 'bad-address'],
    [{ kind: 'AAAA', address: '1::2::3' } as RData, 'bad-address'],
    [{ kind: 'MX', preference: 70_000, exchange: 'm.' } as RData, 'out-of-range'],
    [{ kind: 'TXT', strings: ['x'.repeat(256)] } as RData, 'string-too-long'],
    [{ kind: 'CNAME', target: 'a..b' } as RData, 'empty-label'],
    [{ kind: 'NS', target: `${'a'.repeat(64)}.b` } as RData, 'label-too-long'],
    [{ kind: 'PTR', target: `${'abcdefghi.'.repeat(26)}` } as RData, 'name-too-long'],
    [{ kind: 'PTR', target: 'a\\256' } as RData, 'bad-escape'],
    [{ kind: 'PTR', target: 'a\\' } as RData, 'bad-escape'],
    [{ kind: 'PTR', target: 'café.example' } as RData, 'bad-escape'],
  ])('%j → %s', (data, code) => {
    const r = encodeMessage(message(data));
    expect(r.ok || r.error.code).toBe(code);
  });

  test('a message over 65,535 octets is refused', () => {
    const strings = Array.from({ length: 300 }, () => 'y'.repeat(255));
    const r = encodeMessage(message({ kind: 'TXT', strings }, 16));
    expect(r.ok || r.error.code).toBe('message-too-large');
  });

  test('a query without EDNS is 12 + name + 4 octets', () => {
    const q = encodeQuery({ name: 'example.com', type: 1, udpPayloadSize: null });
    expect(q.ok && q.value.length).toBe(12 + 13 + 4);
  });
});

describe('round trips through the decoder', () => {
  test.each<[RData, number]>([
    [{ kind: 'SOA', mname: 'a.', rname: 'b.', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 }, 6],
    [{ kind: 'SRV', priority: 1, weight: 2, port: 443, target: 't.example.' }, 33],
    [{ kind: 'CAA', flags: 128, tag: 'iodef', value: 'mailto:x@example' }, 257],
    [{ kind: 'SVCB', priority: 0, target: 'svc.example.', params: [] }, 64],
    [{ kind: 'unknown', data: Uint8Array.from([1, 2, 3]) }, 65280],
    [{ kind: 'AAAA', address: '::ffff:192.0.2.1' }, 28],
  ])('%j', (data, type) => {
    const e = encodeMessage(message(data, type));
    if (!e.ok) throw new Error(e.error.message);
    const d = decodeMessage(e.value);
    expect(d.ok && formatRData(d.value.answers[0]?.data as RData)).toBe(
      formatRData(data.kind === 'AAAA' ? { kind: 'AAAA', address: '::ffff:c000:201' } : data),
    );
  });
});

describe('presentation', () => {
  test.each([
    [{ key: 0, value: Uint8Array.from([0, 1, 0, 3]) }, 'mandatory=alpn,port'],
    [{ key: 2, value: new Uint8Array() }, 'no-default-alpn'],
    [{ key: 3, value: Uint8Array.from([1]) }, 'port="\\001"'],
    [{ key: 5, value: Uint8Array.from([1, 2, 3, 4]) }, 'ech=AQIDBA=='],
    [{ key: 6, value: parseIpv6('2001:db8::1') ?? new Uint8Array() }, 'ipv6hint=2001:db8::1'],
    [{ key: 1, value: Uint8Array.from([3, 0x61, 0x2c, 0x62]) }, 'alpn="a\\\\,b"'],
    [{ key: 9, value: new Uint8Array() }, 'key9'],
  ])('%j → %s', (param, text) => {
    expect(formatSvcParam(param)).toBe(text);
  });

  test('OPT and empty unknown data', () => {
    expect(formatRData({ kind: 'OPT', options: [{ code: 10, data: Uint8Array.from([0xab]) }] })).toBe('COOKIE=AB');
    expect(formatRData({ kind: 'unknown', data: new Uint8Array() })).toBe('\\# 0');
  });

  test('type and name helpers', () => {
    expect([typeName(65), typeName(999), typeValue('type65'), typeValue('TYPE99999'), typeValue('nope')]).toEqual([
      'HTTPS',
      'TYPE999',
      65,
      undefined,
      undefined,
    ]);
    expect(canonicalName('WWW.Example.COM')).toBe('www.example.com.');
    expect(canonicalName('a..b')).toBeUndefined();
    const labels = parseName('a\\.b.c');
    expect(labels.ok && labels.value.length).toBe(2);
  });
});
