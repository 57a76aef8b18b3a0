import { describe, expect, test } from 'vitest';
import { parseAddress } from '../../../../src/lib/ip/address.ts';
import {
  collapseNetworks,
  intervalToNetworks,
  parseNetworkList,
  parseRange,
  summarizeRange,
} from '../../../../src/lib/ip/collapse.ts';
import { formatNetwork, parseNetwork } from '../../../../src/lib/ip/network.ts';
import type { IpAddress, IpNetwork } from '../../../../src/lib/ip/types.ts';

const net = (text: string): IpNetwork => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.network;
};
const addr = (text: string): IpAddress => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const fmt = (ns: readonly IpNetwork[]) => ns.map((n) => formatNetwork(n));

describe('collapseNetworks', () => {
  test.each([
    [['192.0.2.0/25', '192.0.2.128/25'], ['192.0.2.0/24']],
    [
      ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
      ['10.0.0.0/23', '10.0.2.0/24'],
    ],
    [['10.0.0.0/8', '10.1.0.0/16'], ['10.0.0.0/8']],
    [['10.0.0.0/24', '10.0.0.0/24'], ['10.0.0.0/24']],
    [['0.0.0.0/1', '128.0.0.0/1'], ['0.0.0.0/0']],
    [
      ['::/1', '8000::/1', '10.0.0.1', '10.0.0.0'],
      ['10.0.0.0/31', '::/0'],
    ],
    [[], []],
  ])('%j', (input, expected) => {
    expect(fmt(collapseNetworks(input.map(net)))).toEqual(expected);
  });
});

describe('summarizeRange / parseRange', () => {
  test('examples', () => {
    const r = summarizeRange(addr('192.0.2.10'), addr('192.0.2.99'));
    expect(r.ok && fmt(r.value)).toEqual([
      '192.0.2.10/31',
      '192.0.2.12/30',
      '192.0.2.16/28',
      '192.0.2.32/27',
      '192.0.2.64/27',
      '192.0.2.96/30',
    ]);
    const all = summarizeRange(addr('0.0.0.0'), addr('255.255.255.255'));
    expect(all.ok && fmt(all.value)).toEqual(['0.0.0.0/0']);
    const all6 = summarizeRange(addr('::'), addr('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'));
    expect(all6.ok && fmt(all6.value)).toEqual(['::/0']);
    const one = summarizeRange(addr('::1'), addr('::1'));
    expect(one.ok && fmt(one.value)).toEqual(['::1/128']);
    expect(fmt(intervalToNetworks(4, 1n, 0n))).toEqual([]);
  });

  test('errors', () => {
    const mixed = summarizeRange(addr('10.0.0.1'), addr('::1'));
    expect(!mixed.ok && mixed.error.message).toMatchInlineSnapshot(
      `"The range mixes IPv4 (10.0.0.1) and IPv6 (::1); use two addresses of the same version"`,
    );
    const reversed = summarizeRange(addr('10.0.0.9'), addr('10.0.0.1'));
    expect(!reversed.ok && reversed.error.message).toMatchInlineSnapshot(
      `"The range starts at 10.0.0.9, after its end 10.0.0.1; swap the two addresses"`,
    );
  });

  test.each([
    ['192.0.2.10 - 192.0.2.99', true],
    ['192.0.2.10-192.0.2.99', true],
    ['2001:db8::1 – 2001:db8::ff', true],
    ['192.0.2.10', false],
    ['1-2-3', false],
    ['', false],
    ['10.0.0.9 - 10.0.0.1', false],
    ['10.0.0.1 - ::1', false],
    ['10.0.0.1 - 10.0.0.300', false],
    ['10.0.0.300 - 10.0.0.1', false],
    ['x'.repeat(100_001), false],
  ])('parseRange(%j) ok=%s', (text, ok) => {
    expect(parseRange(text).ok).toBe(ok);
  });

  test('parseRange message', () => {
    const r = parseRange('192.0.2.10');
    expect(!r.ok && r.error).toMatchInlineSnapshot(`
      {
        "code": "range-syntax",
        "message": "'192.0.2.10' is not a range; write two addresses joined by '-', e.g. 192.0.2.10 - 192.0.2.99",
      }
    `);
  });
});

describe('parseNetworkList', () => {
  test('lines, commas, ranges, netmask form', () => {
    const r = parseNetworkList('10.0.0.0/24\n10.0.1.0 255.255.255.0, 192.0.2.0 - 192.0.2.3;\n\n2001:db8::/32');
    expect(r.ok && fmt(r.value)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '192.0.2.0/30', '2001:db8::/32']);
    expect(r.ok && fmt(collapseNetworks(r.value))).toEqual(['10.0.0.0/23', '192.0.2.0/30', '2001:db8::/32']);
  });

  test('errors name the entry', () => {
    const e = (text: string) => {
      const r = parseNetworkList(text);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(e(' \n , ')).toMatchInlineSnapshot(
      `"list-empty: Enter at least one network, e.g. 10.0.0.0/24, one per line"`,
    );
    expect(e('10.0.0.0/24\n10.0.0.0/33')).toMatchInlineSnapshot(
      `"prefix-out-of-range: Entry 2: Prefix length 33 is out of range in '10.0.0.0/33'; IPv4 prefixes are 0–32"`,
    );
    expect(e('10.0.0.5 - 10.0.0.1')).toMatchInlineSnapshot(
      `"range-reversed: Entry 1: The range starts at 10.0.0.5, after its end 10.0.0.1; swap the two addresses"`,
    );
    expect(e('1'.repeat(1_000_001))).toMatch(/^too-long/);
  });
});
