import { describe, expect, test } from 'vitest';
import { formatNetwork, parseNetwork } from '../../../../src/lib/ip/network.ts';
import type { IpNetwork } from '../../../../src/lib/ip/types.ts';
import { planVlsm } from '../../../../src/lib/ip/vlsm.ts';

const net = (text: string): IpNetwork => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.network;
};

describe('planVlsm', () => {
  test('largest first, unused as minimal CIDRs, waste', () => {
    const r = planVlsm(net('192.168.0.0/24'), [
      { name: 'Link', hosts: 2 },
      { name: 'Sales', hosts: 50 },
      { name: 'Office', hosts: 100 },
      { name: '', hosts: 10 },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.allocations.map((a) => `${a.name} ${formatNetwork(a.network)} ${a.usableHosts} ${a.waste}`)).toEqual(
      [
        'Office 192.168.0.0/25 126 26',
        'Sales 192.168.0.128/26 62 12',
        'Subnet 4 192.168.0.192/28 14 4',
        'Link 192.168.0.208/30 2 0',
      ],
    );
    expect(r.value.unused.map((n) => formatNetwork(n))).toEqual([
      '192.168.0.212/30',
      '192.168.0.216/29',
      '192.168.0.224/27',
    ]);
    expect(r.value.unusedAddresses).toBe(44n);
    expect(r.value.allocatedAddresses).toBe(212n);
    expect(r.value.wastedHosts).toBe(42n);
  });

  test('ties keep input order; exact fit leaves nothing unused', () => {
    const r = planVlsm(net('10.0.0.0/29'), [
      { name: 'a', hosts: 2 },
      { name: 'b', hosts: 1 },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.allocations.map((a) => `${a.name} ${formatNetwork(a.network)}`)).toEqual([
      'a 10.0.0.0/30',
      'b 10.0.0.4/30',
    ]);
    expect(r.value.unused).toEqual([]);
    expect(r.value.unusedAddresses).toBe(0n);
  });

  test('pointToPoint uses /31 (RFC 3021) and /127 (RFC 6164)', () => {
    const r = planVlsm(net('10.0.0.0/30'), [{ name: 'p2p', hosts: 2 }], { pointToPoint: true });
    expect(r.ok && r.value.allocations.map((a) => formatNetwork(a.network))).toEqual(['10.0.0.0/31']);
    const r6 = planVlsm(
      net('2001:db8::/64'),
      [
        { name: 'lan', hosts: 1000 },
        { name: 'p2p', hosts: 2 },
      ],
      { pointToPoint: true },
    );
    expect(r6.ok && r6.value.allocations.map((a) => formatNetwork(a.network))).toEqual([
      '2001:db8::/118',
      '2001:db8::400/127',
    ]);
  });

  test('IPv6 reserves only the Subnet-Router anycast address', () => {
    const r = planVlsm(net('2001:db8::/120'), [{ name: 'x', hosts: 127 }]);
    expect(r.ok && r.value.allocations.map((a) => `${formatNetwork(a.network)} ${a.usableHosts}`)).toEqual([
      '2001:db8::/121 127',
    ]);
  });

  test('errors', () => {
    const e = (parent: string, reqs: { name: string; hosts: number }[]) => {
      const r = planVlsm(net(parent), reqs);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(e('192.168.0.0/24', [])).toMatchInlineSnapshot(
      `"list-empty: Add at least one subnet with a name and a host count"`,
    );
    expect(e('192.168.0.0/24', [{ name: 'Sales', hosts: 0 }])).toMatchInlineSnapshot(
      `"vlsm-invalid-requirement: Subnet 1 ('Sales') asks for 0 hosts; enter a whole number of at least 1"`,
    );
    expect(e('192.168.0.0/24', [{ name: '', hosts: 1.5 }])).toMatchInlineSnapshot(
      `"vlsm-invalid-requirement: Subnet 1 asks for 1.5 hosts; enter a whole number of at least 1"`,
    );
    expect(
      e('192.168.0.0/24', [
        { name: 'a', hosts: 200 },
        { name: 'b', hosts: 100 },
      ]),
    ).toMatchInlineSnapshot(
      `"vlsm-does-not-fit: The plan needs 384 addresses (2 subnets, each rounded up to a power of two) but 192.168.0.0/24 has 256; use a parent of /23 or shorter, or ask for fewer hosts"`,
    );
    expect(e('0.0.0.0/0', [{ name: 'a', hosts: 2 ** 32 }])).toMatchInlineSnapshot(
      `"vlsm-does-not-fit: The plan needs 8,589,934,592 addresses (1 subnet, each rounded up to a power of two) but 0.0.0.0/0 has 4,294,967,296; ask for fewer hosts"`,
    );
  });
});
