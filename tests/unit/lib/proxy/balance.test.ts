import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findChashPoint, ketamaPoints } from '../../../../src/lib/proxy/balance.ts';
import { crc32, createBalancer, parseConfig, pick, release } from '../../../../src/lib/proxy/index.ts';
import type { Upstream } from '../../../../src/lib/proxy/types.ts';

function upstream(body: string): Upstream {
  const r = parseConfig(`http { upstream u { ${body} } }`);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.http?.upstreams[0] as Upstream;
}

const never = () => false;

function sequence(
  body: string,
  n: number,
  input: { clientIp?: (i: number) => string; key?: (i: number) => string; refuses?: (name: string) => boolean } = {},
): string[] {
  const state = createBalancer(upstream(body));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = pick(state, {
      now: 100,
      clientIp: input.clientIp?.(i) ?? '10.0.0.1',
      hashKey: input.key?.(i) ?? '',
      refuses: (s) => input.refuses?.(s.name) ?? never(),
    });
    out.push(r.peer === null ? '502' : r.peer.server.name.replace('10.0.0.', ''));
    if (r.peer !== null) release(state, r.peer);
  }
  return out;
}

describe('smooth weighted round-robin', () => {
  it('spreads weights 5,1,1 as nginx documents: a a b a c a a', () => {
    expect(sequence('server 10.0.0.1 weight=5; server 10.0.0.2; server 10.0.0.3;', 7)).toEqual([
      '1',
      '1',
      '2',
      '1',
      '3',
      '1',
      '1',
    ]);
  });
  it('gives each server exactly its weight in every cycle of Σweights requests', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), (weights) => {
        const body = weights.map((w, i) => `server 10.0.0.${i + 1} weight=${w};`).join(' ');
        const total = weights.reduce((a, b) => a + b, 0);
        const seq = sequence(body, total * 2);
        for (const [i, w] of weights.entries()) expect(seq.filter((s) => s === String(i + 1)).length).toBe(2 * w);
      }),
      { numRuns: 200 },
    );
  });
  it('skips down servers and uses backups only when every primary is unavailable', () => {
    expect(sequence('server 10.0.0.1 down; server 10.0.0.2; server 10.0.0.3 backup;', 3)).toEqual(['2', '2', '2']);
    expect(sequence('server 10.0.0.1 down; server 10.0.0.2 down; server 10.0.0.3 backup;', 2)).toEqual(['3', '3']);
    expect(sequence('server 10.0.0.1 down;', 1)).toEqual(['502']);
  });
  it('passive health: a refusing server is retried on the next one, then disabled for fail_timeout', () => {
    const seq = sequence('server 10.0.0.1 max_fails=1; server 10.0.0.2;', 4, { refuses: (n) => n === '10.0.0.1' });
    expect(seq).toEqual(['2', '2', '2', '2']);
  });
  it('502 when every server refuses', () => {
    expect(sequence('server 10.0.0.1; server 10.0.0.2;', 2, { refuses: () => true })).toEqual(['502', '502']);
  });
  it('max_fails=0 never disables a server', () => {
    const state = createBalancer(upstream('server 10.0.0.1 max_fails=0; server 10.0.0.2;'));
    const r = pick(state, { now: 0, clientIp: '1.1.1.1', hashKey: '', refuses: (s) => s.name === '10.0.0.1' });
    expect(r.attempts.map((a) => [a.peer.server.name, a.failed])).toEqual([
      ['10.0.0.1', true],
      ['10.0.0.2', false],
    ]);
    expect(r.attempts[0]?.peer.fails).toBe(1);
  });
  it('a single server is never marked failed (nginx skips the accounting)', () => {
    const state = createBalancer(upstream('server 10.0.0.1;'));
    const r = pick(state, { now: 0, clientIp: '1.1.1.1', hashKey: '', refuses: () => true });
    expect(r.status).toBe('bad-gateway');
    expect(state.primary.peers[0]?.fails).toBe(0);
  });
});

describe('least_conn', () => {
  it('prefers the server with fewer in-flight requests (relative to weight)', () => {
    const state = createBalancer(upstream('least_conn; server 10.0.0.1; server 10.0.0.2;'));
    const input = { now: 0, clientIp: '1.1.1.1', hashKey: '', refuses: never };
    const a = pick(state, input).peer;
    const b = pick(state, input).peer;
    expect([a?.server.name, b?.server.name]).toEqual(['10.0.0.1', '10.0.0.2']);
    if (a !== null) release(state, a);
    expect(pick(state, input).peer?.server.name).toBe('10.0.0.1');
  });
});

describe('ip_hash', () => {
  it('hashes only the first three octets of IPv4', () => {
    const body = 'ip_hash; server 10.0.0.1; server 10.0.0.2; server 10.0.0.3;';
    const a = sequence(body, 20, { clientIp: (i) => `192.0.2.${i}` });
    expect(new Set(a).size).toBe(1);
    const b = sequence(body, 40, { clientIp: (i) => `192.0.${i}.1` });
    expect(new Set(b).size).toBeGreaterThan(1);
  });
});

describe('hash and consistent hash', () => {
  it('the same key always lands on the same server', () => {
    for (const method of ['hash $request_uri;', 'hash $request_uri consistent;']) {
      const seq = sequence(`${method} server 10.0.0.1; server 10.0.0.2; server 10.0.0.3;`, 10, { key: () => '/same' });
      expect(new Set(seq).size).toBe(1);
    }
  });
  it('ketama: removing one of four servers moves only the keys it held', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `/k/${i}`);
    const four = sequence(
      'hash $request_uri consistent; server 10.0.0.1; server 10.0.0.2; server 10.0.0.3; server 10.0.0.4;',
      keys.length,
      { key: (i) => keys[i] as string },
    );
    const three = sequence(
      'hash $request_uri consistent; server 10.0.0.1; server 10.0.0.2; server 10.0.0.3;',
      keys.length,
      { key: (i) => keys[i] as string },
    );
    const moved = keys.filter((_, i) => four[i] !== three[i]);
    expect(moved.every((_, j) => four[keys.indexOf(moved[j] as string)] === '4')).toBe(true);
    expect(moved.length / keys.length).toBeGreaterThan(0.15);
    expect(moved.length / keys.length).toBeLessThan(0.35);
  });
  it('non-consistent hash moves most keys when a server leaves', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `/k/${i}`);
    const four = sequence(
      'hash $request_uri; server 10.0.0.1; server 10.0.0.2; server 10.0.0.3; server 10.0.0.4;',
      keys.length,
      { key: (i) => keys[i] as string },
    );
    const three = sequence('hash $request_uri; server 10.0.0.1; server 10.0.0.2; server 10.0.0.3;', keys.length, {
      key: (i) => keys[i] as string,
    });
    expect(keys.filter((_, i) => four[i] !== three[i]).length / keys.length).toBeGreaterThan(0.5);
  });
  it('an empty key falls back to round-robin', () => {
    expect(sequence('hash $arg_x; server 10.0.0.1; server 10.0.0.2;', 4)).toEqual(['1', '2', '1', '2']);
  });
  it('builds 160 points per weight and finds the first point ≥ the hash', () => {
    const u = upstream('hash $request_uri consistent; server 10.0.0.1:80 weight=2; server 10.0.0.2:80;');
    const points = ketamaPoints(createBalancer(u).primary.peers);
    expect(points.length).toBe(480);
    expect(points.every((p, i) => i === 0 || (points[i - 1]?.hash ?? 0) < p.hash)).toBe(true);
    expect(findChashPoint(points, 0)).toBe(0);
    expect(findChashPoint(points, 0xffffffff)).toBe(points.length);
    expect(findChashPoint(points, points[7]?.hash ?? 0)).toBe(7);
  });
  it('crc32 matches the IEEE check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
});
