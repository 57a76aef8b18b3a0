import { describe, expect, test } from 'vitest';
import { addressToBigInt, bigIntToAddress, formatAddress } from '../../../../src/lib/ip/address.ts';
import {
  formatNetwork,
  hostmaskOf,
  hostRange,
  hosts,
  makeNetwork,
  netmaskOf,
  networkSize,
  parseNetwork,
  prefixFromMask,
  usableRange,
} from '../../../../src/lib/ip/network.ts';
import {
  compareNetworks,
  containsAddress,
  overlaps,
  subnetOf,
  supernet,
  supernetOf,
} from '../../../../src/lib/ip/network-ops.ts';
import type { IpNetwork } from '../../../../src/lib/ip/types.ts';

const parsed = (text: string) => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const net = (text: string): IpNetwork => parsed(text).network;
const errorOf = (text: string) => {
  const r = parseNetwork(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.error;
};

describe('parseNetwork accepts every mask form', () => {
  test.each([
    ['10.0.0.0/8', '10.0.0.0/8', 'prefix'],
    ['10.0.0.0/08', '10.0.0.0/8', 'prefix'],
    ['10.0.0.0 255.255.255.0', '10.0.0.0/24', 'netmask'],
    ['10.0.0.0  24', '10.0.0.0/24', 'prefix'],
    ['10.0.0.0/255.255.255.0', '10.0.0.0/24', 'netmask'],
    ['10.0.0.0 / 24', '10.0.0.0/24', 'prefix'],
    ['10.0.0.0/0.0.0.255', '10.0.0.0/24', 'hostmask'],
    ['10.0.0.0/0.255.255.255', '10.0.0.0/8', 'hostmask'],
    // 0.0.0.0 and 255.255.255.255 are both valid netmasks, so they are read as netmasks (like Python).
    ['10.0.0.0/0.0.0.0', '0.0.0.0/0', 'netmask'],
    ['10.0.0.0/255.255.255.255', '10.0.0.0/32', 'netmask'],
    ['10.0.0.1', '10.0.0.1/32', 'none'],
    ['2001:db8::1', '2001:db8::1/128', 'none'],
    ['2001:db8::/32', '2001:db8::/32', 'prefix'],
    ['0.0.0.0/0', '0.0.0.0/0', 'prefix'],
    ['::/0', '::/0', 'prefix'],
  ])('%j → %s (%s)', (text, cidr, form) => {
    const p = parsed(text);
    expect(formatNetwork(p.network)).toBe(cidr);
    expect(p.maskForm).toBe(form);
  });

  test('a wildcard mask is reported as such', () => {
    expect(parsed('10.0.0.0/0.0.0.255').warnings).toEqual([
      {
        code: 'wildcard-mask',
        message: "'0.0.0.255' is not a netmask, so it was read as a wildcard (inverse) mask: /24",
      },
    ]);
  });

  test('host bits set: network, interface address and a warning — not silently fixed', () => {
    const p = parsed('192.168.1.7/24');
    expect(p.hostBitsSet).toBe(true);
    expect(formatNetwork(p.network)).toBe('192.168.1.0/24');
    expect(formatAddress(p.interfaceAddress)).toBe('192.168.1.7');
    expect(p.warnings).toEqual([
      { code: 'host-bits-set', message: "'192.168.1.7/24' has host bits set — the network is 192.168.1.0/24" },
    ]);
    expect(parsed('192.168.1.0/24').hostBitsSet).toBe(false);
    expect(parsed('2001:db8::1/64').warnings[0]?.message).toMatchInlineSnapshot(
      `"'2001:db8::1/64' has host bits set — the network is 2001:db8::/64"`,
    );
  });

  test('zone IDs stay on the interface address', () => {
    const p = parsed('fe80::1%eth0/64');
    expect(formatNetwork(p.network)).toBe('fe80::/64');
    expect(formatAddress(p.interfaceAddress)).toBe('fe80::1%eth0');
    expect(p.warnings.map((w) => w.code)).toEqual(['host-bits-set', 'zone-id']);
  });

  test.each([
    ['', 'empty'],
    ['10.0.0.0/33', 'prefix-out-of-range'],
    ['10.0.0.0/99999999999999999999', 'prefix-out-of-range'],
    ['::/129', 'prefix-out-of-range'],
    ['10.0.0.0/', 'network-syntax'],
    ['/24', 'network-syntax'],
    ['10.0.0.0/24/24', 'network-syntax'],
    ['10.0.0.0 255.0.0.0 1', 'network-syntax'],
    ['10.0.0.0/24 255.0.0.0', 'network-syntax'],
    ['10.0.0.0/-1', 'prefix-invalid'],
    ['10.0.0.0/+24', 'prefix-invalid'],
    ['10.0.0.0/2a', 'prefix-invalid'],
    ['10.0.0.0/255.0.255.0', 'mask-non-contiguous'],
    ['10.0.0.0/255.255.255.1', 'mask-non-contiguous'],
    ['10.0.0.0/255.256.0.0', 'mask-invalid'],
    ['::/ffff::', 'mask-invalid'],
    ['10.0.256.0/24', 'ipv4-octet-out-of-range'],
    ['010.0.0.0/8', 'ipv4-leading-zero'],
    ['x'.repeat(100_001), 'too-long'],
  ] as const)('%j is rejected with %s', (text, code) => {
    expect(errorOf(text).code).toBe(code);
  });

  test('error messages', () => {
    expect(errorOf('10.0.0.0/33').message).toMatchInlineSnapshot(
      `"Prefix length 33 is out of range in '10.0.0.0/33'; IPv4 prefixes are 0–32"`,
    );
    expect(errorOf('10.0.0.0/255.0.255.0').message).toMatchInlineSnapshot(
      `"The mask '255.0.255.0' in '10.0.0.0/255.0.255.0' is not contiguous; a netmask is ones followed by zeros (e.g. 255.255.255.0 = /24) and a wildcard mask is zeros followed by ones (e.g. 0.0.0.255)"`,
    );
    expect(errorOf('::/ffff::').message).toMatchInlineSnapshot(
      `"'::/ffff::' has 'ffff::' after '/'; IPv6 networks take a prefix length 0–128, e.g. 2001:db8::/32"`,
    );
    expect(errorOf('10.0.0.0/abc').message).toMatchInlineSnapshot(
      `"'10.0.0.0/abc' has 'abc' after '/'; write a prefix length 0–32 (e.g. /24) or a netmask (e.g. 255.255.255.0)"`,
    );
    expect(errorOf('10.0.0.0/24/24').message).toMatchInlineSnapshot(
      `"'10.0.0.0/24/24' has more than one '/'; write address/prefix, e.g. 10.0.0.0/8"`,
    );
    expect(errorOf('10.0.0.0/').message).toMatchInlineSnapshot(
      `"'10.0.0.0/' has nothing after '/'; add a prefix length, e.g. /24"`,
    );
    expect(errorOf('/8').message).toMatchInlineSnapshot(`"'/8' has no address before the mask; write e.g. 10.0.0.0/8"`);
    expect(errorOf('10.0.0.0/255.256.0.0').message).toMatchInlineSnapshot(
      `"The mask in '10.0.0.0/255.256.0.0' is not a valid dotted quad: Octet 256 is out of range (0–255) in '255.256.0.0'"`,
    );
    expect(errorOf('a b c').message).toMatchInlineSnapshot(
      `"'a b c' has 3 space-separated parts; write one network such as 10.0.0.0/8 or 10.0.0.0 255.0.0.0"`,
    );
    expect(errorOf('10.0.0.0/24 255.0.0.0').message).toMatchInlineSnapshot(
      `"'10.0.0.0/24 255.0.0.0' mixes '/' with a space-separated part; write address/prefix (10.0.0.0/8) or address netmask (10.0.0.0 255.0.0.0)"`,
    );
  });
});

describe('masks', () => {
  test.each([
    [4, 0, '0.0.0.0', '255.255.255.255'],
    [4, 1, '128.0.0.0', '127.255.255.255'],
    [4, 24, '255.255.255.0', '0.0.0.255'],
    [4, 31, '255.255.255.254', '0.0.0.1'],
    [4, 32, '255.255.255.255', '0.0.0.0'],
    [6, 0, '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    [6, 64, 'ffff:ffff:ffff:ffff::', '::ffff:ffff:ffff:ffff'],
    [6, 128, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::'],
  ] as const)('IPv%i /%i', (version, prefix, netmask, hostmask) => {
    expect(formatAddress(netmaskOf(version, prefix))).toBe(netmask);
    expect(formatAddress(hostmaskOf(version, prefix))).toBe(hostmask);
    expect(prefixFromMask(netmaskOf(version, prefix))).toEqual({ prefixLength: prefix, form: 'netmask' });
  });

  test('prefixFromMask reads wildcards and rejects non-contiguous masks', () => {
    expect(prefixFromMask({ version: 4, value: 0x000000ff })).toEqual({ prefixLength: 24, form: 'hostmask' });
    expect(prefixFromMask({ version: 4, value: 0xff00ff00 })).toBeUndefined();
  });

  test('makeNetwork masks host bits and checks its arguments', () => {
    expect(formatNetwork(makeNetwork({ version: 4, value: 0xffffffff }, 0))).toBe('0.0.0.0/0');
    expect(formatNetwork(makeNetwork({ version: 4, value: 0xffffffff }, 1))).toBe('128.0.0.0/1');
    expect(() => makeNetwork({ version: 4, value: 1 }, 33)).toThrow(RangeError);
    expect(() => makeNetwork({ version: 6, value: 1n }, -1)).toThrow(RangeError);
  });
});

describe('hosts() and usable range (RFC 3021, RFC 6164, RFC 4291 §2.6.1)', () => {
  const list = (cidr: string) => [...hosts(net(cidr))].map((a) => formatAddress(a));
  test.each([
    ['10.0.0.0/30', ['10.0.0.1', '10.0.0.2']],
    ['10.0.0.0/31', ['10.0.0.0', '10.0.0.1']],
    ['10.0.0.5/32', ['10.0.0.5']],
    ['2001:db8::/126', ['2001:db8::1', '2001:db8::2', '2001:db8::3']],
    ['2001:db8::/127', ['2001:db8::', '2001:db8::1']],
    ['2001:db8::1/128', ['2001:db8::1']],
  ])('%s', (cidr, expected) => {
    expect(list(cidr)).toEqual(expected);
    expect(usableRange(net(cidr)).count).toBe(BigInt(expected.length));
  });

  test.each([
    ['10.0.0.0/24', '10.0.0.1', '10.0.0.254', 254n, '10.0.0.255'],
    ['10.0.0.0/31', '10.0.0.0', '10.0.0.1', 2n, undefined],
    ['10.0.0.0/32', '10.0.0.0', '10.0.0.0', 1n, undefined],
    ['2001:db8::/64', '2001:db8::1', '2001:db8::ffff:ffff:ffff:ffff', 2n ** 64n - 1n, undefined],
  ])('hostRange(%s)', (cidr, first, last, count, broadcast) => {
    const r = hostRange(net(cidr));
    expect([formatAddress(r.firstUsable), formatAddress(r.lastUsable), r.usableHosts]).toEqual([first, last, count]);
    expect(r.broadcastAddress && formatAddress(r.broadcastAddress)).toBe(broadcast);
  });

  test('/0 counts without enumerating', () => {
    expect(usableRange(net('0.0.0.0/0')).count).toBe(2n ** 32n - 2n);
    expect(usableRange(net('::/0')).count).toBe(2n ** 128n - 1n);
    expect(networkSize(net('::/0'))).toBe(2n ** 128n);
    const it = hosts(net('::/0'));
    expect(formatAddress(it.next().value as never)).toBe('::1');
  });
});

describe('relations', () => {
  test.each([
    ['10.0.0.0/24', '10.0.0.0/8', true, false, true],
    ['10.0.0.0/8', '10.0.0.0/24', false, true, true],
    ['10.0.0.0/24', '10.0.0.0/24', true, true, true],
    ['10.0.0.0/24', '10.0.1.0/24', false, false, false],
    ['10.0.0.0/24', '::/0', false, false, false],
    ['2001:db8::/48', '2001:db8::/32', true, false, true],
    ['0.0.0.0/0', '255.255.255.255/32', false, true, true],
  ])('%s vs %s', (a, b, sub, sup, over) => {
    expect(subnetOf(net(a), net(b))).toBe(sub);
    expect(supernetOf(net(a), net(b))).toBe(sup);
    expect(overlaps(net(a), net(b))).toBe(over);
  });

  test('containsAddress', () => {
    expect(containsAddress(net('10.0.0.0/8'), { version: 4, value: 0x0affffff })).toBe(true);
    expect(containsAddress(net('10.0.0.0/8'), { version: 4, value: 0x0b000000 })).toBe(false);
    expect(containsAddress(net('::/0'), { version: 4, value: 0 })).toBe(false);
  });

  // Every prefix length, so every word boundary of the leading-bits count is crossed: the network's first and last
  // addresses, the ones just outside, and the addresses that differ from the network address in exactly one bit,
  // the last bit of the prefix (outside) and the first host bit (inside), checked against first ≤ v ≤ last.
  test.each([4, 6] as const)('containsAddress at every prefix length and bit of IPv%i', (version) => {
    const bits = version === 4 ? 32 : 128;
    const max = (1n << BigInt(bits)) - 1n;
    const pattern = version === 4 ? 0xa5c3_96e1n : 0x2001_0db8_a5c3_96e1_0f1e_2d3c_4b5a_6978n;
    for (let p = 0; p <= bits; p++) {
      const hostMask = (1n << BigInt(bits - p)) - 1n;
      const first = pattern & ~hostMask & max;
      const last = first | hostMask;
      const n = makeNetwork(bigIntToAddress(version, first), p);
      const candidates = [first, last, first - 1n, last + 1n, 0n, max];
      for (let bit = 0; bit < bits; bit++) candidates.push(first ^ (1n << BigInt(bit)));
      for (const v of candidates) {
        if (v < 0n || v > max) continue;
        const a = bigIntToAddress(version, v);
        expect(containsAddress(n, a), `${formatNetwork(n)} ∋ ${formatAddress(a)}`).toBe(v >= first && v <= last);
        expect(addressToBigInt(a)).toBe(v);
      }
    }
  });

  test('compareNetworks sorts like Python', () => {
    const sorted = ['10.0.0.0/24', '10.0.0.0/8', '::/0', '9.0.0.0/8']
      .map(net)
      .sort(compareNetworks)
      .map((n) => formatNetwork(n));
    expect(sorted).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/24', '::/0']);
  });
});

describe('supernet()', () => {
  const sup = (cidr: string, options?: Parameters<typeof supernet>[1]) => {
    const r = supernet(net(cidr), options);
    return r.ok ? formatNetwork(r.value) : r.error.message;
  };
  test('defaults to one bit shorter; newPrefix and prefixLenDiff', () => {
    expect(sup('192.168.1.0/24')).toBe('192.168.0.0/23');
    expect(sup('192.168.1.0/24', { newPrefix: 16 })).toBe('192.168.0.0/16');
    expect(sup('192.168.1.0/24', { prefixLenDiff: 24 })).toBe('0.0.0.0/0');
    expect(sup('2001:db8::/32', { newPrefix: 16 })).toBe('2001::/16');
  });
  test('errors', () => {
    expect(sup('0.0.0.0/0')).toMatchInlineSnapshot(
      `"0.0.0.0/0 is already the whole IPv4 address space; it has no supernet"`,
    );
    expect(sup('10.0.0.0/8', { newPrefix: 9 })).toMatchInlineSnapshot(
      `"A supernet of 10.0.0.0/8 needs a prefix length from 0 to 8, not 9"`,
    );
    expect(sup('10.0.0.0/8', { prefixLenDiff: 9 })).toMatchInlineSnapshot(
      `"A supernet of 10.0.0.0/8 needs a prefix length from 0 to 8, not -1"`,
    );
    expect(sup('10.0.0.0/8', { newPrefix: 1.5 })).toMatchInlineSnapshot(
      `"A supernet of 10.0.0.0/8 needs a prefix length from 0 to 8, not 1.5"`,
    );
    expect(sup('10.0.0.0/8', { newPrefix: 4, prefixLenDiff: 1 })).toMatchInlineSnapshot(
      `"Give either a new prefix or a prefix difference, not both"`,
    );
  });
});

describe('issue 10: one rule for prefix leading zeros, zone IDs named as the problem', () => {
  test.each(['1.2.3.4/24', '1.2.3.4/024', '1.2.3.4/0024', '1.2.3.4/00000024'])(
    '%s reads as /24 (leading zeros ignored, as CPython does) (#7)',
    (text) => {
      expect(formatNetwork(net(text))).toBe('1.2.3.0/24');
    },
  );

  test('an out-of-range prefix with leading zeros says how zeros are read (#7)', () => {
    expect(errorOf('1.2.3.4/0033').message).toMatchInlineSnapshot(
      `"Prefix length 0033 is out of range in '1.2.3.4/0033'; IPv4 prefixes are 0–32 (leading zeros are ignored: /024 and /0024 both mean /24)"`,
    );
    expect(errorOf('::/000129').code).toBe('prefix-out-of-range');
  });

  test('a zone ID with a space is reported as a zone ID problem (#8)', () => {
    const error = errorOf('fe80::1%Ethernet 2/64');
    expect(error.code).toBe('zone-id-invalid');
    expect(error.message).toMatchInlineSnapshot(
      `"The zone ID 'Ethernet 2' in 'fe80::1%Ethernet 2/64' contains a space; a zone ID is one word — use the interface number instead (e.g. fe80::1%12/64; \`netsh interface ipv6 show interface\` lists them on Windows)"`,
    );
    expect(formatAddress(parsed('fe80::1%12/64').interfaceAddress)).toBe('fe80::1%12');
  });
});
