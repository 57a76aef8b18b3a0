import { describe, expect, test } from 'vitest';
import { parseAddress } from '../../../../src/lib/ip/address.ts';
import { parseNetwork } from '../../../../src/lib/ip/network.ts';
import { reverseDns, reversePointer } from '../../../../src/lib/ip/reverse-dns.ts';

const rev = (text: string) => {
  const r = parseNetwork(text);
  if (!r.ok) throw new Error(r.error.message);
  return reverseDns(r.value.network);
};

describe('reversePointer', () => {
  test.each([
    ['192.0.2.1', '1.2.0.192.in-addr.arpa'],
    ['2001:db8::1', '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa'],
  ])('%s', (text, ptr) => {
    const a = parseAddress(text);
    if (!a.ok) throw new Error('bad');
    expect(reversePointer(a.value)).toBe(ptr);
  });
});

describe('reverseDns zones', () => {
  test.each([
    ['10.0.0.0/8', ['10.in-addr.arpa'], false],
    ['192.168.1.0/24', ['1.168.192.in-addr.arpa'], false],
    ['0.0.0.0/0', ['in-addr.arpa'], false],
    ['192.0.2.5/32', ['5.2.0.192.in-addr.arpa'], false],
    ['192.168.0.0/23', ['0.168.192.in-addr.arpa', '1.168.192.in-addr.arpa'], true],
    ['192.0.2.64/26', ['2.0.192.in-addr.arpa'], true],
    ['2001:db8::/32', ['8.b.d.0.1.0.0.2.ip6.arpa'], false],
    ['::/0', ['ip6.arpa'], false],
    [
      '2001:db8::/30',
      ['8.b.d.0.1.0.0.2.ip6.arpa', '9.b.d.0.1.0.0.2.ip6.arpa', 'a.b.d.0.1.0.0.2.ip6.arpa', 'b.b.d.0.1.0.0.2.ip6.arpa'],
      true,
    ],
  ])('%s', (cidr, zones, classless) => {
    const r = rev(cidr);
    expect(r.zones).toEqual(zones);
    expect(r.classless).toBe(classless);
  });

  test('RFC 2317 note for IPv4 longer than /24', () => {
    expect(rev('192.0.2.64/26').note).toMatchInlineSnapshot(
      `"/26 is not on an octet boundary, so its PTR records live in 2.0.192.in-addr.arpa; to hand them to someone else, use RFC 2317 classless delegation (e.g. a child zone 64/26.2.0.192.in-addr.arpa with a CNAME per address)."`,
    );
    expect(rev('10.0.0.0/9').note).toMatchInlineSnapshot(
      `"/9 is not on an octet boundary, so it spans 128 reverse zones at /16."`,
    );
    expect(rev('2001:db8::/33').note).toMatchInlineSnapshot(
      `"/33 is not on a nibble boundary, so it spans 8 reverse zones at /36."`,
    );
  });

  test('wide spans list at most 256 zones but count them all', () => {
    const r = rev('0.0.0.0/1');
    expect(r.zoneCount).toBe(128n);
    expect(r.zones).toHaveLength(128);
    const r6 = rev('2001:db8::/33');
    expect(r6.zoneCount).toBe(8n);
  });
});
