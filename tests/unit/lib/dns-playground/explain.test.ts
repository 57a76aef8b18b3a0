import { describe, expect, it } from 'vitest';
import {
  builtInInternet,
  createResolver,
  formatDig,
  type Hop,
  type Message,
  NO_FLAGS,
  queryMessage,
} from '../../../../src/lib/dns/index.ts';
import { ttlText } from '../../../../src/lib/dns-playground/explain.ts';
import { decodeDigPaste, decodePaste, explainMessage, looksLikeDig } from '../../../../src/lib/dns-playground/index.ts';

const net = builtInInternet();
const hops = (name: string, type: number): readonly Hop[] => createResolver(net).resolve(name, type).hops;
const reply = (h: Hop | undefined): Message => {
  if (h?.response === undefined) throw new Error('no reply');
  return h.response;
};

describe('explainMessage', () => {
  it('a query says whether it asks for recursion, and what EDNS offers', () => {
    const [stub, priming] = hops('www.example.com.', 1);
    expect(explainMessage(stub?.query as Message)).toEqual([
      'A query (QR clear) asking www.example.com. A, ID 4100, with RD: recursion desired, so a resolver should do the whole walk.',
      'EDNS(0) version 0: the sender accepts UDP messages of up to 1,232 octets (RFC 6891).',
    ]);
    expect(explainMessage(priming?.query as Message)[0]).toContain('without RD');
    const plain = queryMessage({ name: 'x.', type: 1, udpPayloadSize: null });
    expect(explainMessage(plain)).toHaveLength(1);
  });

  it('answers, referrals with glue, NXDOMAIN and NODATA with their cache times', () => {
    const walk = hops('www.example.com.', 1);
    expect(explainMessage(reply(walk[2]))).toContain(
      'A referral: the server does not hold the answer and names the servers for com. (a.gtld-servers.net.); a resolver asks one of them next.',
    );
    expect(explainMessage(reply(walk[2]))).toContain(
      'Glue: 1 address record(s) in the additional section save a lookup.',
    );
    expect(explainMessage(reply(walk[4]))).toContain('www.example.com. A: 192.0.2.10 — cacheable for 300 s (5 min).');
    expect(explainMessage(reply(walk[4]))).toContain(
      'AA: an authoritative answer, from a server for the zone itself, not from a cache.',
    );
    expect(explainMessage(reply(walk[0]))).toContain('RA: the server offers recursion (it is a resolver).');
    const nx = hops('nope.example.org.', 1);
    expect(explainMessage(reply(nx[0]))).toContain(
      'A resolver may remember that the name does not exist for min(SOA TTL, MINIMUM) = 5 s (RFC 2308).',
    );
    const nodata = hops('www.example.net.', 28);
    expect(explainMessage(reply(nodata[0]))).toContain(
      'NODATA: the name exists but has no record of this type; a resolver may remember that for 300 s (5 min).',
    );
    const cdn = hops('blog.example.org.', 28);
    expect(explainMessage(reply(cdn[0]))).toContain(
      'blog.example.org. is an alias (CNAME) of cdn.example.com.: the answer continues with that name. Cacheable for 3,600 s (1 hour).',
    );
  });

  it('rare codes and flags: TC, AD, DO, COOKIE, NSID, other options, no SOA, no question', () => {
    const m: Message = {
      id: 9,
      flags: { ...NO_FLAGS, qr: true, tc: true, ad: true, rd: true, rcode: 3 },
      rcode: 3,
      questions: [],
      answers: [],
      authorities: [],
      additionals: [],
      edns: {
        udpPayloadSize: 4096,
        extendedRcode: 0,
        version: 0,
        dnssecOk: true,
        flags: 0,
        options: [
          { code: 10, data: new Uint8Array(8) },
          { code: 3, data: new Uint8Array(2) },
          { code: 65001, data: new Uint8Array(1) },
        ],
      },
    };
    expect(explainMessage(m)).toEqual([
      'A response (QR set) to the question no question, ID 9.',
      'Status NXDOMAIN: the name does not exist.',
      'TC: truncated — the answer did not fit; ask again over TCP.',
      'RD was asked for but RA is clear: this server does not recurse (an authoritative server).',
      'AD: the resolver validated the answer with DNSSEC.',
      'The name does not exist; without an SOA in the authority section a resolver should not cache that.',
      'EDNS(0) version 0: the sender accepts UDP messages of up to 4,096 octets (RFC 6891).',
      'DO: DNSSEC records are wanted (RFC 3225).',
      'A DNS COOKIE of 8 octets, against spoofed replies (RFC 7873).',
      'NSID: the name of the server instance that answered (RFC 5001).',
      'EDNS option 65001, 1 octets.',
    ]);
    const { edns: _edns, ...plain } = m;
    const odd = { ...plain, rcode: 23, flags: { ...m.flags, rcode: 7 } };
    expect(explainMessage(odd)[1]).toBe('Status 23: an extended or rare response code.');
    const nodataNoSoa = { ...plain, rcode: 0, flags: { ...m.flags, rcode: 0 } };
    expect(explainMessage(nodataNoSoa)).toContain('NODATA: the name exists but has no record of this type.');
  });

  it('ttlText: seconds with the everyday unit', () => {
    expect([ttlText(5), ttlText(60), ttlText(3600), ttlText(5400), ttlText(86_400), ttlText(172_800)]).toEqual([
      '5 s',
      '60 s (1 min)',
      '3,600 s (1 hour)',
      '5,400 s (1.5 hours)',
      '86,400 s (1 day)',
      '172,800 s (2 days)',
    ]);
  });
});

describe('the paste box reads dig’s output', () => {
  const r = createResolver(net).resolve('www.example.com.', 1);
  const text = `;; Got answer:\n${formatDig(r.response)}\n\n;; MSG SIZE  rcvd: 60\n`;

  it('recognises dig text by its header line or a leading semicolon', () => {
    expect(looksLikeDig(text)).toBe(true);
    expect(looksLikeDig('  ; <<>> DiG 9.18')).toBe(true);
    expect(looksLikeDig('1234 8180')).toBe(false);
  });

  it('parses, explains, re-encodes and annotates each message', () => {
    const view = decodePaste(text);
    if (view.kind !== 'dig') throw new Error(view.kind);
    const [only] = view.messages;
    expect(only?.notes.at(-1)).toBe('Encoded with name compression it is 60 octets; dig reports 60.');
    expect(only?.bytes.length).toBe(60);
    expect(only?.decoded.ok).toBe(true);
    expect(only?.decoded.fields.some((f) => f.field.startsWith('answers[0]'))).toBe(true);
  });

  it('a message without dig’s size footer; a bad line is a positioned error', () => {
    const view = decodeDigPaste(formatDig(r.response));
    expect(view.kind === 'dig' && view.messages[0]?.notes.at(-1)).toBe(
      'Encoded with name compression it is 60 octets.',
    );
    const bad = decodePaste(text.replace('192.0.2.10', '192.0.2.300'));
    expect(bad.kind === 'dig-error' && bad.error.message).toBe(
      "Line 12, column 27: '192.0.2.300' is not an IPv4 address, in 'www.example.com.\t300\tIN\tA\t192.0.2.300'.",
    );
  });

  it('a message too large to encode says so', () => {
    const answers = Array.from({ length: 4000 }, (_, i) => `a${i}.example.com.\t1\tIN\tTXT\t"${'x'.repeat(30)}"`);
    const big = `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr; QUERY: 0, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 0\n;; ANSWER SECTION:\n${answers.join('\n')}`;
    const view = decodeDigPaste(big);
    expect(view.kind === 'dig' && view.messages[0]?.notes.at(-1)).toMatch(/^It cannot be encoded: /);
  });
});
