import { describe, expect, test } from 'vitest';
import { formatNetwork, parseNetwork } from '../../../../src/lib/ip/network.ts';
import { MAX_PAGE_SIZE, splitNetwork, subnets } from '../../../../src/lib/ip/subnets.ts';
import type { IpNetwork } from '../../../../src/lib/ip/types.ts';

const net = (text: string): IpNetwork => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.network;
};
const list = (cidr: string, newPrefix: number) => {
  const r = subnets(net(cidr), { newPrefix });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const fmt = (n: IpNetwork | undefined) => (n ? formatNetwork(n) : undefined);

describe('subnets({ newPrefix }) is lazy', () => {
  test('10.0.0.0/8 → /30 counts 4,194,304 without allocating them', () => {
    const l = list('10.0.0.0/8', 30);
    expect(l.count).toBe(4_194_304n);
    expect(l.subnetSize).toBe(4n);
    expect(fmt(l.subnetAt(0n))).toBe('10.0.0.0/30');
    expect(fmt(l.subnetAt(1n))).toBe('10.0.0.4/30');
    expect(fmt(l.subnetAt(4_194_303n))).toBe('10.255.255.252/30');
    expect(l.subnetAt(4_194_304n)).toBeUndefined();
    expect(l.subnetAt(-1n)).toBeUndefined();
    expect(l.subnetPage(4_194_302n, 10).map(fmt)).toEqual(['10.255.255.248/30', '10.255.255.252/30']);
    expect(l.subnetPage(1000n, 1000)).toHaveLength(1000);
  });

  test('2001:db8::/32 → /64 counts 2**32', () => {
    const l = list('2001:db8::/32', 64);
    expect(l.count).toBe(2n ** 32n);
    expect(fmt(l.subnetAt(2n ** 32n - 1n))).toBe('2001:db8:ffff:ffff::/64');
    expect(l.subnetPage(5n, 2).map(fmt)).toEqual(['2001:db8:0:5::/64', '2001:db8:0:6::/64']);
  });

  test('pages are clamped', () => {
    const l = list('10.0.0.0/8', 30);
    expect(l.subnetPage(0n, MAX_PAGE_SIZE + 5)).toHaveLength(MAX_PAGE_SIZE);
    expect(l.subnetPage(-5n, 1).map(fmt)).toEqual(['10.0.0.0/30']);
    expect(l.subnetPage(0n, -1)).toEqual([]);
    expect(l.subnetPage(0n, Number.NaN)).toEqual([]);
  });

  test('iterator, same prefix, default one bit', () => {
    expect([...list('192.168.0.0/24', 26)].map(fmt)).toEqual([
      '192.168.0.0/26',
      '192.168.0.64/26',
      '192.168.0.128/26',
      '192.168.0.192/26',
    ]);
    expect([...list('192.168.0.0/24', 24)].map(fmt)).toEqual(['192.168.0.0/24']);
    const d = subnets(net('0.0.0.0/0'));
    expect(d.ok && [...d.value].map(fmt)).toEqual(['0.0.0.0/1', '128.0.0.0/1']);
    const p = subnets(net('10.0.0.0/8'), { prefixLenDiff: 2 });
    expect(p.ok && p.value.newPrefix).toBe(10);
  });

  test.each([
    ['10.0.0.0/24', 23, 'New prefix /23 does not fit 10.0.0.0/24; choose a prefix from /24 to /32'],
    ['10.0.0.0/24', 33, 'New prefix /33 does not fit 10.0.0.0/24; choose a prefix from /24 to /32'],
    ['10.0.0.0/24', 25.5, 'New prefix /25.5 does not fit 10.0.0.0/24; choose a prefix from /24 to /32'],
    ['10.0.0.0/24', Number.NaN, 'New prefix NaN does not fit 10.0.0.0/24; choose a prefix from /24 to /32'],
    ['10.0.0.1/32', 33, '10.0.0.1/32 is a single address and cannot be split further'],
  ])('%s → %s is an error', (cidr, newPrefix, message) => {
    const r = subnets(net(cidr), { newPrefix });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toEqual({ code: 'new-prefix-out-of-range', message });
  });
});

describe('splitNetwork(n)', () => {
  test.each([
    ['192.168.0.0/24', 1, 24, 1n, []],
    ['192.168.0.0/24', 2, 25, 2n, []],
    ['192.168.0.0/24', 4, 26, 4n, []],
    [
      '192.168.0.0/24',
      3,
      26,
      4n,
      ['3 is not a power of two, so 192.168.0.0/24 is split into 4 equal /26 subnets (the next power of two).'],
    ],
    [
      '192.168.0.0/24',
      5,
      27,
      8n,
      ['5 is not a power of two, so 192.168.0.0/24 is split into 8 equal /27 subnets (the next power of two).'],
    ],
    ['10.0.0.0/31', 2, 32, 2n, []],
    ['::/0', 2n ** 64n, 64, 2n ** 64n, []],
  ] as const)('%s into %s', (cidr, n, prefix, count, notes) => {
    const r = splitNetwork(net(cidr), n);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.newPrefix).toBe(prefix);
    expect(r.value.count).toBe(count);
    expect(r.value.notes).toEqual(notes);
  });

  test('errors', () => {
    const e = (cidr: string, n: number) => {
      const r = splitNetwork(net(cidr), n);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(e('10.0.0.0/24', 0)).toMatchInlineSnapshot(
      `"split-count-invalid: Split count 0 is too small; split 10.0.0.0/24 into at least 1 part"`,
    );
    expect(e('10.0.0.0/24', 2.5)).toMatchInlineSnapshot(
      `"split-count-invalid: Split count 2.5 is not a whole number; enter how many equal parts you want, e.g. 4"`,
    );
    expect(e('10.0.0.0/30', 5)).toMatchInlineSnapshot(
      `"too-many-subnets: 10.0.0.0/30 cannot be split into 5 parts: it has 4 addresses, so at most 4 parts of one address each"`,
    );
    expect(e('10.0.0.1/32', 2)).toMatchInlineSnapshot(
      `"too-many-subnets: 10.0.0.1/32 is a single address, so it cannot be split into 2 parts"`,
    );
  });
});
