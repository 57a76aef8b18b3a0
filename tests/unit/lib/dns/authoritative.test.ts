import { describe, expect, test } from 'vitest';
import {
  authoritativeAnswer,
  buildInternet,
  builtInInternet,
  closestZone,
  formatRecord,
  type Internet,
  type NameServer,
  parseZoneFile,
  queryMessage,
  typeValue,
} from '../../../../src/lib/dns/index.ts';

const net = builtInInternet();
const server = (name: string): NameServer => {
  const s = net.servers.find((x) => x.name === name);
  if (s === undefined) throw new Error(name);
  return s;
};
const ask = (internet: Internet, ns: NameServer, name: string, type: string, udpPayloadSize?: number | null) => {
  const reply = authoritativeAnswer(
    internet,
    ns,
    queryMessage({ name, type: typeValue(type) ?? 0, ...(udpPayloadSize === undefined ? {} : { udpPayloadSize }) }),
  );
  if (reply === undefined) throw new Error('no reply');
  return reply;
};
const text = (records: readonly Parameters<typeof formatRecord>[0][]) => records.map(formatRecord);

describe('authoritativeAnswer (what Knot 3.2 sends)', () => {
  const ns1 = server('ns1.example.com.');

  test('MX, SRV and NS answers carry the in-zone targets’ addresses in the additional section', () => {
    expect(text(ask(net, ns1, 'example.com.', 'MX').additionals.filter((r) => r.type !== 41))).toEqual([
      'mail.example.com.\t3600\tIN\tA\t192.0.2.25',
    ]);
    expect(text(ask(net, ns1, '_sip._tcp.example.com.', 'SRV').additionals.filter((r) => r.type !== 41))).toEqual([
      'sip.example.com.\t3600\tIN\tA\t192.0.2.30',
    ]);
    expect(ask(net, ns1, 'example.com.', 'NS').additionals.filter((r) => r.type !== 41)).toHaveLength(2);
  });

  test('a wildcard is synthesised under its encloser, not for the encloser or a name beside it', () => {
    const hit = ask(net, ns1, 'a.b.wild.example.com.', 'A');
    expect(text(hit.answers)).toEqual(['a.b.wild.example.com.\t3600\tIN\tA\t192.0.2.99']);
    const encloser = ask(net, ns1, 'wild.example.com.', 'A');
    expect([encloser.rcode, encloser.answers.length, encloser.authorities[0]?.type]).toEqual([0, 0, 6]);
    const beside = ask(net, ns1, 'nothing.example.com.', 'A');
    expect(beside.rcode).toBe(3);
  });

  test('a query without EDNS gets a reply without OPT; a zone the server does not serve is REFUSED', () => {
    const plain = ask(net, ns1, 'www.example.com.', 'A', null);
    expect([plain.edns, plain.additionals]).toEqual([undefined, []]);
    const refused = ask(net, ns1, 'www.example.org.', 'A');
    expect([refused.rcode, refused.flags.aa]).toEqual([5, false]);
    const down = server('ns1.broken.example.com.');
    expect(authoritativeAnswer(net, down, queryMessage({ name: 'www.broken.example.com.', type: 1 }))).toBeUndefined();
  });

  test('a referral carries in-zone glue only (AAAA glue included); an out-of-zone NS has none', () => {
    const edited = buildInternet({
      'com.': `$ORIGIN com.\n$TTL 172800\n@ 900 SOA a.gtld-servers.net. n.example. 1 1 1 1 86400\n@ NS a.gtld-servers.net.\nv6 NS ns.v6.com.\nv6 NS ns.example.net.\nns.v6 AAAA 2001:db8::53\nns.v6 A 192.0.2.53\n`,
    });
    if (!edited.ok) throw new Error(edited.error.message);
    const r = ask(edited.value, server('a.gtld-servers.net.'), 'www.v6.com.', 'A');
    expect(r.flags.aa).toBe(false);
    expect(text(r.authorities)).toEqual([
      'v6.com.\t172800\tIN\tNS\tns.v6.com.',
      'v6.com.\t172800\tIN\tNS\tns.example.net.',
    ]);
    expect(text(r.additionals.filter((x) => x.type !== 41))).toEqual([
      'ns.v6.com.\t172800\tIN\tAAAA\t2001:db8::53',
      'ns.v6.com.\t172800\tIN\tA\t192.0.2.53',
    ]);
  });

  test('a zone with no SOA gives negative answers without an authority section; the deepest served zone wins', () => {
    const records = parseZoneFile('www A 192.0.2.1', 'test.');
    if (!records.ok) throw new Error(records.error.message);
    const ns: NameServer = { name: 'ns.test.', address: '192.0.2.200', zones: ['test.', 'sub.test.'], tier: 'domain' };
    const sub = parseZoneFile('x A 192.0.2.2', 'sub.test.');
    if (!sub.ok) throw new Error(sub.error.message);
    const internet: Internet = {
      zones: [
        { origin: 'test.', text: '', records: records.value },
        { origin: 'sub.test.', text: '', records: sub.value },
      ],
      servers: [ns],
      rootHints: [],
    };
    const r = ask(internet, ns, 'nope.test.', 'A');
    expect([r.rcode, r.authorities]).toEqual([3, []]);
    expect(closestZone(internet, ns, 'x.sub.test.')?.origin).toBe('sub.test.');
    expect(closestZone(internet, ns, 'www.test.')?.origin).toBe('test.');
    expect(closestZone(internet, ns, 'www.example.')).toBeUndefined();
  });

  test('a CNAME leaving the zone ends the answer there; a chain inside the zone is followed', () => {
    const cdn = ask(net, ns1, 'cdn.example.com.', 'A');
    expect(text(cdn.answers)).toEqual(['cdn.example.com.\t600\tIN\tCNAME\texample-com.cdn-provider.net.']);
    const shop = ask(net, ns1, 'shop.example.com.', 'AAAA');
    expect(text(shop.answers)).toEqual([
      'shop.example.com.\t3600\tIN\tCNAME\twww.example.com.',
      'www.example.com.\t300\tIN\tAAAA\t2001:db8::10',
    ]);
    const nodata = ask(net, ns1, 'shop.example.com.', 'CNAME');
    expect(nodata.answers).toHaveLength(1);
  });
});

describe('buildInternet', () => {
  test('maps server addresses (glue included) and reports a broken override with the zone named', () => {
    const mapped = buildInternet({}, (a) => `127.53.0.${a.split('.')[3]}`);
    if (!mapped.ok) throw new Error(mapped.error.message);
    expect(mapped.value.rootHints).toEqual([{ name: 'a.root-servers.net.', address: '127.53.0.4' }]);
    const root = mapped.value.zones.find((z) => z.origin === '.');
    expect(root?.records.find((r) => r.name === 'a.root-servers.net.' && r.type === 1)?.data).toEqual({
      kind: 'A',
      address: '127.53.0.4',
    });
    const broken = buildInternet({ 'example.org.': 'www A 300.0.0.1' });
    expect(broken.ok || broken.error).toEqual({
      code: 'zone',
      zone: 'example.org.',
      message: "Zone example.org.: Line 1, column 7: '300.0.0.1' is not an IPv4 address.",
    });
    expect(builtInInternet()).toBe(builtInInternet());
  });
});
