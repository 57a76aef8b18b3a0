import { describe, expect, it } from 'vitest';
import { ZONE_TEXT } from '../../../../../src/lib/dns/index.ts';
import { DNS_CODEC, parseDnsState, runDns } from '../../../../../src/lib/dns-playground/index.ts';
import {
  DNS_RESOLUTION,
  type DnsProblem,
  dnsProblem,
} from '../../../../../src/lib/practice/families/dns-resolution.ts';
import type { Difficulty, Exercise } from '../../../../../src/lib/practice/types.ts';
import { contractTests, linkResolves, mistakeOf, SEEDS, SWEEP_TIMEOUT_MS, sweep } from './support.ts';

/** Unbound's first timeout for a server that never answers (the resolver README's rule 4). */
const TIMEOUT_MS = 376;

/** A zone file's records, read with a few lines of our own (not the site's zone parser): [owner, ttl, type, data]. */
function records(origin: string): { owner: string; ttl: number; type: string; data: string }[] {
  const text = ZONE_TEXT[origin] ?? '';
  const defaultTtl = Number(/^\$TTL\s+(\d+)/m.exec(text)?.[1] ?? 3600);
  const out: { owner: string; ttl: number; type: string; data: string }[] = [];
  let last = origin;
  for (const line of text.split('\n')) {
    if (line.startsWith('$') || line.trim() === '') continue;
    const blankOwner = /^\s/.test(line);
    const parts = line.trim().split(/\s+/);
    let owner = blankOwner ? last : (parts.shift() ?? '');
    if (!blankOwner)
      owner = owner === '@' ? origin : owner.endsWith('.') ? owner : `${owner}.${origin === '.' ? '' : origin}`;
    last = owner;
    const ttl = /^\d+$/.test(parts[0] ?? '') ? Number(parts.shift()) : defaultTtl;
    const type = parts.shift() ?? '';
    out.push({ owner, ttl, type, data: parts.join(' ') });
  }
  return out;
}

/** Closed form for a lookup whose walk is root → TLD → domain: the servers from the delegations in the zone texts. */
function simpleWalk(name: string): { servers: string[]; domain: string } {
  const labels = name.split('.');
  const tld = `${labels.at(-1)}.`;
  const domain = `${labels.slice(-2).join('.')}.`;
  const tldServer = records('.').find((r) => r.owner === tld && r.type === 'NS')?.data ?? '';
  const domainServer = records(tld).find((r) => r.owner === domain && r.type === 'NS')?.data ?? '';
  return { servers: ['a.root-servers.net', tldServer.replace(/\.$/, ''), domainServer.replace(/\.$/, '')], domain };
}

/** RFC 2308 §5: a negative answer is cached for min(SOA record TTL, SOA MINIMUM). */
function negativeTtlOf(name: string): number {
  const origin = `${name.split('.').slice(1).join('.')}.`;
  const soa = records(origin).find((r) => r.type === 'SOA');
  const minimum = Number(soa?.data.split(/\s+/).at(-1));
  return Math.min(soa?.ttl ?? Number.NaN, minimum);
}

/** Lookups whose answer is a plain RRset one zone below its TLD (the family's SIMPLE list), with QNAME minimisation off. */
const SIMPLE_LOOKUPS = new Set([
  'www.example.com A',
  'www.example.com AAAA',
  'example.com MX',
  'mail.example.com A',
  'www.example.net A',
  'sip.example.com A',
]);

function ms(text: string | undefined): number {
  return Number.parseFloat(text ?? '');
}

describe('dns-resolution', () => {
  contractTests(DNS_RESOLUTION, 100);

  it(`agrees with the playground's run of its link, zone-text closed forms and RFC 2308 over ${SEEDS} seeds`, {
    timeout: SWEEP_TIMEOUT_MS,
  }, () => {
    const kinds = { walk: 0, cache: 0, negative: 0, closedForm: 0 };
    for (const { seed, difficulty, ex } of sweep(DNS_RESOLUTION)) {
      const p = dnsProblem(seed, difficulty);
      const where = JSON.stringify({ seed, difficulty, p, answer: ex.answer });
      kinds[p.question]++;
      const decoded = DNS_CODEC.decode((ex.playground?.href ?? '').split('?')[1] ?? '');
      expect(decoded.notices, where).toEqual([]);
      const input = parseDnsState(decoded.state);
      if (!input.ok) throw new Error(where);
      // The playground's own run (ladder, bytes and all) of the link's state: the family runs the resolver itself.
      const view = runDns(input.value);
      expect(String(view.upstreamQueries), where).toBe(ex.answer['queries']);
      // Time: the stub's round trip plus one server round trip per answered upstream query, the fixed timeout else.
      const timeouts = view.hops.filter((h) => h.responseBytes === undefined).length;
      const time = p.stubRtt + (view.upstreamQueries - timeouts) * p.serverRtt + timeouts * TIMEOUT_MS;
      if (p.question !== 'negative') expect(Math.abs(ms(ex.answer['time']) - time), where).toBeLessThanOrEqual(0.01);
      if (p.question === 'walk') {
        const servers: string[] = [];
        for (const h of view.hops) {
          const name = h.to.replace(/\.$/, '');
          if (h.from === 'Resolver' && !servers.includes(name)) servers.push(name);
        }
        expect(servers.join(', '), where).toBe(ex.answer['servers']);
      }
      const simple = SIMPLE_LOOKUPS.has(`${p.name} ${p.type}`) && !p.qmin;
      if (p.question === 'walk' && simple) {
        // Priming (". NS" to the root), then root → TLD → the domain's server: four queries.
        expect(ex.answer['servers'], where).toBe(simpleWalk(p.name).servers.join(', '));
        expect(ex.answer['queries'], where).toBe('4');
        kinds.closedForm++;
      }
      if (p.question === 'cache' && simple) {
        // Without QNAME minimisation the answer's own TTL (from the zone text) decides; the delegations (≥ 1 day) outlive every wait asked here.
        const fqdn = `${p.name}.`;
        const zone = `${simpleWalk(p.name).domain}`;
        const ttl = records(zone).find((r) => r.owner === fqdn && r.type === p.type)?.ttl ?? Number.NaN;
        const wait = p.cache === 'warm' ? 1 : p.after;
        expect(ex.answer['queries'], where).toBe(wait < ttl ? '0' : '1');
        kinds.closedForm++;
      }
      if (p.question === 'negative') {
        const ttl = negativeTtlOf(p.name);
        expect(ex.answer['negativeTtl'], where).toBe(`${ttl} s`);
        expect(ex.answer['queries'], where).toBe(p.after < ttl ? '0' : '1');
        kinds.closedForm++;
      }
    }
    expect(kinds.walk + kinds.cache + kinds.negative).toBe(SEEDS);
    expect(kinds.closedForm).toBeGreaterThan(SEEDS / 2);
  });

  it('accepts other notations', () => {
    const ex = find((p) => p.question === 'walk' && p.name === 'www.example.com');
    expect(ex.answer['servers']).toBe('a.root-servers.net, a.gtld-servers.net, ns1.example.com');
    for (const servers of [
      'a.root-servers.net., a.gtld-servers.net., ns1.example.com.',
      'A.ROOT-SERVERS.NET → a.gtld-servers.net → ns1.example.com',
      '198.41.0.4, 192.5.6.30, 192.0.2.1',
      'a.root-servers.net\na.gtld-servers.net\nns1.example.com',
    ]) {
      expect(DNS_RESOLUTION.check(ex, { ...ex.answer, servers }).fields['servers'], servers).toEqual({ ok: true });
    }
    const neg = find((p) => p.question === 'negative' && p.name === 'nope.example.org');
    expect(neg.answer['negativeTtl']).toBe('5 s');
    for (const negativeTtl of ['5', '5 s', '5000 ms', '5 seconds']) {
      expect(DNS_RESOLUTION.check(neg, { ...neg.answer, negativeTtl }).correct, negativeTtl).toBe(true);
    }
  });

  it('links to guide sections that exist', () => {
    const hrefs = new Set<string>([DNS_RESOLUTION.guide.href]);
    for (const { ex } of sweep(DNS_RESOLUTION, 200)) hrefs.add(ex.guide.href);
    expect(hrefs.size).toBe(3);
    for (const href of hrefs) expect(linkResolves(href), href).toBe(true);
  });

  function find(pred: (p: DnsProblem) => boolean): Exercise {
    for (let seed = 0; seed < 50_000; seed++) {
      for (const difficulty of [1, 2, 3] as Difficulty[]) {
        if (pred(dnsProblem(seed, difficulty))) return DNS_RESOLUTION.generate(seed, difficulty);
      }
    }
    throw new Error('no such exercise');
  }

  const MISTAKES: readonly [string, string, (p: DnsProblem) => boolean, string][] = [
    [
      'skipped-root',
      'servers',
      (p) => p.question === 'walk' && p.name === 'www.example.com',
      'a.gtld-servers.net, ns1.example.com',
    ],
    [
      'skipped-tld',
      'servers',
      (p) => p.question === 'walk' && p.name === 'www.example.com',
      'a.root-servers.net, ns1.example.com',
    ],
    [
      'wrong-order',
      'servers',
      (p) => p.question === 'walk' && p.name === 'www.example.com',
      'ns1.example.com, a.gtld-servers.net, a.root-servers.net',
    ],
    ['forgot-priming', 'queries', (p) => p.question === 'walk' && p.name === 'www.example.com', '3'],
    ['counted-stub-query', 'queries', (p) => p.question === 'walk' && p.name === 'www.example.com', '5'],
    [
      'repeated-cold-walk',
      'queries',
      (p) => p.question === 'cache' && p.cache === 'warm' && p.name === 'www.example.com' && !p.qmin,
      '4',
    ],
    [
      'ignored-ttl-expiry',
      'queries',
      (p) => p.question === 'cache' && p.after > 300 && p.name === 'www.example.com' && p.type === 'A',
      '0',
    ],
    ['forgot-stub-round-trip', 'time', (p) => p.question === 'walk' && p.name === 'www.example.com', 'STUB'],
    ['used-soa-ttl', 'negativeTtl', (p) => p.question === 'negative' && p.name === 'nope.example.org', '3600'],
  ];

  it.each(MISTAKES)('names the mistake %s (%s)', (code, field, applies, answer) => {
    const ex = find(applies);
    const text =
      answer === 'STUB' ? `${ms(ex.answer['time']) - dnsProblem(ex.seed, ex.difficulty).stubRtt} ms` : answer;
    expect(mistakeOf(DNS_RESOLUTION, ex, { [field]: text }, field), JSON.stringify(ex.answer)).toBe(code);
  });
});
