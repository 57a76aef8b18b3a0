import { describe, expect, test } from 'vitest';
import { ipv6Text, parseIpv4, parseIpv6 } from '../../../../src/lib/dns/index.ts';

describe('parseIpv4 / parseIpv6', () => {
  test.each(['192.0.2.1', '0.0.0.0', '255.255.255.255'])('accepts %s', (a) => {
    expect(Array.from(parseIpv4(a) ?? []).join('.')).toBe(a);
  });
  test.each(['192.0.2.01', '256.0.0.1', '1.2.3', '1.2.3.4.5', ' 1.2.3.4'])('refuses %j', (a) => {
    expect(parseIpv4(a)).toBeUndefined();
  });
  test.each([
    ['::', '::'],
    ['2001:DB8::1', '2001:db8::1'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('accepts %s', (a, canonical) => {
    const octets = parseIpv6(a);
    expect(octets === undefined ? undefined : ipv6Text(octets, 0)).toBe(canonical);
  });
  test.each([
    '1::2::3',
    '::ffff:192.0.2.256',
    '12345::1',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4::5:6:7:8',
    'g::1',
    `${'1:'.repeat(22)}1`,
  ])('refuses %j', (a) => {
    expect(parseIpv6(a)).toBeUndefined();
  });
});
