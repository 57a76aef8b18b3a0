import { describe, expect, test } from 'vitest';
import {
  DNS_CODEC,
  DNS_DEFAULTS,
  DNS_PRESETS,
  decodePaste,
  parseDnsState,
  parseHexInput,
  runDns,
} from '../../../../src/lib/dns-playground/index.ts';

describe('parseDnsState', () => {
  test('defaults parse; names are canonicalised', () => {
    const r = parseDnsState({ ...DNS_DEFAULTS, name: ' WWW.Example.COM ' });
    expect(r.ok && r.value.name).toBe('www.example.com.');
  });
  test.each([
    ['', 'Name is empty'],
    ['a..b', "Name 'a..b' is not a domain name"],
    [`${'a'.repeat(64)}.com`, 'is not a domain name'],
  ])('name %j is refused', (name, text) => {
    const r = parseDnsState({ ...DNS_DEFAULTS, name });
    expect(r.ok || r.error.message).toContain(text);
  });
  test('hostile URL values become field errors or notices, never a throw', () => {
    const { state, notices } = DNS_CODEC.decode(
      `?type=NOPE&stub=1e308&after=-1&name=${'x'.repeat(10_000)}`,
      DNS_DEFAULTS,
    );
    expect(notices.map((n) => n.code)).toContain('unknown-choice');
    const r = parseDnsState(state);
    expect(r.ok).toBe(false);
  });
});

describe('runDns', () => {
  test('every preset runs and the warm preset is answered from cache', () => {
    for (const preset of DNS_PRESETS) {
      const r = parseDnsState({ ...DNS_DEFAULTS, ...preset.state });
      if (!r.ok) throw new Error(`${preset.id}: ${r.error.message}`);
      const view = runDns(r.value);
      expect(view.hops.length).toBeGreaterThan(0);
      if (preset.id === 'warm') expect(view.fromCache).toBe(true);
      if (preset.id === 'truncation') expect(view.hops.some((h) => h.outcome === 'truncated')).toBe(true);
      if (preset.id === 'lame') expect(view.hops.some((h) => h.outcome === 'timeout')).toBe(true);
    }
  });
  test('QNAME minimisation: servers above the zone learn fewer labels', () => {
    const on = parseDnsState({ ...DNS_DEFAULTS, name: '10.2.0.192.in-addr.arpa', type: 'PTR', qmin: true });
    const off = parseDnsState({ ...DNS_DEFAULTS, name: '10.2.0.192.in-addr.arpa', type: 'PTR', qmin: false });
    if (!on.ok || !off.ok) throw new Error('invalid');
    const root = (v: ReturnType<typeof runDns>) =>
      v.learned.find((l) => l.server === 'a.root-servers.net.')?.names ?? [];
    expect(root(runDns(on.value))).not.toContain('10.2.0.192.in-addr.arpa. PTR');
    expect(root(runDns(off.value))).toContain('10.2.0.192.in-addr.arpa. PTR');
  });
});

describe('parseHexInput / decodePaste', () => {
  test.each([
    ['a1b2', [0xa1, 0xb2]],
    ['a1 b2', [0xa1, 0xb2]],
    ['a1:b2', [0xa1, 0xb2]],
    ['0xa1 0xB2', [0xa1, 0xb2]],
    [
      '0000  a1 b2 c3 d4 e5 f6 07 08  09 0a 0b 0c 0d 0e 0f 10   ................\n0010  11                                                .',
      [0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
    ],
  ])('%j', (text, bytes) => {
    const r = parseHexInput(text);
    expect(r.ok && Array.from(r.value)).toEqual(bytes);
  });
  test.each([
    ['', 'empty'],
    ['abc', 'odd-digits'],
    ['12 zz', 'bad-character'],
    ['a'.repeat(140_001), 'too-long'],
  ])('%j → %s', (text, code) => {
    const r = parseHexInput(text);
    expect(r.ok || r.error.code).toBe(code);
  });
  test('a pointer loop decodes to a positioned error with the fields read so far', () => {
    const v = decodePaste('123481800001000000000000c00c00010001');
    expect(v.kind === 'decoded' && !v.decoded.ok && v.decoded.error.code).toBe('pointer-loop');
    expect(v.kind === 'decoded' && v.decoded.fields.length).toBe(6);
  });
});
