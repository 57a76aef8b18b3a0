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

describe('parseZoneFile: every refusal names its line and column and quotes the text', () => {
  test.each([
    ['x HTTPS 1 . alpn="h2', 'unterminated-string', 1, 13, 'a quoted SvcParam value is not closed'],
    ['x TXT "\\256"', 'bad-rdata', 1, 7, "escape '\\256' is over 255"],
    ['x TXT "é€"', 'bad-rdata', 1, 7, "'€' is not a single octet"],
    [`x TXT "${'a'.repeat(256)}"`, 'bad-rdata', 1, 7, 'a character string of 256 octets is over 255'],
    ['x.. A 192.0.2.1', 'bad-name', 1, 1, "'x..' is not a valid domain name"],
    ['x SRV 1 2', 'missing-rdata', 1, 9, 'SRV needs 4 fields of data, found 2'],
    ['x HTTPS 1 . foo=1', 'bad-rdata', 1, 13, "'foo' is not an SvcParamKey"],
    ['x HTTPS 1 . mandatory=alpn,bogus', 'bad-rdata', 1, 13, "mandatory lists 'bogus'"],
    ['x HTTPS 1 . alpn=a,,b', 'bad-rdata', 1, 13, "ALPN id '' must be 1–255 octets"],
    ['x HTTPS 1 . port=99999', 'bad-rdata', 1, 13, "port '99999' is not a whole number from 0 to 65535"],
    ['x HTTPS 1 . ipv4hint=1.2.3', 'bad-rdata', 1, 13, "'1.2.3' is not an IPv4 address"],
    ['x HTTPS 1 . ipv6hint=::g', 'bad-rdata', 1, 13, "'::g' is not an IPv6 address"],
    ['x TXT', 'missing-rdata', 1, 3, 'TXT needs at least one character string'],
    ['x HTTPS 1', 'missing-rdata', 1, 3, 'HTTPS needs a priority and a target name'],
    ['x NULL 1', 'unknown-type', 1, 3, "'NULL' is not a record type this parser knows"],
    ['x OPT 1', 'unknown-type', 1, 3, "'OPT' is not a record type"],
    ['x A 192.0.2.1\n $TTL 5 7', 'bad-directive', 2, 2, "'$TTL 5 7' is not '$ORIGIN <name>' or '$TTL <seconds>'"],
    ['$ORIGIN', 'bad-directive', 1, 1, "'$ORIGIN' is not"],
    ['$TTL 99999999999', 'bad-ttl', 1, 6, "$TTL '99999999999' is not a number of seconds"],
    ['x 99999999999 A 192.0.2.1', 'bad-ttl', 1, 3, "TTL '99999999999' is over 2147483647 seconds"],
    ['x IN', 'missing-rdata', 1, 1, "no record type after 'x IN'"],
    ['x 60 IN 70 A 192.0.2.1', 'unknown-type', 1, 9, "'70' is not a record type"],
    ['x A 192.0.2.1\nx CNAME y', 'cname-conflict', 2, 1, "'x.example.com.' has a CNAME and other data"],
    ['$origin other.\nx A 192.0.2.1', 'outside-zone', 2, 1, "'x.other.' is outside the zone 'example.com.'"],
  ])('%j → %s at %i:%i', (text, code, line, column, says) => {
    const r = parseZoneFile(text, 'example.com.');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.error.line, r.error.column]).toEqual([code, line, column]);
    expect(r.error.message).toContain(says);
  });

  test('a zone name that is not a name, and more than 5,000 records, are refused', () => {
    const bad = parseZoneFile('x A 192.0.2.1', '..');
    expect(bad.ok || bad.error.message).toBe("Line 1, column 1: the zone name '..' is not a valid domain name.");
    const many = Array.from({ length: 5001 }, (_, i) => `h${i} A 192.0.2.1`).join('\n');
    const r = parseZoneFile(many, 'example.com.');
    expect(r.ok || [r.error.code, r.error.line]).toEqual(['too-large', 5001]);
  });

  test('accepted edges: the root zone, CRLF and tab-indented owners, escapes outside quotes, every SvcParam form', () => {
    const root = parseZoneFile('x A 192.0.2.1', '.');
    expect(root.ok && root.value.map(formatRecord)).toEqual(['x.\t3600\tIN\tA\t192.0.2.1']);
    const crlf = parseZoneFile('x A 192.0.2.1\r\n\tAAAA ::1', 'example.com.');
    expect(crlf.ok && crlf.value.map((r) => r.name)).toEqual(['x.example.com.', 'x.example.com.']);
    const txt = parseZoneFile('x TXT a\\"b "c\\\\d"', 'example.com.');
    expect(txt.ok && txt.value.map(formatRecord)).toEqual(['x.example.com.\t3600\tIN\tTXT\t"a\\"b" "c\\\\d"']);
    const svc = parseZoneFile(
      'x HTTPS 1 . mandatory=alpn,port alpn=h2 port=1 ipv6hint=2001:db8::1 ech="AAA\\065" no-default-alpn',
      'example.com.',
    );
    expect(svc.ok && svc.value.map(formatRecord)).toEqual([
      'x.example.com.\t3600\tIN\tHTTPS\t1 . mandatory=alpn,port alpn="h2" no-default-alpn port=1 ech=QUFBQQ== ipv6hint=2001:db8::1',
    ]);
  });
});
