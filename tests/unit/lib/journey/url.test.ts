import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePunycode, hostToUnicode, MAX_URL_LENGTH, parseJourneyUrl } from '../../../../src/lib/journey/index.ts';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

describe('parseJourneyUrl', () => {
  it('refuses a space in the host on every platform, also where the URL parser percent-encodes it (Chromium)', () => {
    expect(parseJourneyUrl('https://exa mple.com/', false)).toMatchObject({
      ok: false,
      error: { code: 'invalid-host' },
    });
    // Chromium's URL gives hostname 'exa%20mple.com' for that text where Node's throws: the model must not depend on it.
    const Platform = globalThis.URL;
    class ChromiumLike extends Platform {
      constructor(url: string | URL, base?: string | URL) {
        super(String(url).replace('exa mple.com', 'example.com'), base);
      }
      override get hostname(): string {
        return super.hostname === 'example.com' ? 'exa%20mple.com' : super.hostname;
      }
    }
    globalThis.URL = ChromiumLike;
    try {
      const r = parseJourneyUrl('https://exa mple.com/', false);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-host' } });
      expect(r.ok ? '' : r.error.message).toContain("'exa mple.com'");
    } finally {
      globalThis.URL = Platform;
    }
  });

  it('splits a full URL into its parts', () => {
    const r = parseJourneyUrl('https://www.example.com:8443/a/b?x=1&y=2#top', false);
    expect(r.ok && r.value).toMatchObject({
      scheme: 'https',
      host: 'www.example.com',
      port: 8443,
      defaultPort: false,
      portTyped: true,
      path: '/a/b',
      query: 'x=1&y=2',
      fragment: 'top',
      hostKind: 'domain',
      schemeAdded: false,
      hstsUpgraded: false,
    });
  });

  it.each([
    ['https://example.com/', 443, true, false],
    ['https://example.com:443/', 443, true, true],
    ['http://example.com/', 80, true, false],
    ['http://example.com:8080/', 8080, false, true],
  ])('%s → port %d (default %s, typed %s)', (text, port, isDefault, typed) => {
    const r = parseJourneyUrl(text, false);
    expect(r.ok && [r.value.port, r.value.defaultPort, r.value.portTyped]).toEqual([port, isDefault, typed]);
  });

  it('adds https:// to a bare host, as the address bar does', () => {
    for (const text of ['example.com', 'example.com/path', 'example.com:8080', 'localhost:3000']) {
      const r = parseJourneyUrl(text, false);
      expect(r.ok && r.value.schemeAdded, text).toBe(true);
      expect(r.ok && r.value.scheme, text).toBe('https');
    }
  });

  it('gives the punycode and the Unicode form of an IDN host', () => {
    const r = parseJourneyUrl('https://münchen.de/straße', false);
    expect(r.ok && [r.value.host, r.value.unicodeHost, r.value.path]).toEqual([
      'xn--mnchen-3ya.de',
      'münchen.de',
      '/stra%C3%9Fe',
    ]);
    expect(hostToUnicode('xn--bcher-kva.example')).toBe('bücher.example');
    expect(decodePunycode('ls8h')).toBe('💩');
    expect(decodePunycode('a-')).toBe('a');
    expect(decodePunycode('9999999999')).toBeUndefined();
  });

  it('upgrades http:// of an HSTS-preloaded host (port 80 becomes 443, another port stays)', () => {
    const a = parseJourneyUrl('http://example.com/x', true);
    expect(a.ok && [a.value.href, a.value.hstsUpgraded, a.value.typedScheme, a.value.port]).toEqual([
      'https://example.com/x',
      true,
      'http',
      443,
    ]);
    const b = parseJourneyUrl('http://example.com:8080/', true);
    expect(b.ok && [b.value.href, b.value.port]).toEqual(['https://example.com:8080/', 8080]);
    const c = parseJourneyUrl('http://example.com/', false);
    expect(c.ok && c.value.scheme).toBe('http');
  });

  it('recognises IP literals and localhost', () => {
    const kinds = ['https://192.0.2.1/', 'https://[2001:db8::1]/', 'http://localhost:3000/', 'https://a.example/'].map(
      (t) => {
        const r = parseJourneyUrl(t, false);
        return r.ok ? [r.value.hostKind, r.value.host] : r.error.code;
      },
    );
    expect(kinds).toEqual([
      ['ipv4', '192.0.2.1'],
      ['ipv6', '2001:db8::1'],
      ['localhost', 'localhost'],
      ['domain', 'a.example'],
    ]);
  });

  it.each([
    ['', 'empty-url', 'The address is empty: type a URL such as https://www.example.com/.'],
    ['   ', 'empty-url', 'The address is empty: type a URL such as https://www.example.com/.'],
    [
      'javascript:alert(1)',
      'unsupported-scheme',
      "'javascript:' is not a web address: this journey follows http:// and https:// only ('javascript:alert(1)').",
    ],
    [
      'ftp://files.example.com/a',
      'unsupported-scheme',
      "'ftp:' is not a web address: this journey follows http:// and https:// only ('ftp://files.example.com/a').",
    ],
    ['https://', 'empty-host', "'https://' has no host after 'https://'."],
    ['https://:443/', 'empty-host', "'https://:443/' has a port but no host."],
    ['https://exa mple.com/', 'invalid-host', "The host 'exa mple.com' contains ' ', which a host may not contain."],
    ['https://a<b>.com/', 'invalid-host', "The host 'a<b>.com' contains '<', which a host may not contain."],
    ['https://example.com:99999/', 'invalid-port', "The port '99999' is out of range (0–65535)."],
    ['https://example.com:8o/', 'invalid-port', "The port '8o' is not a number."],
    ['http://256.1.1.1/', 'invalid-host', "The host '256.1.1.1' looks like an IPv4 address but is not one."],
    ['https://[::g]/', 'invalid-host', "'[::g]' is not a valid IPv6 address."],
  ])('refuses %j with %s', (text, code, message) => {
    const r = parseJourneyUrl(text, false);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.message]).toEqual([code, message]);
  });

  it('quotes only the first 40 characters of a long input, and refuses text over the limit', () => {
    const long = `javascript:${'x'.repeat(500)}`;
    const r = parseJourneyUrl(long, false);
    expect(!r.ok && r.error.message.length).toBeLessThan(200);
    const tooLong = parseJourneyUrl(`https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`, false);
    expect(!tooLong.ok && tooLong.error.code).toBe('url-too-long');
  });

  it(
    'never throws and always returns a typed result, whatever the text (property)',
    () => {
      const text = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc
          .tuple(fc.constantFrom('http://', 'https://', 'javascript:', 'data:', '//', ''), fc.string({ maxLength: 60 }))
          .map(([a, b]) => a + b),
      );
      fc.assert(
        fc.property(text, fc.boolean(), (t, hsts) => {
          const r = parseJourneyUrl(t, hsts);
          if (r.ok) {
            expect(['http', 'https']).toContain(r.value.scheme);
            expect(r.value.port).toBeGreaterThanOrEqual(0);
            expect(r.value.port).toBeLessThanOrEqual(65535);
            if (hsts) expect(r.value.scheme).toBe('https');
          } else {
            expect(r.error.message.length).toBeGreaterThan(0);
            expect(r.error.message.length).toBeLessThan(400);
          }
        }),
        { numRuns: RUNS },
      );
    },
    30_000 + RUNS * 20,
  );
});
