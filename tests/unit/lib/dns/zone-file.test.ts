import { describe, expect, test } from 'vitest';
import { formatRecord, parseZoneFile } from '../../../../src/lib/dns/index.ts';

describe('parseZoneFile', () => {
  test('$ORIGIN, $TTL, @, relative names, blank owner, TTL/class in either order, parentheses, comments', () => {
    const text = `$TTL 300
@   IN  SOA ns1 hostmaster ( 1 7200 900 ; refresh, retry
        1209600 60 )
    NS  ns1
ns1 60 IN A 192.0.2.1
www IN 120 AAAA 2001:db8::1
$ORIGIN sub.example.com.
x   TXT "a b" "c\\"d" \\# ; comment
`;
    const r = parseZoneFile(text, 'example.com');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map(formatRecord)).toEqual([
      'example.com.\t300\tIN\tSOA\tns1.example.com. hostmaster.example.com. 1 7200 900 1209600 60',
      'example.com.\t300\tIN\tNS\tns1.example.com.',
      'ns1.example.com.\t60\tIN\tA\t192.0.2.1',
      'www.example.com.\t120\tIN\tAAAA\t2001:db8::1',
      'x.sub.example.com.\t300\tIN\tTXT\t"a b" "c\\"d" "#"',
    ]);
  });

  test('HTTPS with alpn, port, ipv4hint and an unknown key; CAA; SRV; MX', () => {
    const r = parseZoneFile(
      `www HTTPS 1 . alpn="h2,h3" port=8443 ipv4hint=192.0.2.1,192.0.2.2 key667=hi
@ CAA 128 issue "ca.example"
_sip._tcp SRV 10 60 5060 sip
@ MX 10 mail.example.net.`,
      'example.com.',
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map(formatRecord)).toEqual([
      'www.example.com.\t3600\tIN\tHTTPS\t1 . alpn="h2,h3" port=8443 ipv4hint=192.0.2.1,192.0.2.2 key667="hi"',
      'example.com.\t3600\tIN\tCAA\t128 issue "ca.example"',
      '_sip._tcp.example.com.\t3600\tIN\tSRV\t10 60 5060 sip.example.com.',
      'example.com.\t3600\tIN\tMX\t10 mail.example.net.',
    ]);
  });

  test.each([
    ['www A 192.0.2.256', 'bad-rdata', 1, 7],
    ['www AAAA 192.0.2.1', 'bad-rdata', 1, 10],
    ['www FOO 1', 'unknown-type', 1, 5],
    ['  A 192.0.2.1', 'no-owner', 1, 3],
    ['www A', 'missing-rdata', 1, 5],
    ['www A 192.0.2.1 extra', 'extra-rdata', 1, 17],
    ['www.example.net. A 192.0.2.1', 'outside-zone', 1, 1],
    [`${'a'.repeat(64)} A 192.0.2.1`, 'bad-name', 1, 1],
    ['x TXT "open', 'unterminated-string', 1, 7],
    ['x SOA ( a b 1 2 3 4 5', 'unbalanced-parentheses', 1, 1],
    ['x ) A 192.0.2.1', 'unbalanced-parentheses', 1, 3],
    ['$TTL 1h', 'bad-ttl', 1, 6],
    ['$INCLUDE other', 'bad-directive', 1, 1],
    ['x CNAME y\nx A 192.0.2.1', 'cname-conflict', 2, 1],
    ['x MX 70000 mail', 'bad-rdata', 1, 6],
  ])('%j → %s at line %i, column %i', (text, code, line, column) => {
    const r = parseZoneFile(text, 'example.com.');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.error.line, r.error.column]).toEqual([code, line, column]);
    expect(r.error.message).toMatch(/^Line \d+, column \d+: /);
  });

  test('error text quotes the input', () => {
    const r = parseZoneFile('www A 192.0.2.256', 'example.com.');
    expect(r.ok || r.error.message).toMatchInlineSnapshot(`"Line 1, column 7: '192.0.2.256' is not an IPv4 address."`);
  });

  test('oversized input is refused up front', () => {
    const r = parseZoneFile('x'.repeat(200_001), 'example.com.');
    expect(r.ok || r.error.code).toBe('too-large');
  });

  test('never throws on arbitrary text (seeded)', () => {
    let a = 42;
    const rnd = () => {
      a = (a * 1103515245 + 12345) >>> 0;
      return a / 4294967296;
    };
    const alphabet = 'abc .@$();"\\\n\t0123456789AINSOXTCH=,:';
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = Math.floor(rnd() * 80);
      for (let j = 0; j < n; j++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = parseZoneFile(text, 'example.com.');
      expect(typeof r.ok).toBe('boolean');
    }
  });
});
