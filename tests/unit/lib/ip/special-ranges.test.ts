import { describe, expect, test } from 'vitest';
import { parseNetwork } from '../../../../src/lib/ip/network.ts';
import {
  classifyNetwork,
  isReservedNetwork,
  reachabilityOf,
  SPECIAL_RANGES,
} from '../../../../src/lib/ip/special-ranges.ts';
import { SPECIAL_CATEGORIES } from '../../../../src/lib/ip/types.ts';

const net = (text: string) => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.network;
};

describe('SPECIAL_RANGES table', () => {
  test('every row parses as an exact network and has an RFC', () => {
    for (const row of SPECIAL_RANGES) {
      const r = parseNetwork(row.cidr);
      expect(r.ok && !r.value.hostBitsSet, row.cidr).toBe(true);
      expect(row.rfc).toMatch(/^RFC \d+/);
      expect(SPECIAL_CATEGORIES).toContain(row.category);
      expect(row.version).toBe(row.cidr.includes(':') ? 6 : 4);
    }
  });

  test('covers the ranges the calculator promises', () => {
    const cidrs = SPECIAL_RANGES.map((r) => r.cidr);
    for (const c of [
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      '100.64.0.0/10',
      '127.0.0.0/8',
      '169.254.0.0/16',
      '192.0.2.0/24',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '198.18.0.0/15',
      '224.0.0.0/4',
      '240.0.0.0/4',
      '255.255.255.255/32',
      '0.0.0.0/8',
      '192.0.0.0/29',
      '192.0.0.0/24',
      '192.31.196.0/24',
      '::1/128',
      '::/128',
      'fe80::/10',
      'fc00::/7',
      '2001:db8::/32',
      '3fff::/20',
      '2001:2::/48',
      'ff00::/8',
      '2002::/16',
      '2001::/32',
      '::ffff:0:0/96',
      '64:ff9b::/96',
      '64:ff9b:1::/48',
      '100::/64',
      '2001:20::/28',
      '2001:4:112::/48',
    ]) {
      expect(cidrs).toContain(c);
    }
  });

  test('registry flags for a few well-known rows', () => {
    const row = (cidr: string) => SPECIAL_RANGES.find((r) => r.cidr === cidr);
    expect(row('10.0.0.0/8')).toMatchObject({
      source: true,
      destination: true,
      forwardable: true,
      globallyReachable: false,
      reservedByProtocol: false,
    });
    expect(row('127.0.0.0/8')).toMatchObject({ forwardable: false, reservedByProtocol: true });
    expect(row('2002::/16')).toMatchObject({ globallyReachable: 'n/a' });
    expect(row('ff00::/8')).toMatchObject({ registry: 'iana-multicast' });
  });
});

describe('classifyNetwork and reachabilityOf', () => {
  test('nested rows, most specific first', () => {
    expect(classifyNetwork(net('2001:1::1/128')).map((m) => `${m.range.cidr} ${m.relation}`)).toEqual([
      '2001:1::1/128 equal',
      '2001::/23 inside',
    ]);
    expect(classifyNetwork(net('8.8.8.8/32'))).toEqual([]);
  });

  test.each([
    ['8.8.8.8/32', 'global'],
    ['10.0.0.0/8', 'not-global'],
    ['10.0.0.0/7', 'partly-global'],
    ['192.0.0.0/24', 'partly-global'],
    ['192.0.0.8/30', 'partly-global'],
    ['192.0.0.9/32', 'global'],
    ['192.0.0.170/31', 'not-global'],
    ['192.88.99.0/24', 'not-global'],
    ['2001::/23', 'partly-global'],
    ['2001:1::/120', 'partly-global'],
    ['::/0', 'partly-global'],
    ['2001:4860::/32', 'global'],
  ] as const)('%s is %s', (cidr, reach) => {
    expect(reachabilityOf(net(cidr))).toBe(reach);
  });

  test('reserved blocks are merged when adjacent', () => {
    expect(isReservedNetwork(net('::/3'))).toBe(true);
    expect(isReservedNetwork(net('::/2'))).toBe(false);
    expect(isReservedNetwork(net('e000::/4'))).toBe(true);
    expect(isReservedNetwork(net('fe00::/9'))).toBe(true);
    expect(isReservedNetwork(net('fe80::/10'))).toBe(false);
    expect(isReservedNetwork(net('240.0.0.0/4'))).toBe(true);
  });
});
