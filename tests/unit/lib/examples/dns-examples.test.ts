import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DNS_DEFAULTS, parseDnsState, runDns } from '../../../../src/lib/dns-playground/index.ts';
import {
  CACHE_EXAMPLE_AFTER,
  cacheExamples,
  coldWalkFigure,
  coldWalkQuestions,
  DNS_GUIDE_NETWORK,
  dnsMs,
  guideLookup,
  negativeExample,
  qminCounts,
  sizeExample,
  transportExamples,
  zoneTtl,
} from '../../../../src/lib/examples/index.ts';

describe('the DNS guide’s numbers', () => {
  it('runs on the playground’s default network, so the embedded playground shows the same walk', () => {
    expect(DNS_GUIDE_NETWORK).toEqual({
      stubRttMs: Number(DNS_DEFAULTS.stubRtt),
      serverRttMs: Number(DNS_DEFAULTS.serverRtt),
    });
    const parsed = parseDnsState(DNS_DEFAULTS);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const view = runDns(parsed.value);
    const walk = guideLookup();
    expect(walk.totalMs).toBe(view.totalMs);
    expect(walk.upstreamQueries).toBe(view.upstreamQueries);
  });

  it('the cold walk: priming, one referral per level, the answer — 4 queries, 250 ms', () => {
    expect(coldWalkQuestions()).toEqual(['. NS', 'com. A', 'example.com. A', 'www.example.com. A']);
    expect(coldWalkQuestions(false)).toEqual([
      '. NS',
      'www.example.com. A',
      'www.example.com. A',
      'www.example.com. A',
    ]);
    const walk = guideLookup();
    expect(walk.upstreamQueries).toBe(4);
    // Stub 10 ms + 4 upstream round trips of 60 ms.
    expect(walk.totalMs).toBe(10 + 4 * 60);
    expect(walk.answerTtl).toBe(zoneTtl('www.example.com.', 'A'));
  });

  it('the ladder figure is the model’s: two arrows per hop, columns for every tier, the numbers in its caption', () => {
    const figure = coldWalkFigure();
    expect(figure.actors.map((a) => a.id)).toEqual(['stub', 'resolver', 'root', 'tld', 'auth']);
    expect(figure.steps).toHaveLength(2 * (1 + 4));
    expect(figure.steps.every((s) => s.kind === 'message')).toBe(true);
    expect(figure.caption).toContain('4 upstream queries');
    expect(figure.caption).toContain(dnsMs(250));
    expect(figure.title).toBe('DNS resolution walk for www.example.com');
  });

  it('QNAME minimisation costs queries where labels sit inside one zone', () => {
    expect(qminCounts('www.example.com.', 'A')).toEqual({ on: 4, off: 4 });
    const reverse = qminCounts('10.2.0.192.in-addr.arpa.', 'PTR');
    expect(reverse.on).toBeGreaterThan(reverse.off);
    expect(reverse).toEqual({ on: 11, off: 7 });
  });

  it('caching: warm costs no query, an expired record one, a day later the whole walk again', () => {
    const rows = cacheExamples();
    expect(rows.map((r) => r.after)).toEqual([...CACHE_EXAMPLE_AFTER]);
    expect(rows.map((r) => r.upstreamQueries)).toEqual([4, 0, 1, 4]);
    expect(rows.map((r) => r.totalMs)).toEqual([250, 10, 70, 250]);
    expect(rows.map((r) => r.answerTtl)).toEqual([300, 299, 300, 300]);
    expect(zoneTtl('com.', 'NS')).toBe(172_800);
    expect(() => zoneTtl('nowhere.example.', 'A')).toThrow(/no A record for nowhere\.example\./);
  });

  it('negative caching lasts min(SOA TTL, MINIMUM)', () => {
    const n = negativeExample();
    expect(n).toEqual({
      name: 'nope.example.org.',
      soaTtl: 3600,
      minimum: 5,
      negativeTtl: 5,
      coldQueries: 7,
      withinQueries: 0,
      afterQueries: 1,
    });
    expect(() => negativeExample('www.example.com.')).toThrow(/not an NXDOMAIN/);
  });

  it('message sizes and the truncation retry', () => {
    const s = sizeExample();
    // Header 12 + name 17 + type/class 4 + OPT 11.
    expect(s.query).toBe(12 + 17 + 4 + 11);
    expect(s.answer).toBe(60);
    expect(s.bigAnswer).toBeGreaterThan(s.ednsLimit);
    expect(s.truncatedReply).toBe(s.query);
    expect([s.classicLimit, s.ednsLimit]).toEqual([512, 1232]);
    // Truncated reply, TCP handshake, the query again: three round trips of 10 ms.
    expect([s.smallWarmMs, s.bigWarmMs]).toEqual([10, 30]);
    expect(() => sizeExample({ name: 'www.example.com.', type: 'A' })).toThrow(
      'worked example: the lookup of www.example.com. was not truncated and retried over TCP',
    );
  });

  it('transport costs on a new connection: UDP < TCP < DoT = DoH', () => {
    const t = transportExamples();
    expect(t.map((r) => r.transport)).toEqual(['udp', 'tcp', 'dot', 'doh']);
    const [udp, tcp, dot, doh] = t.map((r) => r.totalMs) as [number, number, number, number];
    expect(udp).toBe(10);
    expect(tcp).toBe(20);
    expect(dot).toBeGreaterThan(30);
    expect(dot).toBeLessThan(40);
    expect(doh).toBe(dot);
  });

  it('an unknown type is a bug in the guide, so it throws', () => {
    expect(() => guideLookup({ type: 'NOPE' })).toThrow(/unknown type NOPE/);
  });
});

describe('the DNS guide quotes the model', () => {
  const guide = readFileSync(join(import.meta.dirname, '../../../../src/content/docs/names/dns.mdx'), 'utf8');

  it('imports its numbers from src/lib/examples and never puts an expression inside a code span (it would not run)', () => {
    expect(guide).toContain("from '../../../lib/examples/index.ts'");
    expect(guide.match(/`\{[^`]*\}`/g) ?? []).toEqual([]);
    expect(guide).toContain('<SequenceDiagram title={walkFigure.title}');
  });
});
