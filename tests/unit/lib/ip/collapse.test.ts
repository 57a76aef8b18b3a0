import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bigIntToAddress, parseAddress } from '../../../../src/lib/ip/address.ts';
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

describe('intervalToNetworks against the plain bigint definition', () => {
  /** The blocks as first written: bit lengths read from binary text, every step in bigints (slow, obviously right). */
  const reference = (version: 4 | 6, first: bigint, last: bigint): string[] => {
    const bits = version === 4 ? 32 : 128;
    const out: string[] = [];
    let cursor = first;
    while (cursor <= last) {
      const alignment = cursor === 0n ? bits : (cursor & -cursor).toString(2).length - 1;
      const span = (last - cursor + 1n).toString(2).length - 1;
      const size = Math.min(alignment, span, bits);
      out.push(formatNetwork({ version, networkAddress: bigIntToAddress(version, cursor), prefixLength: bits - size }));
      cursor += 1n << BigInt(size);
    }
    return out;
  };
  // Values near the edges the fast paths care about: 0, 2^31 (int32 sign), 2^32, 2^53 (exact doubles), the top.
  const near = (bits: number, edges: readonly bigint[]) =>
    fc.oneof(
      fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }),
      fc.tuple(fc.constantFrom(...edges), fc.bigInt({ min: -70n, max: 70n })).map(([edge, d]) => {
        const v = edge + d;
        const top = (1n << BigInt(bits)) - 1n;
        return v < 0n ? 0n : v > top ? top : v;
      }),
    );
  const v4 = near(32, [0n, 1n << 31n, 1n << 32n]);
  const v6 = near(128, [0n, 1n << 32n, 1n << 53n, 1n << 64n, 1n << 127n, 1n << 128n]);

  test.each([
    ['IPv4 (doubles)', 4, v4, 2000],
    ['IPv6 (bit lengths without binary text)', 6, v6, 1000],
  ] as const)('%s gives the same blocks', (_, version, values, numRuns) => {
    fc.assert(
      fc.property(values, values, (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        expect(fmt(intervalToNetworks(version, a, b))).toEqual(reference(version, a, b));
      }),
      { numRuns },
    );
  });

  test.each([
    [4, 0n, 0xffffffffn, ['0.0.0.0/0']],
    [4, 0x7fffffffn, 0x80000000n, ['127.255.255.255/32', '128.0.0.0/32']],
    [4, 0x80000000n, 0xffffffffn, ['128.0.0.0/1']],
    [6, 0xffffffffn, 0x100000000n, ['::ffff:ffff/128', '::1:0:0/128']],
    [6, 1n << 53n, (1n << 54n) - 1n, ['::20:0:0:0/75']],
  ] as const)('IPv%i %s – %s', (version, first, last, expected) => {
    expect(fmt(intervalToNetworks(version, first, last))).toEqual(expected);
  });
});
