import { describe, expect, test } from 'vitest';
import { formatAddress } from '../../../../src/lib/ip/address.ts';
import { addressClassOf, binaryView, networkDetails } from '../../../../src/lib/ip/details.ts';
import { parseNetwork } from '../../../../src/lib/ip/network.ts';

const details = (text: string) => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return networkDetails(r.value.network);
};
const f = (a: Parameters<typeof formatAddress>[0] | undefined) => (a === undefined ? undefined : formatAddress(a));

describe('networkDetails edge prefixes', () => {
  test.each([
    // cidr, network, broadcast, first, last, numAddresses, usable
    ['0.0.0.0/0', '0.0.0.0', '255.255.255.255', '0.0.0.1', '255.255.255.254', 2n ** 32n, 2n ** 32n - 2n],
    ['10.0.0.0/8', '10.0.0.0', '10.255.255.255', '10.0.0.1', '10.255.255.254', 16777216n, 16777214n],
    ['192.168.1.0/24', '192.168.1.0', '192.168.1.255', '192.168.1.1', '192.168.1.254', 256n, 254n],
    ['192.168.1.0/30', '192.168.1.0', '192.168.1.3', '192.168.1.1', '192.168.1.2', 4n, 2n],
    ['192.168.1.0/31', '192.168.1.0', undefined, '192.168.1.0', '192.168.1.1', 2n, 2n],
    ['192.168.1.9/32', '192.168.1.9', undefined, '192.168.1.9', '192.168.1.9', 1n, 1n],
    [
      '2001:db8::/64',
      '2001:db8::',
      undefined,
      '2001:db8::1',
      '2001:db8::ffff:ffff:ffff:ffff',
      2n ** 64n,
      2n ** 64n - 1n,
    ],
    ['2001:db8::/127', '2001:db8::', undefined, '2001:db8::', '2001:db8::1', 2n, 2n],
    ['2001:db8::5/128', '2001:db8::5', undefined, '2001:db8::5', '2001:db8::5', 1n, 1n],
    ['::/0', '::', undefined, '::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 2n ** 128n, 2n ** 128n - 1n],
  ])('%s', (cidr, network, broadcast, first, last, num, usable) => {
    const d = details(cidr);
    expect(f(d.networkAddress)).toBe(network);
    expect(f(d.broadcastAddress)).toBe(broadcast);
    expect(f(d.firstUsable)).toBe(first);
    expect(f(d.lastUsable)).toBe(last);
    expect(d.numAddresses).toBe(num);
    expect(d.usableHosts).toBe(usable);
  });

  test('hosts notes explain each special case', () => {
    expect(details('10.0.0.0/31').hostsNote).toContain('RFC 3021');
    expect(details('10.0.0.0/32').hostsNote).toContain('single address');
    expect(details('10.0.0.0/24').hostsNote).toContain('broadcast');
    expect(details('2001:db8::/127').hostsNote).toContain('RFC 6164');
    expect(details('2001:db8::/128').hostsNote).toContain('single address');
    expect(details('2001:db8::/64').hostsNote).toContain('Subnet-Router anycast');
  });
});

describe('representations', () => {
  test('binary with the boundary marked, hex, integer, masks', () => {
    const d = details('192.168.1.0/26');
    expect(d.binary.marked).toBe('11000000.10101000.00000001.00|000000');
    expect(d.binary.networkBits).toHaveLength(26);
    expect(d.binary.hostBits).toBe('000000');
    expect(d.hex).toBe('0xc0a80100');
    expect(d.integer).toBe(3232235776n);
    expect(f(d.netmask)).toBe('255.255.255.192');
    expect(f(d.hostmask)).toBe('0.0.0.63');
    expect(d.cidr).toBe('192.168.1.0/26');
  });

  test('boundary marks at the edges and on group boundaries', () => {
    expect(binaryView(details('0.0.0.0/0').network).marked).toBe('|00000000.00000000.00000000.00000000');
    expect(binaryView(details('1.2.3.4/32').network).marked).toBe('00000001.00000010.00000011.00000100|');
    expect(binaryView(details('10.0.0.0/8').network).marked).toBe('00001010.|00000000.00000000.00000000');
    expect(details('2001:db8::/32').binary.marked.startsWith('0010000000000001:0000110110111000:|')).toBe(true);
    expect(details('2001:db8::/32').hex).toBe('0x20010db8000000000000000000000000');
  });

  test.each([
    [0x00000000, 'A'],
    [0x7fffffff, 'A'],
    [0x80000000, 'B'],
    [0xbfffffff, 'B'],
    [0xc0000000, 'C'],
    [0xdfffffff, 'C'],
    [0xe0000000, 'D'],
    [0xefffffff, 'D'],
    [0xf0000000, 'E'],
    [0xffffffff, 'E'],
  ] as const)('class of %i is %s', (value, cls) => {
    expect(addressClassOf(value)).toBe(cls);
  });

  test('addressClass only for IPv4', () => {
    expect(details('10.0.0.0/8').addressClass).toBe('A');
    expect(details('2001:db8::/32').addressClass).toBeUndefined();
  });
});

describe('classification and reachability', () => {
  test.each([
    ['10.1.2.0/24', 'Private-Use', 'not-global'],
    ['172.16.0.0/12', 'Private-Use', 'not-global'],
    ['100.64.0.0/10', 'Shared Address Space', 'not-global'],
    ['127.0.0.1/32', 'Loopback', 'not-global'],
    ['169.254.1.1/32', 'Link Local', 'not-global'],
    ['192.0.2.0/24', 'Documentation (TEST-NET-1)', 'not-global'],
    ['198.51.100.7/32', 'Documentation (TEST-NET-2)', 'not-global'],
    ['203.0.113.0/25', 'Documentation (TEST-NET-3)', 'not-global'],
    ['198.18.0.0/15', 'Benchmarking', 'not-global'],
    ['224.0.0.1/32', 'Multicast', 'not-global'],
    ['240.0.0.0/4', 'Reserved', 'not-global'],
    ['255.255.255.255/32', 'Limited Broadcast', 'not-global'],
    ['0.1.2.3/32', '"This network"', 'not-global'],
    ['192.0.0.0/29', 'IPv4 Service Continuity Prefix (DS-Lite)', 'not-global'],
    ['192.0.0.9/32', 'Port Control Protocol Anycast', 'global'],
    ['192.0.0.0/24', 'IETF Protocol Assignments', 'partly-global'],
    ['192.31.196.1/32', 'AS112-v4', 'global'],
    ['8.8.8.8/32', 'Global unicast', 'global'],
    ['10.0.0.0/7', 'Contains special-purpose ranges', 'partly-global'],
    ['8.0.0.0/7', 'Global unicast', 'global'],
    ['0.0.0.0/0', 'Contains special-purpose ranges', 'partly-global'],
    ['2001:db8::/32', 'Documentation', 'not-global'],
    ['3fff::/20', 'Documentation', 'not-global'],
    ['2001:2::/48', 'Benchmarking', 'not-global'],
    ['fd00::/8', 'Unique-Local', 'not-global'],
    ['fe80::/64', 'Link-Local Unicast', 'not-global'],
    ['ff02::1/128', 'Multicast', 'not-global'],
    ['2002::/16', '6to4', 'not-global'],
    ['2001::/32', 'TEREDO', 'not-global'],
    ['::ffff:0:0/96', 'IPv4-mapped Address', 'not-global'],
    ['64:ff9b::/96', 'IPv4-IPv6 Translat.', 'global'],
    ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', 'not-global'],
    ['100::/64', 'Discard-Only Address Block', 'not-global'],
    ['100:0:0:1::/64', 'Dummy IPv6 Prefix', 'not-global'],
    ['192.175.48.0/24', 'Direct Delegation AS112 Service', 'global'],
    ['2001:20::/28', 'ORCHIDv2', 'global'],
    ['2001:4:112::/48', 'AS112-v6', 'global'],
    ['2001::/23', 'IETF Protocol Assignments', 'partly-global'],
    ['2606:4700::/32', 'Global unicast', 'global'],
    ['::1/128', 'Loopback Address', 'not-global'],
    ['::/128', 'Unspecified Address', 'not-global'],
    ['400::/6', 'Reserved by IETF', 'global'],
    ['fec0::/10', 'Not global unicast (outside 2000::/3)', 'global'],
  ] as const)('%s: %s, %s', (cidr, label, reach) => {
    const d = details(cidr);
    expect(d.classification).toBe(label);
    expect(d.reachability).toBe(reach);
  });

  test('a network overlapping several ranges reports each of them', () => {
    const d = details('192.0.0.0/24');
    expect(d.special.map((m) => `${m.range.cidr} ${m.relation}`)).toEqual([
      '192.0.0.0/24 equal',
      '192.0.0.0/29 contains',
      '192.0.0.8/32 contains',
      '192.0.0.9/32 contains',
      '192.0.0.10/32 contains',
      '192.0.0.170/32 contains',
      '192.0.0.171/32 contains',
    ]);
    expect(details('192.0.0.9/32').special.map((m) => `${m.range.cidr} ${m.relation}`)).toEqual([
      '192.0.0.9/32 equal',
      '192.0.0.0/24 inside',
    ]);
  });

  test('flags', () => {
    expect(details('10.0.0.0/8').flags).toEqual({
      isPrivate: true,
      isGlobal: false,
      isReserved: false,
      isLoopback: false,
      isLinkLocal: false,
      isMulticast: false,
      isUnspecified: false,
    });
    expect(details('100.64.0.1/32').flags).toMatchObject({ isPrivate: false, isGlobal: false });
    expect(details('224.0.0.1/32').flags).toMatchObject({ isPrivate: false, isGlobal: false, isMulticast: true });
    expect(details('127.0.0.0/8').flags.isLoopback).toBe(true);
    expect(details('::1/128').flags.isLoopback).toBe(true);
    expect(details('::/127').flags.isLoopback).toBe(false);
    expect(details('fe80::/10').flags.isLinkLocal).toBe(true);
    expect(details('169.254.0.0/16').flags.isLinkLocal).toBe(true);
    expect(details('0.0.0.0/32').flags.isUnspecified).toBe(true);
    expect(details('0.0.0.0/31').flags.isUnspecified).toBe(false);
    expect(details('240.0.0.0/4').flags.isReserved).toBe(true);
    expect(details('::/6').flags.isReserved).toBe(true);
    expect(details('::/1').flags.isReserved).toBe(false);
    expect(details('8.8.8.8/32').flags).toMatchObject({ isPrivate: false, isGlobal: true });
  });
});

describe.each([
  { cidr: '0.0.0.0/0', broadcast: true, usable: 2n ** 32n - 2n, zones: 1n },
  { cidr: '10.0.0.0/31', broadcast: false, usable: 2n, zones: 1n },
  { cidr: '10.0.0.1/32', broadcast: false, usable: 1n, zones: 1n },
  { cidr: '2001:db8::/127', broadcast: false, usable: 2n, zones: 2n },
  { cidr: '2001:db8::1/128', broadcast: false, usable: 1n, zones: 1n },
  { cidr: '::/0', broadcast: false, usable: 2n ** 128n - 1n, zones: 1n },
])('edge prefix $cidr', ({ cidr, broadcast, usable, zones }) => {
  const d = details(cidr);
  test('broadcast only where RFC 919/3021 give one', () => {
    expect(d.broadcastAddress !== undefined).toBe(broadcast);
  });
  test('usable host count', () => {
    expect(d.usableHosts).toBe(usable);
  });
  test('reverse zones', () => {
    expect(d.reverseDns.zoneCount).toBe(zones);
  });
});
