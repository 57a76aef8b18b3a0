import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DNS_CODEC } from '../../../../src/lib/dns-playground/state.ts';
import { simulatePageLoad } from '../../../../src/lib/http/index.ts';
import { TIMELINE_CODEC } from '../../../../src/lib/http-timeline/state.ts';
import {
  HTTP_VERSIONS,
  JOURNEY_PRESETS,
  type Journey,
  type JourneyInput,
  LANES,
  planJourney,
  TLS_VERSIONS,
} from '../../../../src/lib/journey/index.ts';
import { PROXY_CODEC } from '../../../../src/lib/proxy-playground/state.ts';
import { TLS_CODEC } from '../../../../src/lib/tls-calculator/state.ts';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
/** Big FUZZ_RUNS one-offs get time in proportion (each case plans two visits). */
const FUZZ_TIMEOUT = 30_000 + RUNS * 60;

const NEAR = {
  clientResolverRttMs: 10,
  resolverAuthoritativeRttMs: 20,
  clientEdgeRttMs: 40,
  proxyOriginRttMs: 10,
  bandwidthMbps: Number.POSITIVE_INFINITY,
};

function plan(input: JourneyInput): Journey {
  const r = planJourney(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The invariants every journey keeps. */
function checkInvariants(j: Journey): void {
  let at = 0;
  for (const p of j.phases) {
    expect(p.startMs, `${p.id} starts where the previous ended`).toBeCloseTo(at, 6);
    expect(p.endMs).toBeGreaterThanOrEqual(p.startMs);
    expect(p.lanes.length).toBeGreaterThan(0);
    for (const lane of p.lanes) expect(LANES).toContain(lane);
    expect(p.explanation.length).toBeGreaterThan(0);
    at = p.endMs;
  }
  // Consecutive phases never overlap, so no lane is in two phases at once.
  for (const lane of LANES) {
    const spans = j.phases.filter((p) => p.lanes.includes(lane) && p.endMs > p.startMs);
    for (let i = 1; i < spans.length; i++)
      expect((spans[i] as { startMs: number }).startMs).toBeGreaterThanOrEqual(
        (spans[i - 1] as { endMs: number }).endMs - 1e-9,
      );
  }
  const m = j.marks;
  expect(m.namelookup).toBeLessThanOrEqual(m.connect);
  expect(m.connect).toBeLessThanOrEqual(m.appconnect);
  expect(m.appconnect).toBeLessThanOrEqual(m.starttransfer);
  expect(m.starttransfer).toBeLessThanOrEqual(m.total);
  expect(j.totalMs).toBeCloseTo(m.total, 3);
  for (const msg of j.messages) {
    expect(msg.arriveMs).toBeGreaterThanOrEqual(msg.sendMs);
    expect(msg.sendMs).toBeGreaterThanOrEqual(0);
  }
}

describe('planJourney: the numbers', () => {
  it('cold visit over TLS 1.3 through the proxy: DNS from the root, 1 + 1 round trips, the proxy hop, the server', () => {
    const j = plan({ url: 'https://www.example.com/?q=1#frag', network: NEAR, serverMs: 10, responseBytes: 1000 });
    // DNS: stub round trip 10 + 4 queries × 20 (priming, root, com, example.com) = 90.
    expect(j.marks).toEqual({ namelookup: 90, connect: 130, appconnect: 170, starttransfer: 240, total: 240 });
    expect(j.phases.map((p) => [p.id, p.startMs, p.endMs])).toEqual([
      ['url', 0, 0],
      ['dns', 0, 90],
      ['connect', 90, 130],
      ['tls', 130, 170],
      ['request', 170, 190],
      ['proxy-connect', 190, 200],
      ['proxy-request', 200, 205],
      ['server', 205, 215],
      ['proxy-response', 215, 220],
      ['response', 220, 240],
      ['download', 240, 240],
    ]);
    expect(j.address).toBe('192.0.2.10');
    expect(j.scenario).toBe('tls13-full');
  });

  it('TLS 1.2 costs one more round trip; plain http has no TLS phase and HTTP/1.1 only', () => {
    const tls12 = plan({ url: 'https://www.example.com/', network: NEAR, tlsVersion: '1.2', responseBytes: 1000 });
    expect(tls12.marks.appconnect - tls12.marks.connect).toBe(80);
    const plain = plan({ url: 'http://www.example.com/', network: NEAR, httpVersion: '2', responseBytes: 1000 });
    expect(plain.phases.some((p) => p.id === 'tls')).toBe(false);
    expect(plain.httpVersion).toBe('1.1');
    expect(plain.tlsVersion).toBeNull();
    expect(plain.marks.appconnect).toBe(plain.marks.connect);
    expect(plain.notes.join(' ')).toContain('only over TLS');
  });

  it('warm visit: reused connection → curl reports 0 for namelookup, connect and appconnect', () => {
    const warm = plan({
      url: 'https://www.example.com/',
      network: NEAR,
      visit: 'warm',
      serverMs: 10,
      responseBytes: 1000,
    });
    expect(warm.marks).toEqual({ namelookup: 0, connect: 0, appconnect: 0, starttransfer: 70, total: 70 });
    expect(warm.scenario).toBe('tcp-reused');
  });

  it('warm visit with a session ticket: DNS cached, a new TCP connection, one-round-trip resumption', () => {
    const w13 = plan({
      url: 'https://www.example.com/',
      network: NEAR,
      visit: 'warm',
      warmConnection: 'resumed',
      responseBytes: 1000,
    });
    expect([w13.scenario, w13.marks.namelookup, w13.marks.connect, w13.marks.appconnect]).toEqual([
      'tls13-psk',
      0,
      40,
      80,
    ]);
    const w12 = plan({
      url: 'https://www.example.com/',
      network: NEAR,
      visit: 'warm',
      warmConnection: 'resumed',
      tlsVersion: '1.2',
      responseBytes: 1000,
    });
    expect([w12.scenario, w12.marks.appconnect]).toEqual(['tls12-resumed', 80]);
    const h3 = plan({
      url: 'https://www.example.com/',
      network: NEAR,
      visit: 'warm',
      warmConnection: 'resumed',
      httpVersion: '3',
    });
    expect(h3.scenario).toBe('quic-0rtt');
    expect(h3.warmChanges.map((c) => c.id)).toContain('quic-0rtt');
  });

  it('lists what the warm visit changes, with the time each saves', () => {
    const j = plan({ url: 'https://www.example.com/', network: NEAR, responseBytes: 1000 });
    expect(j.warmChanges.map((c) => [c.id, c.savedMs])).toEqual([
      ['dns-cache', 90],
      ['connection-reused', 80],
    ]);
  });

  it('the stub → resolver transport costs its setup: TCP one round trip, DoT and DoH two and the certificate', () => {
    const lookup = (dnsTransport: 'udp' | 'tcp' | 'dot' | 'doh') =>
      plan({ url: 'https://www.example.com/', network: NEAR, dnsTransport }).marks.namelookup;
    // DoT/DoH: + the TLS round trip and the resolver's certificate on the wire (the DNS model's 50 Mbit/s default).
    expect([lookup('udp'), lookup('tcp'), lookup('dot'), lookup('doh')]).toEqual([90, 100, 110.534, 110.534]);
  });

  it('a warm resolver answers from its cache: one round trip to it', () => {
    const j = plan({ url: 'https://www.example.com/', network: NEAR, resolverCache: 'warm' });
    expect(j.messages.filter((m) => m.phase === 'dns').map((m) => [m.from, m.to, m.sendMs, m.arriveMs])).toEqual([
      ['client', 'resolver', 0, 5],
      ['resolver', 'client', 5, 10],
    ]);
    expect(j.marks.namelookup).toBe(10);
    expect(j.phases.find((p) => p.id === 'dns')?.lanes).toEqual(['client', 'resolver']);
  });

  it('resolves names outside the built-in zones through a synthesised TLD and domain', () => {
    const j = plan({ url: 'https://shop.journey.test/', network: NEAR });
    expect(j.address).toBe('203.0.113.80');
    expect(j.marks.namelookup).toBe(90);
    const idn = plan({ url: 'https://bücher.example.de/', network: NEAR });
    expect(idn.url.host).toBe('xn--bcher-kva.example.de');
  });

  it('stops at DNS for a name that does not exist, and skips DNS for IP literals and localhost', () => {
    const nx = planJourney({ url: 'https://nope.example.com/' });
    expect(!nx.ok && nx.error.code).toBe('name-not-found');
    const single = planJourney({ url: 'https://intranet/' });
    expect(!single.ok && single.error.code).toBe('name-not-found');
    for (const url of ['https://192.0.2.1/', 'https://[2001:db8::1]/', 'http://localhost:8080/']) {
      const j = plan({ url, network: NEAR });
      expect(j.marks.namelookup, url).toBe(0);
    }
  });

  it('without a proxy the client talks to the origin directly', () => {
    const j = plan({ url: 'https://www.example.com/', network: NEAR, proxy: false, serverMs: 10, responseBytes: 1000 });
    expect(j.proxy).toBeNull();
    expect(j.phases.some((p) => p.lanes.includes('proxy'))).toBe(false);
    expect(j.marks.starttransfer).toBe(170 + 20 + 10 + 20);
  });

  it('the proxy model says which backend and which headers the origin sees', () => {
    const j = plan({ url: 'https://www.example.com:8443/a?b=1' });
    expect(j.proxy?.backend).toBe('10.0.0.2:8080');
    expect(j.proxy?.requestLine).toBe('GET /a?b=1 HTTP/1.0');
    expect(j.proxy?.headers).toContainEqual(['Host', 'www.example.com']);
    expect(j.proxy?.headers).toContainEqual(['X-Forwarded-Proto', 'https']);
    expect(j.proxy?.headers).toContainEqual(['X-Forwarded-For', '203.0.113.7']);
  });

  it('builds each playground link with that playground’s own codec, carrying the same values', () => {
    const j = plan({
      url: 'https://www.example.com/x?y=1',
      network: { ...NEAR, bandwidthMbps: 20 },
      tlsVersion: '1.2',
    });
    const link = (id: string) => j.phases.find((p) => p.id === id)?.playground;
    const dns = DNS_CODEC.decode(link('dns')?.query ?? '').state;
    expect([dns.name, dns.stubRtt, dns.serverRtt]).toEqual(['www.example.com', '10', '20']);
    const tls = TLS_CODEC.decode(link('tls')?.query ?? '').state;
    expect([tls.scenario, tls.rtt, tls.bandwidth]).toEqual(['tls12-full', '40', '20']);
    const http = TIMELINE_CODEC.decode(link('request')?.query ?? '').state;
    expect([http.protocol, http.rtt, http.count]).toEqual(['h2', '40', '1']);
    const proxy = PROXY_CODEC.decode(link('proxy-connect')?.query ?? '').state;
    expect([proxy.host, proxy.path]).toEqual(['www.example.com', '/x?y=1']);
    expect(link('dns')?.slug).toBe('playgrounds/dns');
  });

  it.each([
    ['1.1', 'http1.1'],
    ['2', 'h2'],
    ['3', 'h3'],
  ] as const)(
    'a cold HTTP/%s visit to an IP literal without proxy is the HTTP model’s one-document page load',
    (version, protocol) => {
      const network = { rttMs: 40, bandwidthMbps: 10, tls: 'tls13' as const, serverProcessingMs: 10 };
      const page = simulatePageLoad({ protocol, network, page: { html: { bytes: 30_000 }, resources: [] } });
      if (!page.ok) throw new Error(page.error.message);
      const phases = page.value.requests[0]?.phases ?? [];
      const end = (name: string) => phases.find((p) => p.name === name)?.endMs ?? Number.NaN;
      const j = plan({
        url: 'https://192.0.2.1/',
        proxy: false,
        network: { clientEdgeRttMs: 40, bandwidthMbps: 10 },
        serverMs: 10,
        responseBytes: 30_000,
        httpVersion: version,
      });
      expect(j.marks.starttransfer).toBeCloseTo(end('Waiting (TTFB)'), 2);
      expect(j.marks.total).toBeCloseTo(page.value.totalMs, 2);
    },
  );

  it('presets reuse the TLS calculator networks', () => {
    expect(JOURNEY_PRESETS.map((p) => p.id)).toEqual(['same-city', 'cross-continent', 'mobile', 'satellite']);
    const sat = plan({ url: 'https://www.example.com/', preset: 'satellite' });
    expect(sat.input.network.clientEdgeRttMs).toBe(600);
  });
});

describe('planJourney: refused options', () => {
  it.each([
    [{ preset: 'moon' }, 'preset', "Unknown network preset 'moon'"],
    [
      { network: { clientEdgeRttMs: -1 } },
      'clientEdgeRttMs',
      "clientEdgeRttMs is '-1' but must be from 0.01 to 60000 ms.",
    ],
    [{ network: { bandwidthMbps: Number.NaN } }, 'bandwidthMbps', 'bandwidthMbps must be a number'],
    [{ httpVersion: '4' }, 'httpVersion', "httpVersion is '4' but must be one of 1.1, 2, 3."],
    [{ visit: 'tepid' }, 'visit', "visit is 'tepid'"],
    [{ serverMs: 1e308 }, 'serverMs', "serverMs is '1e+308' but must be from 0 to 60000 ms."],
    [{ proxy: 'yes' }, 'proxy', 'proxy must be true or false'],
  ])('%j', (extra, field, message) => {
    const r = planJourney({ url: 'https://www.example.com/', ...(extra as object) } as JourneyInput);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-option');
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(message);
    }
  });

  it('never throws on garbage input objects', () => {
    for (const input of [null, undefined, {}, { url: 5 }, { url: 'x', network: 'fast' }, { url: 'x', network: null }])
      expect(() => planJourney(input as unknown as JourneyInput)).not.toThrow();
  });
});

describe('planJourney: properties', () => {
  const options = fc.record({
    network: fc.record({
      clientResolverRttMs: fc.double({ min: 0.01, max: 2000, noNaN: true }),
      resolverAuthoritativeRttMs: fc.double({ min: 0.01, max: 2000, noNaN: true }),
      clientEdgeRttMs: fc.double({ min: 0.01, max: 2000, noNaN: true }),
      proxyOriginRttMs: fc.double({ min: 0.01, max: 2000, noNaN: true }),
      bandwidthMbps: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.double({ min: 0.5, max: 1000, noNaN: true })),
    }),
    httpVersion: fc.constantFrom(...HTTP_VERSIONS),
    tlsVersion: fc.constantFrom(...TLS_VERSIONS),
    warmConnection: fc.constantFrom('reused' as const, 'resumed' as const),
    resolverCache: fc.constantFrom('cold' as const, 'warm' as const),
    dnsTransport: fc.constantFrom('udp' as const, 'tcp' as const, 'dot' as const, 'doh' as const),
    proxy: fc.boolean(),
    upstreamKeepalive: fc.boolean(),
    hstsPreloaded: fc.boolean(),
    serverMs: fc.double({ min: 0, max: 5000, noNaN: true }),
    responseBytes: fc.integer({ min: 0, max: 2_000_000 }),
  });
  const urls = fc.constantFrom(
    'https://www.example.com/',
    'http://www.example.com/a?b#c',
    'www.example.org',
    'https://shop.example.com/',
    'https://blog.example.org/',
    'https://bücher.example.de/x',
    'https://192.0.2.7:8443/',
    'http://localhost:3000/',
    'https://cdn.example.com/',
  );

  it(
    'phases are contiguous and never overlap on a lane; marks are ordered; warm is never slower than cold',
    () => {
      fc.assert(
        fc.property(urls, options, (url, o) => {
          const cold = planJourney({ url, ...o, visit: 'cold' });
          const warm = planJourney({ url, ...o, visit: 'warm' });
          expect(cold.ok).toBe(true);
          expect(warm.ok).toBe(true);
          if (!cold.ok || !warm.ok) return;
          checkInvariants(cold.value);
          checkInvariants(warm.value);
          expect(warm.value.marks.total).toBeLessThanOrEqual(cold.value.marks.total + 1e-6);
          for (const c of cold.value.warmChanges) expect(c.savedMs).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'hostile address-bar text never throws: a journey or a typed error quoting at most 40 characters of it',
    () => {
      const hostile = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.constantFrom(
          'javascript:alert(document.cookie)',
          '<script>alert(1)</script>',
          '"><img src=x onerror=alert(1)>',
          'data:text/html,<script>alert(1)</script>',
          'https://exa\u0000mple.com/',
          'https://xn--/',
          'https://a..b/',
          `https://${'a'.repeat(64)}.com/`,
          `https://${'a.'.repeat(140)}com/`,
          'http://[::1',
          'https://example.com:-1/',
          'https://user:pass@example.com/',
          'file:///etc/passwd',
          'HTTPS://WWW.EXAMPLE.COM/',
          `https://example.com/${'%'.repeat(2000)}`,
        ),
      );
      fc.assert(
        fc.property(hostile, (text) => {
          const r = planJourney({ url: text });
          if (r.ok) checkInvariants(r.value);
          else {
            expect(r.error.message.length).toBeLessThan(400);
            expect(r.error.message).not.toContain(text.length > 45 ? text : '\u0000never');
          }
        }),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );
});
