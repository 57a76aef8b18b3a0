import { describe, expect, test } from 'vitest';
import { decodeAnnotated, decodeMessage, encodeQuery, formatDig, type Message } from '../../../../src/lib/dns/index.ts';

const h = (text: string) => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));
/** A response header: id 0x1234, QR RD RA, then the four counts. */
const header = (qd: number, an: number, ns = 0, ar = 0) =>
  `1234 8180 ${[qd, an, ns, ar].map((n) => n.toString(16).padStart(4, '0')).join(' ')}`;
const EXAMPLE = '07 6578616d706c65 03 636f6d 00';

function error(hex: string) {
  const r = decodeMessage(h(hex));
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('decodeMessage on valid input', () => {
  test('a compressed A answer', () => {
    const r = decodeMessage(h(`${header(1, 1)} ${EXAMPLE} 0001 0001  c00c 0001 0001 0000012c 0004 5db8d822`));
    expect(r.ok && r.value.answers[0]).toEqual({
      name: 'example.com.',
      type: 1,
      class: 1,
      ttl: 300,
      data: { kind: 'A', address: '93.184.216.34' },
    });
  });

  test('names escape dots, backslashes, quotes and non-printables the way dig does', () => {
    const r = decodeMessage(h(`${header(1, 0)} 06 612e625c223c 01 00 00 0001 0001`));
    expect(r.ok && r.value.questions[0]?.name).toBe('a\\.b\\\\\\"<.\\000.');
  });

  test('EDNS: payload size, DO bit, extended RCODE (BADVERS = 16)', () => {
    const r = decodeMessage(h(`1234 8180 0000 0000 0000 0001 00 0029 04d0 01 00 8000 0000`));
    expect(r.ok && r.value.edns).toEqual({
      udpPayloadSize: 1232,
      extendedRcode: 1,
      version: 0,
      dnssecOk: true,
      flags: 0,
      options: [],
    });
    expect(r.ok && r.value.rcode).toBe(16);
  });

  test('HTTPS record with alpn, port and an unknown key prints like dig', () => {
    const r = decodeMessage(
      h(`${header(0, 1)} 00 0041 0001 0000012c 0019  0001 00  0001 0006 026832 026833  0003 0002 01bb  029b 0002 4142`),
    );
    expect(r.ok && formatDig(r.value)).toContain('.\t300\tIN\tHTTPS\t1 . alpn="h2,h3" port=443 key667="AB"');
  });

  test('annotations cover every octet of a query once, in order', () => {
    const q = encodeQuery({ id: 7, name: 'www.example.com', type: 28 });
    if (!q.ok) throw new Error(q.error.message);
    const a = decodeAnnotated(q.value);
    expect(a.ok).toBe(true);
    let next = 0;
    for (const f of a.fields.filter((f) => !f.field.endsWith('.rdata'))) {
      expect(f.offset).toBe(next);
      next = f.offset + f.length;
    }
    expect(next).toBe(q.value.length);
    expect(a.fields.map((f) => f.label)).toEqual([
      'ID',
      'Flags',
      'QDCOUNT',
      'ANCOUNT',
      'NSCOUNT',
      'ARCOUNT',
      'QNAME',
      'QTYPE',
      'QCLASS',
      'NAME',
      'TYPE',
      'UDP payload size',
      'Extended RCODE',
      'EDNS version',
      'EDNS flags',
      'RDLENGTH',
    ]);
  });
});

describe('decodeMessage on hostile input: a typed error naming the offset, never a throw', () => {
  test.each([
    ['empty input', '', 'truncated', 0],
    ['short header', '1234 81', 'truncated', 0],
    ['counts that lie', `${header(2, 0)} ${EXAMPLE} 0001 0001`, 'count-exceeds-data', 29],
    ['pointer to itself', `${header(1, 0)} c00c 0001 0001`, 'pointer-loop', 12],
    ['two pointers in a loop', `${header(1, 0)} 01 61 c00c 0001 0001`, 'pointer-loop', 14],
    ['forward pointer', `${header(1, 0)} c020 0001 0001`, 'forward-pointer', 12],
    ['label length 64 (0x40 type)', `${header(1, 0)} 40 ${'61'.repeat(64)} 00 0001 0001`, 'label-too-long', 12],
    ['label length 0x80 type', `${header(1, 0)} 80 00 0001 0001`, 'label-too-long', 12],
    ['label runs past the end', `${header(1, 0)} 05 6162`, 'truncated', 12],
    [
      'name over 255 octets',
      `${header(1, 0)} ${`3f ${'61'.repeat(63)} `.repeat(4)} 00 0001 0001`,
      'name-too-long',
      204,
    ],
    ['RDLENGTH past the end', `${header(0, 1)} 00 0001 0001 00000000 0010 01020304`, 'truncated', 21],
    ['A with 5 octets', `${header(0, 1)} 00 0001 0001 00000000 0005 0102030405`, 'rdata-length', 23],
    ['CNAME spilling out of its RDATA', `${header(0, 1)} 00 0005 0001 00000000 0002 0361 6263 00`, 'truncated', 23],
    ['OPT not owned by the root', `${header(0, 0, 0, 1)} 01 61 00 0029 04d0 00000000 0000`, 'bad-opt', 15],
    ['two OPT records', `${header(0, 0, 0, 2)} 00 0029 04d0 00000000 0000 00 0029 04d0 00000000 0000`, 'bad-opt', 23],
    ['OPT in the answer section', `${header(0, 1)} 00 0029 04d0 00000000 0000`, 'bad-opt', 13],
    [
      'EDNS option longer than its record',
      `${header(0, 0, 0, 1)} 00 0029 04d0 00000000 0006 000a 0008 0102`,
      'bad-opt',
      23,
    ],
  ])('%s', (_name, hex, code, offset) => {
    const e = error(hex);
    expect(e.code).toBe(code);
    expect(e.offset).toBe(offset);
    expect(e.message).toMatch(/offset|octets/);
  });

  test('messages over 65,535 octets are refused before parsing', () => {
    const r = decodeMessage(new Uint8Array(70_000));
    expect(r.ok || r.error.code).toBe('too-large');
  });

  test('error text quotes the offset and the rule', () => {
    expect(error(`${header(1, 0)} c020 0001 0001`).message).toMatchInlineSnapshot(
      `"The compression pointer at offset 12 points forward to offset 32; pointers must point to an earlier name (RFC 1035 §4.1.4)."`,
    );
    expect(error(`${header(2, 0)} ${EXAMPLE} 0001 0001`).message).toMatchInlineSnapshot(
      `"The header promises 2 question records but the message ends at offset 29 after 1."`,
    );
  });

  test('an annotated decode of a broken message keeps the fields decoded so far', () => {
    const a = decodeAnnotated(h(`${header(1, 1)} ${EXAMPLE} 0001 0001 c00c 0001`));
    expect(a.ok).toBe(false);
    expect(a.fields.map((f) => f.label)).toEqual([
      'ID',
      'Flags',
      'QDCOUNT',
      'ANCOUNT',
      'NSCOUNT',
      'ARCOUNT',
      'QNAME',
      'QTYPE',
      'QCLASS',
      'NAME',
    ]);
  });
});

describe('formatDig', () => {
  test('TXT with markup and control characters stays one escaped line', () => {
    const m: Message = {
      id: 1,
      flags: {
        qr: true,
        opcode: 0,
        aa: true,
        tc: false,
        rd: false,
        ra: false,
        z: false,
        ad: false,
        cd: false,
        rcode: 3,
      },
      rcode: 3,
      questions: [{ name: 'x.example.', type: 16, class: 1 }],
      answers: [
        {
          name: 'x.example.',
          type: 16,
          class: 1,
          ttl: 5,
          data: { kind: 'TXT', strings: ['<script>alert(1)</script>\n"\u00ff'] },
        },
      ],
      authorities: [],
      additionals: [],
    };
    const text = formatDig(m);
    expect(text).toContain('status: NXDOMAIN');
    expect(text).toContain('"<script>alert(1)</script>\\010\\"\\255"');
  });
});
