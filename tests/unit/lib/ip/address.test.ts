import { describe, expect, test } from 'vitest';
import {
  addressToBigInt,
  bigIntToAddress,
  compareAddresses,
  formatAddress,
  formatMask,
  ipv4,
  ipv6,
  isIpv4MappedAddress,
  maxPrefix,
  parseAddress,
} from '../../../../src/lib/ip/address.ts';

const parsed = (text: string) => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const errorOf = (text: string) => {
  const r = parseAddress(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.error;
};

describe('IPv4 parsing', () => {
  test.each([
    ['0.0.0.0', 0],
    ['255.255.255.255', 2 ** 32 - 1],
    ['192.0.2.1', 0xc0000201],
    ['10.0.0.1', 0x0a000001],
    ['  10.0.0.1  ', 0x0a000001],
    ['128.0.0.0', 2 ** 31],
  ])('%s → %i', (text, value) => {
    expect(parsed(text)).toEqual(ipv4(value));
    expect(parsed(text)).toMatchObject({ version: 4, value });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['1.2.3', 'ipv4-octet-count'],
    ['1.2.3.4.5', 'ipv4-octet-count'],
    ['1..2.3', 'ipv4-empty-octet'],
    ['1.2.3.', 'ipv4-empty-octet'],
    ['256.0.0.1', 'ipv4-octet-out-of-range'],
    ['1.2.3.1000', 'ipv4-octet-out-of-range'],
    ['010.0.0.1', 'ipv4-leading-zero'],
    ['1.2.3.00', 'ipv4-leading-zero'],
    ['0x1.2.3.4', 'unexpected-character'],
    ['1.2.3.4%eth0', 'unexpected-character'],
    ['10.0.0.0/8', 'unexpected-character'],
    ['-1.2.3.4', 'unexpected-character'],
    ['١.2.3.4', 'unexpected-character'],
  ] as const)('%j is rejected with %s', (text, code) => {
    expect(errorOf(text).code).toBe(code);
  });

  test('error messages quote the input and say what to do', () => {
    expect(errorOf('010.0.0.1').message).toMatchInlineSnapshot(
      `"'010.0.0.1' has a leading zero in octet '010' — some tools read it as octal (8), others as decimal (10), so it is rejected; write '10' without the leading zero"`,
    );
    expect(errorOf('09.0.0.1').message).toMatchInlineSnapshot(
      `"'09.0.0.1' has a leading zero in octet '09' — some tools reject it as invalid octal, others read it as decimal (9), so it is rejected; write '9' without the leading zero"`,
    );
    expect(errorOf('10.0.256.1').message).toMatchInlineSnapshot(`"Octet 256 is out of range (0–255) in '10.0.256.1'"`);
    expect(errorOf('1.2.3').message).toMatchInlineSnapshot(
      `"'1.2.3' has 3 parts; an IPv4 address has exactly 4 octets separated by dots, e.g. 192.0.2.1"`,
    );
    expect(errorOf('1..2.3').message).toMatchInlineSnapshot(
      `"'1..2.3' has an empty octet; write four numbers 0–255 separated by single dots"`,
    );
    expect(errorOf('1.2.x.4').message).toMatchInlineSnapshot(
      `"'1.2.x.4' contains 'x', which cannot appear in an IPv4 address; write four numbers 0–255 separated by dots, e.g. 192.0.2.1"`,
    );
    expect(errorOf('').message).toMatchInlineSnapshot(`"Enter an IP address, e.g. 192.0.2.1 or 2001:db8::1"`);
    expect(errorOf('10.0.0.0/8').message).toMatchInlineSnapshot(
      `"'10.0.0.0/8' contains '/', which belongs to a network (address/prefix); enter a single address here"`,
    );
    expect(errorOf('1.2.3.4%eth0').message).toMatchInlineSnapshot(
      `"'1.2.3.4%eth0' contains '%': zone IDs only apply to IPv6 addresses such as fe80::1%eth0; remove it"`,
    );
    expect(errorOf('1'.repeat(200_000)).message).toMatchInlineSnapshot(
      `"The input is 200000 characters long; an IP address is at most 45, so shorten it"`,
    );
  });
});

describe('IPv6 parsing (RFC 4291 §2.2 forms)', () => {
  test.each([
    ['::', 0n],
    ['::1', 1n],
    ['1::', 1n << 112n],
    ['2001:db8::1', 0x20010db8000000000000000000000001n],
    ['2001:DB8:0:0:8:800:200C:417A', 0x20010db80000000000080800200c417an],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', 0x20010db8000000000000000000000001n],
    ['0:0:0:0:0:0:0:0', 0n],
    ['1:2:3:4:5:6:7::', 0x0001000200030004000500060007_0000n],
    ['::2:3:4:5:6:7:8', 0x0000000200030004000500060007_0008n],
    ['::ffff:192.0.2.1', 0xffffc0000201n],
    ['::FFFF:192.0.2.1', 0xffffc0000201n],
    ['::192.0.2.1', 0xc0000201n],
    ['64:ff9b::192.0.2.33', 0x0064ff9b0000000000000000c0000221n],
    ['1:2:3:4:5:6:1.2.3.4', 0x00010002000300040005000601020304n],
  ])('%s', (text, value) => {
    expect(parsed(text)).toEqual(ipv6(value));
    expect(parsed(text).value).toBe(value);
  });

  test('zone IDs are kept in a separate field', () => {
    expect(parsed('fe80::1%eth0')).toEqual(ipv6(0xfe800000000000000000000000000001n, 'eth0'));
    expect(parsed('fe80::1%eth0')).toMatchObject({
      version: 6,
      value: 0xfe800000000000000000000000000001n,
      zoneId: 'eth0',
    });
    expect(parsed('fe80::1%25')).toMatchObject({ zoneId: '25' });
    expect(formatAddress(parsed('FE80::0001%eth0'))).toBe('fe80::1%eth0');
  });

  test.each([
    ['1::2::3', 'ipv6-multiple-double-colon'],
    [':::', 'ipv6-multiple-double-colon'],
    ['1:2:3:4:5:6:7:8:9', 'ipv6-group-count'],
    ['1:2:3:4:5:6:7', 'ipv6-group-count'],
    ['1:2:3:4:5:6:7:8::', 'ipv6-group-count'],
    ['12345::', 'ipv6-group-too-long'],
    [':1:2:3:4:5:6:7:8', 'ipv6-stray-colon'],
    ['1:2:3:4:5:6:7:8:', 'ipv6-stray-colon'],
    ['1::2:', 'ipv6-stray-colon'],
    ['g::', 'unexpected-character'],
    ['::1 2', 'unexpected-character'],
    ['::1.2.3', 'ipv6-invalid-embedded-ipv4'],
    ['::01.2.3.4', 'ipv6-invalid-embedded-ipv4'],
    ['1.2::3', 'ipv6-invalid-embedded-ipv4'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'ipv6-group-count'],
    ['fe80::1%', 'zone-id-invalid'],
    ['fe80::1%a b', 'zone-id-invalid'],
    ['fe80::1%a%b', 'zone-id-invalid'],
  ] as const)('%j is rejected with %s', (text, code) => {
    expect(errorOf(text).code).toBe(code);
  });

  test('IPv6 error messages', () => {
    expect(errorOf('1::2::3').message).toMatchInlineSnapshot(
      `"'1::2::3' uses '::' more than once; it may appear only once, or the address would be ambiguous"`,
    );
    expect(errorOf('1:2:3').message).toMatchInlineSnapshot(
      `"'1:2:3' has 3 groups; a full IPv6 address has 8 groups of up to 4 hex digits, or use '::' once for a run of zero groups"`,
    );
    expect(errorOf('12345::').message).toMatchInlineSnapshot(
      `"Group '12345' in '12345::' has 5 hex digits; each group has at most 4"`,
    );
    expect(errorOf('fe80::1%').message).toMatchInlineSnapshot(
      `"'fe80::1%' has an empty zone ID after '%'; write an interface name or number, e.g. fe80::1%eth0"`,
    );
    expect(errorOf('::1.2.3').message).toMatchInlineSnapshot(
      `"'::1.2.3' has an invalid embedded IPv4 part '1.2.3': dots may only appear in a final dotted quad such as ::ffff:192.0.2.1 ('1.2.3' has 3 parts; an IPv4 address has exactly 4 octets separated by dots, e.g. 192.0.2.1)"`,
    );
    expect(errorOf('1:2:3:4:5:6:7:8::').message).toMatchInlineSnapshot(
      `"'1:2:3:4:5:6:7:8::' has 8 groups plus '::'; '::' must stand for at least one zero group, so drop it or remove a group"`,
    );
    expect(errorOf('::\u0000').message).toMatchInlineSnapshot(
      `"'::\\u0000' contains '\\u0000', which cannot appear in an IPv6 address; use hex digits 0–9 a–f, ':' and '::'"`,
    );
  });
});

describe('RFC 5952 canonical output', () => {
  test.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:db8:0:0:0::1', '2001:db8::1'],
    ['2001:DB8::ABCD', '2001:db8::abcd'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::c000:201', '::c000:201'],
  ])('%s → %s', (text, canonical) => {
    expect(formatAddress(parsed(text))).toBe(canonical);
  });

  test('exploded form', () => {
    expect(formatAddress(parsed('2001:db8::1'), 'exploded')).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
    expect(formatAddress(parsed('::'), 'exploded')).toBe('0000:0000:0000:0000:0000:0000:0000:0000');
    expect(formatAddress(parsed('10.0.0.1'), 'exploded')).toBe('10.0.0.1');
  });
});

describe('helpers', () => {
  test('bigint conversions and ordering', () => {
    expect(addressToBigInt(parsed('255.255.255.255'))).toBe(4294967295n);
    expect(bigIntToAddress(4, 4294967295n)).toEqual(ipv4(4294967295));
    expect(bigIntToAddress(4, 4294967295n)).toMatchObject({ version: 4, value: 4294967295 });
    expect(bigIntToAddress(6, 1n)).toEqual(ipv6(1n));
    expect(bigIntToAddress(6, 1n)).toMatchObject({ version: 6, value: 1n });
    expect(compareAddresses(parsed('10.0.0.1'), parsed('10.0.0.2'))).toBe(-1);
    expect(compareAddresses(parsed('10.0.0.2'), parsed('10.0.0.1'))).toBe(1);
    expect(compareAddresses(parsed('::1'), parsed('::1%eth0'))).toBe(0);
    expect(compareAddresses(parsed('255.255.255.255'), parsed('::'))).toBe(-2);
    expect(maxPrefix(4)).toBe(32);
    expect(maxPrefix(6)).toBe(128);
  });

  test('IPv4-mapped detection', () => {
    expect(isIpv4MappedAddress(parsed('::ffff:1.2.3.4'))).toBe(true);
    expect(isIpv4MappedAddress(parsed('::1.2.3.4'))).toBe(false);
    expect(isIpv4MappedAddress(parsed('1.2.3.4'))).toBe(false);
  });

  test('constructors throw on impossible values (bugs, not input)', () => {
    expect(() => ipv4(-1)).toThrow(RangeError);
    expect(() => ipv4(2 ** 32)).toThrow(RangeError);
    expect(() => ipv4(1.5)).toThrow(RangeError);
    expect(() => ipv6(-1n)).toThrow(RangeError);
    expect(() => ipv6(1n << 128n)).toThrow(RangeError);
  });
});

describe('issue 10 #6: mixed notation only for IPv4-mapped addresses, never for masks', () => {
  test('a mask whose top 96 bits look mapped stays in hex', () => {
    expect(formatMask(ipv6(0xffffffffffffn))).toBe('::ffff:ffff:ffff');
    expect(formatAddress(ipv6(0xffffffffffffn))).toBe('::ffff:255.255.255.255');
    expect(formatMask(ipv4(0xffffff00))).toBe('255.255.255.0');
  });

  test("RFC 2765's ::ffff:0:0:0/96 (obsoleted by RFC 6145) is printed in hex, like Python", () => {
    expect(formatAddress(ipv6(0xffff0000c0000201n))).toBe('::ffff:0:c000:201');
  });
});
