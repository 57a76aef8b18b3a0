import { describe, expect, test } from 'vitest';
import {
  buildInternet,
  builtInInternet,
  createResolver,
  type Hop,
  hopQuestion,
  hopSummary,
  resolutionLadder,
  tierOf,
  ZONE_TEXT,
} from '../../../../src/lib/dns/index.ts';

const net = builtInInternet();
const summaries = (hops: readonly Hop[]) => hops.map((h) => `${hopQuestion(h)}: ${hopSummary(h)}`);

describe('hopSummary and resolutionLadder', () => {
  test('a cold walk: priming answer, referrals, the answer', () => {
    const r = createResolver(net).resolve('www.example.com.', 1);
    expect(summaries(r.hops)).toEqual([
      'www.example.com. A: answer: 192.0.2.10',
      '. NS: answer: a.root-servers.net.',
      'com. A: referral to com.',
      'example.com. A: referral to example.com.',
      'www.example.com. A: answer: 192.0.2.10',
    ]);
    const { actors, steps } = resolutionLadder(r, net);
    expect(actors.map((a) => a.id)).toEqual(['stub', 'resolver', 'root', 'tld', 'auth']);
    expect(steps.filter((s) => s.kind === 'message' && s.dashed === true)).toHaveLength(2);
  });

  test('CNAME, NXDOMAIN, NODATA, truncation and a timeout each have their line; a timeout is a dashed arrow and a note', () => {
    const cdn = createResolver(net).resolve('blog.example.org.', 28);
    expect(summaries(cdn.hops)).toContain('blog.example.org. A: CNAME → cdn.example.com.');
    const nx = createResolver(net).resolve('nope.example.org.', 1);
    expect(summaries(nx.hops).at(-1)).toBe('nope.example.org. A: NXDOMAIN: no such name');
    const nodata = createResolver(net).resolve('www.example.net.', 28);
    expect(summaries(nodata.hops).at(-1)).toBe('www.example.net. AAAA: NODATA: name exists, no record of this type');
    const big = createResolver(net).resolve('big.example.com.', 16);
    expect(summaries(big.hops)[0]).toBe('big.example.com. TXT: truncated (TC): retry over TCP');
    const lame = createResolver(net).resolve('www.broken.example.com.', 1);
    expect(summaries(lame.hops)).toContain('www.broken.example.com. A: no reply (timeout)');
    const { steps } = resolutionLadder(lame, net);
    expect(steps.some((s) => s.kind === 'note' && s.text.startsWith('timeout'))).toBe(true);
    const bigSteps = resolutionLadder(big, net).steps;
    expect(bigSteps.some((s) => s.kind === 'message' && s.label.endsWith('(TCP)'))).toBe(true);
  });

  test('many answers are cut to three; REFUSED and SERVFAIL; an unknown address is a domain server', () => {
    const many = buildInternet({
      'example.com.': `${ZONE_TEXT['example.com.']}multi A 192.0.2.101\nmulti A 192.0.2.102\nmulti A 192.0.2.103\nmulti A 192.0.2.104\nloop1 CNAME loop2\nloop2 CNAME loop1\n`,
      'com.': `${ZONE_TEXT['com.']}lame NS ns1.example.com.\n`,
    });
    if (!many.ok) throw new Error(many.error.message);
    const m = createResolver(many.value).resolve('multi.example.com.', 1);
    expect(summaries(m.hops)[0]).toBe('multi.example.com. A: answer: 192.0.2.101, 192.0.2.102, 192.0.2.103, …');
    const loop = createResolver(many.value).resolve('loop1.example.com.', 1);
    expect(summaries(loop.hops)).toContain('loop1.example.com. A: SERVFAIL');
    const refused = createResolver(many.value).resolve('www.lame.com.', 1);
    expect(summaries(refused.hops)).toContain('www.lame.com. A: REFUSED');
    expect(tierOf(net, '203.0.113.1')).toBe('domain');
    expect(tierOf(net, '198.41.0.4')).toBe('root');
  });

  test('a reply without the record its outcome names still summarises ("?")', () => {
    const r = createResolver(net).resolve('www.example.com.', 1);
    const hop = r.hops[2] as Hop;
    const bare = {
      ...hop,
      response: { ...(hop.response as NonNullable<Hop['response']>), authorities: [], answers: [] },
    };
    expect(hopSummary(bare)).toBe('referral to ?');
    expect(hopSummary({ ...bare, outcome: 'cname' })).toBe('CNAME → ?');
    expect(hopQuestion({ ...bare, query: { ...bare.query, questions: [] } })).toBe(' TYPE0');
  });
});
