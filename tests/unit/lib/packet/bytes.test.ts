import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import {
  formatIpv6,
  formatMac,
  incrementalChecksum,
  internetChecksum,
  onesSum,
  parseHex,
  parseIpv4,
  parseIpv6,
  parseMac,
  toHex,
  u8,
  u16,
  u32,
} from '../../../../src/lib/packet/index.ts';

describe('parseHex', () => {
  it('accepts spaced, colon and 0x forms', () => {
    const r = parseHex('0xff 00:01-0A\n\tbc');
    expect(r.ok && toHex(r.value)).toBe('ff00010abc');
  });
  it.each([
    ['', 'empty', 0],
    ['   ', 'empty', 0],
    ['abc', 'odd-hex', 3],
    ['ab zz', 'bad-hex', 3],
  ])('rejects %j with %s at %i', (text, code, offset) => {
    const r = parseHex(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.offset]).toEqual([code, offset]);
  });
  it('quotes the bad character and its position', () => {
    const r = parseHex('00 11 g2');
    expect(!r.ok && r.error.message).toMatchInlineSnapshot(`"'g' at position 6 is not a hex digit in '00 11 g2'"`);
  });
  it('limits the size', () => {
    expect(parseHex('00'.repeat(11), 10)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(parseHex('0'.repeat(200), 10)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});

describe('addresses', () => {
  it('parses MAC and IPv4 and rejects junk', () => {
    expect(parseMac('02:00:5E-10:00:01').ok).toBe(true);
    expect(parseMac('02:00:5e:10:00').ok).toBe(false);
    expect(parseIpv4('192.0.2.1').ok).toBe(true);
    for (const bad of ['1.2.3', '256.1.1.1', '01.1.1.1', 'a.b.c.d']) expect(parseIpv4(bad).ok).toBe(false);
  });
  it.each(['::', '::1', '2001:db8::1', '1:2:3:4:5:6:7:8', 'fe80::1:0:0:1', '1::'])('IPv6 %s round-trips', (a) => {
    const r = parseIpv6(a);
    expect(r.ok && formatIpv6(r.value, 0)).toBe(a);
  });
  it.each(['1:::2', '1::2::3', '1:2:3:4:5:6:7', '12345::', 'g::', '1:2:3:4:5:6:7:8:9', '1:2:3:4::5:6:7:8'])(
    'rejects IPv6 %s',
    (a) => {
      expect(parseIpv6(a).ok).toBe(false);
    },
  );
  it('formats IPv6 as RFC 5952 (ipaddr.js as the oracle)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 0, max: 8 }),
        (b, from, zeros) => {
          b.fill(0, 2 * from, Math.min(16, 2 * (from + zeros)));
          const ours = formatIpv6(b, 0);
          const oracle = ipaddr.fromByteArray([...b]) as ipaddr.IPv6;
          if (oracle.isIPv4MappedAddress()) expect(ours).toBe(`::ffff:${oracle.toIPv4Address().toString()}`);
          else expect(ours).toBe(oracle.toRFC5952String());
          if (!oracle.isIPv4MappedAddress()) {
            const back = parseIpv6(ours);
            expect(back.ok && toHex(back.value)).toBe(toHex(b));
          }
        },
      ),
    );
  });
});

describe('Internet checksum', () => {
  it('matches RFC 1071 §3 example', () => {
    const b = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(onesSum(b, 0, 8)).toBe(0xddf2);
    expect(internetChecksum(b, 0, 8)).toBe(0x220d);
  });
  it('pads an odd length with a zero byte', () => {
    expect(onesSum(Uint8Array.from([1, 2, 3]), 0, 3)).toBe(0x0402);
  });
  it('RFC 1624 incremental update equals recomputation', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 2, maxLength: 64 }),
        fc.nat(),
        fc.integer({ min: 0, max: 0xffff }),
        (data, pick, word) => {
          const b = Uint8Array.from(data.length % 2 ? [...data, 0] : data);
          const at = 2 * (pick % (b.length / 2));
          const before = internetChecksum(b, 0, b.length);
          const old = ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
          b[at] = word >>> 8;
          b[at + 1] = word & 0xff;
          const full = internetChecksum(b, 0, b.length);
          const inc = incrementalChecksum(before, old, word);
          // ±0: 0x0000 and 0xffff are the same ones'-complement number; only an all-zero message tells them apart.
          expect(inc === full || (inc ^ full) === 0xffff).toBe(true);
        },
      ),
    );
  });
});

describe('bounded reads', () => {
  it('read zeros past the end instead of undefined', () => {
    const b = Uint8Array.from([1, 2, 3]);
    expect([u8(b, 5), u16(b, 2), u32(b, 1), u32(b, 9)]).toEqual([0, 0x0300, 0x02030000, 0]);
    expect(toHex(b, 0, 10, ':')).toBe('01:02:03');
    expect(formatMac(b, 0)).toBe('01:02:03:00:00:00');
  });
});
