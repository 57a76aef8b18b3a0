import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cspHash,
  formatPolicy,
  IMMUTABLE,
  inlineScriptBodies,
  mergePolicies,
  netlifyHeaders,
  nginxHeaders,
  PLACEHOLDER_CONTACT,
  parsePolicy,
  securityTxt,
} from '../../../../src/lib/deploy/index.ts';

describe('parsePolicy / formatPolicy', () => {
  it('round-trips a policy and keeps the first of a repeated directive', () => {
    const policy = parsePolicy("default-src 'self';  script-src 'self' 'sha256-a=' ; script-src *; ");
    expect(formatPolicy(policy)).toBe("default-src 'self'; script-src 'self' 'sha256-a='");
  });
});

describe('mergePolicies', () => {
  it("unions each directive's sources in first-seen order and adds frame-ancestors 'none'", () => {
    const merged = mergePolicies([
      parsePolicy("script-src 'self' 'sha256-a='; object-src 'none'"),
      parsePolicy("script-src 'self' 'sha256-b='; style-src 'self'"),
    ]);
    expect(formatPolicy(merged)).toBe(
      "script-src 'self' 'sha256-a=' 'sha256-b='; object-src 'none'; style-src 'self'; frame-ancestors 'none'",
    );
  });

  it('allows every source any input policy allows (property)', () => {
    const source = fc.constantFrom("'self'", "'none'", "'sha256-x='", 'data:', "'sha256-y='");
    const directive = fc.constantFrom('script-src', 'style-src', 'img-src', 'object-src');
    const policy = fc.dictionary(directive, fc.array(source, { maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(policy, { maxLength: 5 }), (policies) => {
        const merged = mergePolicies(policies.map((p) => new Map(Object.entries(p))));
        for (const p of policies) {
          for (const [name, sources] of Object.entries(p)) {
            for (const s of sources) expect(merged.get(name)).toContain(s);
          }
        }
      }),
    );
  });
});

describe('header files', () => {
  const csp = "script-src 'self'; frame-ancestors 'none'";
  it('_headers: CSP and security headers for every path, immutable caching for /_astro/*, under BASE_PATH', () => {
    const text = netlifyHeaders(csp, '/packet-journey/');
    expect(text).toContain(`/packet-journey/*\n  Content-Security-Policy: ${csp}\n  X-Content-Type-Options: nosniff`);
    expect(text).toContain(`/packet-journey/_astro/*\n  Cache-Control: ${IMMUTABLE}`);
    expect(text).toMatch(/# .*Strict-Transport-Security/);
  });
  it('nginx: each location repeats the headers (nginx does not inherit add_header into a location that sets one)', () => {
    const text = nginxHeaders('a "quoted" value', '/');
    expect(text.match(/add_header Content-Security-Policy "a \\"quoted\\" value" always;/g)).toHaveLength(2);
    expect(text).toContain('error_page 404 /404.html;');
    expect(text).toContain('location /_astro/ {');
  });
});

describe('inline script hashes', () => {
  it('takes the bodies of is:inline scripts only, verbatim', () => {
    const source =
      '<script is:inline>\n\ta();\n</script><script>b()</script><script is:inline aria-hidden="true">c()</script>';
    expect(inlineScriptBodies(source)).toEqual(['\n\ta();\n', 'c()']);
  });
  it('hashes as browsers do (SHA-256 of the UTF-8 text, base64)', () => {
    // The empty script's hash, as Chromium reports it in a CSP violation.
    expect(cspHash('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});

describe('securityTxt', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('writes the placeholder contact and an Expires a year later when SECURITY_CONTACT is unset', () => {
    const result = securityTxt(undefined, 'https://example.org/.well-known/security.txt', now);
    expect(result).toEqual({
      ok: true,
      value: expect.stringContaining(`Contact: ${PLACEHOLDER_CONTACT}\nExpires: 2027-01-01T00:00:00Z\n`),
    });
    if (result.ok) expect(result.value).toContain('Canonical: https://example.org/.well-known/security.txt');
  });
  it('accepts an e-mail address (adding mailto:) or an https URL; omits Canonical for http sites', () => {
    const mail = securityTxt('sec@example.org', 'http://localhost:4321/.well-known/security.txt', now);
    expect(mail.ok && mail.value).toContain('Contact: mailto:sec@example.org\n');
    expect(mail.ok && mail.value).not.toContain('Canonical');
    const url = securityTxt('https://example.org/report', 'x', now);
    expect(url.ok && url.value).toContain('Contact: https://example.org/report\n');
  });
  it.each([
    ['sec@example.org\nContact: evil', 'contact-has-control-character', 'position 16'],
    ['http://example.org', 'contact-not-mailto-or-https', '"http://example.org"'],
    ['x'.repeat(600), 'contact-too-long', '600'],
  ])('rejects %j', (contact, code, quoted) => {
    const result = securityTxt(contact, 'x', now);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(quoted);
    }
  });
});
