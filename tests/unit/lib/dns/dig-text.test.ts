import { describe, expect, test } from 'vitest';
import {
  decodeMessage,
  encodeMessage,
  formatDig,
  formatRecord,
  MAX_DIG_CHARS,
  MAX_DIG_MESSAGES,
  type Message,
  parseDigText,
} from '../../../../src/lib/dns/index.ts';

/** dig 9.18.49's output for `dig @127.54.9.1 +qr example.com MX` against Knot 3.2 serving the built-in example.com. */
const QR_MX = `
; <<>> DiG 9.18.49-1~deb12u3-Debian <<>> @127.54.9.1 +qr example.com MX
; (1 server found)
;; global options: +cmd
;; Sending:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 14364
;; flags: rd ad; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
; COOKIE: c03dabb3139f6fc0
;; QUESTION SECTION:
;example.com.			IN	MX

;; QUERY SIZE: 52

;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 14364
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 2
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 1232
;; QUESTION SECTION:
;example.com.			IN	MX

;; ANSWER SECTION:
example.com.		3600	IN	MX	10 mail.example.com.

;; ADDITIONAL SECTION:
mail.example.com.	3600	IN	A	192.0.2.25

;; Query time: 0 msec
;; SERVER: 127.54.9.1#53(127.54.9.1) (UDP)
;; WHEN: Thu Nov 26 17:02:15 UTC 2026
;; MSG SIZE  rcvd: 77
`;

/** An NXDOMAIN with the SOA, no EDNS, CRLF line ends, a header flag set of a recursive resolver. */
const NXDOMAIN = [
  ';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 7',
  ';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0',
  '',
  ';; QUESTION SECTION:',
  ';nope.example.org.		IN	A',
  '',
  ';; AUTHORITY SECTION:',
  'example.org.		5	IN	SOA	ns1.example.net. hostmaster.example.org. 2026112601 3600 900 604800 5',
].join('\r\n');

const parse = (text: string) => {
  const r = parseDigText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parseDigText', () => {
  test('dig +qr: the query (with its COOKIE) and the reply, with footer facts', () => {
    const [sent, reply] = parse(QR_MX);
    expect(sent?.direction).toBe('sent');
    expect(sent?.size).toBe(52);
    expect(sent?.message.flags).toMatchObject({ qr: false, rd: true, ad: true });
    expect(sent?.message.edns?.options.map((o) => [o.code, o.data.length])).toEqual([[10, 8]]);
    expect(reply?.direction).toBe('received');
    expect([reply?.server, reply?.queryTimeMs, reply?.size, reply?.line]).toEqual([
      '127.54.9.1#53(127.54.9.1) (UDP)',
      0,
      77,
      18,
    ]);
    const m = reply?.message as Message;
    expect(m.answers.map(formatRecord)).toEqual(['example.com.\t3600\tIN\tMX\t10 mail.example.com.']);
    expect(m.additionals.map((r) => r.type)).toEqual([1, 41]);
    // Re-encoded with compression it is as long as the bytes dig received.
    const bytes = encodeMessage(m);
    expect(bytes.ok && bytes.value.length).toBe(77);
  });

  test('an NXDOMAIN without EDNS, CRLF line ends: round-trips through the encoder and decoder', () => {
    const [only] = parse(NXDOMAIN);
    const m = only?.message as Message;
    expect([m.rcode, m.flags.ra, m.edns, m.authorities.length]).toEqual([3, true, undefined, 1]);
    const bytes = encodeMessage(m);
    if (!bytes.ok) throw new Error(bytes.error.message);
    const back = decodeMessage(bytes.value);
    expect(back.ok && formatDig(back.value)).toBe(formatDig(m));
  });

  test('what formatDig prints, parseDigText reads back (every record kind of the site, RFC 3597 data, BADVERS)', () => {
    const text = `;; ->>HEADER<<- opcode: QUERY, status: BADVERS, id: 65535
;; flags: qr aa tc rd ra ad cd; QUERY: 1, ANSWER: 6, AUTHORITY: 0, ADDITIONAL: 1

;; OPT PSEUDOSECTION:
; EDNS: version: 1, flags: do; MBZ: 0x0005, udp: 4096
; NSID: 6e 73 31 ("ns1")
; OPT=65001: 0102
; CLIENT-SUBNET: 192.0.2.0/24/0
;; QUESTION SECTION:
;www.example.com.		IN	HTTPS

;; ANSWER SECTION:
www.example.com.	300	IN	HTTPS	1 . alpn="h2,h3" port=8443
www.example.com.	300	IN	TXT	"a;b" "c\\"d"
www.example.com.	300	IN	CAA	0 issue "ca.example"
www.example.com.	300	IN	SRV	10 60 5060 sip.example.com.
www.example.com.	300	IN	TYPE65534	\\# 3 0A0B0C
www.example.com.	300	CH	TYPE65000	\\# 0`;
    const [only] = parse(text);
    const m = only?.message as Message;
    expect(m.rcode).toBe(16);
    expect(m.flags.rcode).toBe(0);
    expect(m.edns).toMatchObject({ version: 1, dnssecOk: true, flags: 5, udpPayloadSize: 4096, extendedRcode: 1 });
    expect(m.edns?.options.map((o) => [o.code, Array.from(o.data)])).toEqual([
      [3, [0x6e, 0x73, 0x31]],
      [65001, [1, 2]],
    ]);
    expect(m.answers.map(formatRecord)).toEqual([
      'www.example.com.\t300\tIN\tHTTPS\t1 . alpn="h2,h3" port=8443',
      'www.example.com.\t300\tIN\tTXT\t"a;b" "c\\"d"',
      'www.example.com.\t300\tIN\tCAA\t0 issue "ca.example"',
      'www.example.com.\t300\tIN\tSRV\t10 60 5060 sip.example.com.',
      'www.example.com.\t300\tIN\tTYPE65534\t\\# 3 0A0B0C',
      'www.example.com.\t300\tCH\tTYPE65000\t\\# 0',
    ]);
    expect(m.flags).toMatchObject({ qr: true, aa: true, tc: true, rd: true, ra: true, ad: true, cd: true });
  });

  test.each([
    ['', 'no-header', 1, 1, "no ';; ->>HEADER<<-' line"],
    ['192.0.2.10', 'outside-message', 1, 1, "'192.0.2.10' comes before any ';; ->>HEADER<<-' line"],
    [';; ->>HEADER<<- opcode: QUERY, status: WHAT, id: 1', 'bad-header', 1, 1, 'is not dig’s header line'],
    [';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 99999', 'bad-header', 1, 1, 'header line'],
    [';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1', 'bad-flags', 1, 1, 'is not followed by dig'],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr zz; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0`,
      'bad-flags',
      2,
      1,
      "'zz' in",
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 1`,
      'bad-flags',
      2,
      1,
      'is not dig’s flags line',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0`,
      'count-mismatch',
      2,
      1,
      "no ';; QUESTION SECTION:'",
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 0\n;; ANSWER SECTION:\nx. 1 IN A 192.0.2.1`,
      'count-mismatch',
      2,
      1,
      'ANSWER: 2, but 1 record was found',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232`,
      'count-mismatch',
      2,
      1,
      'the OPT pseudo-record included',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags: xx; udp: 1232`,
      'bad-edns',
      4,
      1,
      "is not dig's EDNS line",
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n;; QUESTION SECTION:\n;x..		IN	A`,
      'bad-question',
      4,
      1,
      'the name is not a domain name',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n;; QUESTION SECTION:\n;x.		XX	A`,
      'bad-question',
      4,
      1,
      "'XX' is not a class",
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n;; QUESTION SECTION:\n;x.		IN	NOPE`,
      'bad-question',
      4,
      1,
      "'NOPE' is not a record type",
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n;; QUESTION SECTION:\n;x.		IN	A extra`,
      'bad-question',
      4,
      1,
      'there is text after the type',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n;; ANSWER SECTION:\n  x. 1 IN A 192.0.2.256`,
      'bad-record',
      4,
      13,
      "'192.0.2.256' is not an IPv4 address, in 'x. 1 IN A 192.0.2.256'.",
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n;; ANSWER SECTION:\nx. 1 IN TYPE9 \\# 2 0A`,
      'bad-record',
      4,
      1,
      'RFC 3597 data',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\n;; ANSWER SECTION:\nx. IN A 192.0.2.1`,
      'bad-record',
      4,
      1,
      'is not one record as dig prints it',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\nx. 1 IN A 192.0.2.1`,
      'outside-message',
      3,
      1,
      'is a record outside an answer',
    ],
    [
      `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n;; ANSWER SECTION:\n;; ANSWER SECTION:`,
      'bad-header',
      4,
      1,
      'is not a section dig prints once',
    ],
  ])('%j → %s at %i:%i', (text, code, line, column, says) => {
    const r = parseDigText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.error.line, r.error.column]).toEqual([code, line, column]);
    expect(r.error.message).toContain(says.replace('’', "'"));
    expect(r.error.message).toMatch(/^Line \d+, column \d+: /);
  });

  test('bounds: characters, lines and messages', () => {
    const big = parseDigText(' '.repeat(MAX_DIG_CHARS + 1));
    expect(big.ok || big.error.code).toBe('too-large');
    const lines = parseDigText('\n'.repeat(20_001));
    expect(lines.ok || [lines.error.code, lines.error.line]).toEqual(['too-large', 20_001]);
    const one = `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n`;
    expect(parse(one.repeat(MAX_DIG_MESSAGES))).toHaveLength(MAX_DIG_MESSAGES);
    const many = parseDigText(one.repeat(MAX_DIG_MESSAGES + 1));
    expect(many.ok || [many.error.code, many.error.line]).toEqual(['too-large', 2 * MAX_DIG_MESSAGES + 1]);
  });

  test('never throws on mangled dig output (seeded line and character mutations)', () => {
    let a = 7;
    const rnd = (n: number) => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return a % n;
    };
    const alphabet = ';:.\\#"() \t\n0123456789abcdefABCDEFINSOXQRY->';
    for (let i = 0; i < 2000; i++) {
      const chars = QR_MX.split('');
      for (let k = 0; k < 1 + rnd(6); k++) chars[rnd(chars.length)] = alphabet[rnd(alphabet.length)] as string;
      const r = parseDigText(chars.join(''));
      expect(typeof r.ok).toBe('boolean');
    }
  });
});
