/**
 * Serves the built site (`dist/`) with Debian's nginx and the snippet the build writes (`dist/nginx-headers.conf`,
 * from src/lib/deploy/headers.ts) on a free 127.0.0.1 port, and checks what a reader's browser gets: the security
 * headers, the CSP header allowing exactly what every page's <meta> CSP allows (plus frame-ancestors), immutable
 * caching for /_astro/*, revalidation for HTML, gzip, the custom 404 with status 404, and security.txt.
 *
 * Needs a build: skipped (with the reason) when dist/ has no nginx-headers.conf or nginx is not installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlFiles, metaPolicy } from '../../src/lib/deploy/build-files.ts';
import { formatPolicy, IMMUTABLE, mergePolicies, parsePolicy, REVALIDATE } from '../../src/lib/deploy/headers.ts';
import { sitemapPaths } from '../e2e/pages.ts';
import { CHROMIUM_ARGS, findChromium } from '../support/chromium.mjs';
import { freePort, nginxVersion, type RunningNginx, startNginx } from '../support/nginx.ts';

const dist = resolve(import.meta.dirname, '../../dist');
const snippetPath = join(dist, 'nginx-headers.conf');
const version = nginxVersion();
const skipReason = !existsSync(snippetPath)
  ? 'no dist/nginx-headers.conf: run `npm run build` first'
  : version === null
    ? 'nginx is not installed'
    : '';
if (skipReason !== '') console.warn(`static-headers: skipped — ${skipReason}`);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers, timeout: 5000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out`)));
    request.on('error', reject);
  });
}

describe.skipIf(skipReason !== '')(`the built site behind nginx (${version ?? 'absent'})`, () => {
  let nginx: RunningNginx | undefined;
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    const config = `events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  server {
    listen 127.0.0.1:${port};
    root ${dist};
    include ${snippetPath};
  }
}
`;
    nginx = await startNginx({ config, probePorts: [port] });
  });

  afterAll(async () => {
    await nginx?.stop();
  });

  const fail = (what: string) => `${what}\nnginx log:\n${nginx?.log() ?? ''}`;

  it('serves a page with the security headers and short caching', async () => {
    const reply = await get(port, '/');
    expect(reply.status, fail('GET /')).toBe(200);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(reply.headers['permissions-policy']).toContain('camera=()');
    expect(reply.headers['cache-control']).toBe(REVALIDATE);
    expect(reply.headers['strict-transport-security'], 'HSTS is opt-in').toBeUndefined();
    expect(reply.body.toString()).toContain('<meta http-equiv="content-security-policy"');
  });

  it("sends a CSP header that allows exactly what the pages' <meta> CSPs allow, plus frame-ancestors 'none'", async () => {
    const header = (await get(port, '/names/dns/')).headers['content-security-policy'];
    expect(typeof header).toBe('string');
    const pages = htmlFiles(dist).map((file) => metaPolicy(readFileSync(file, 'utf8')));
    expect(
      pages.every((policy) => policy !== null),
      'every page has a <meta> CSP',
    ).toBe(true);
    const expected = mergePolicies(pages.filter((policy) => policy !== null));
    expect(header).toBe(formatPolicy(expected));
    const parsed = parsePolicy(String(header));
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('script-src')).not.toContain("'unsafe-inline'");
    expect(parsed.get('script-src')).not.toContain("'unsafe-eval'");
    // Every page's own policy is a subset: the header blocks nothing the page allows.
    for (const page of pages) {
      for (const [name, sources] of page ?? new Map<string, string[]>()) {
        for (const source of sources) expect(parsed.get(name), `${name} ${source}`).toContain(source);
      }
    }
  });

  it('caches hashed /_astro/ assets for a year, immutable, with the security headers', async () => {
    const asset = (readFileSync(join(dist, 'index.html'), 'utf8').match(/\/_astro\/[\w.-]+\.(?:css|js)/) ?? [])[0];
    expect(asset, 'the home page links an /_astro/ asset').toBeDefined();
    const reply = await get(port, asset ?? '/_astro/');
    expect(reply.status, fail(`GET ${asset}`)).toBe(200);
    expect(reply.headers['cache-control']).toBe(IMMUTABLE);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('compresses text with gzip when asked', async () => {
    const reply = await get(port, '/', { 'accept-encoding': 'gzip' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(reply.headers.vary).toContain('Accept-Encoding');
    const plain = await get(port, '/');
    expect(reply.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('answers an unknown path with the custom 404 page and status 404, headers included', async () => {
    const reply = await get(port, '/no/such/page/');
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).toBe(readFileSync(join(dist, '404.html'), 'utf8'));
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves /.well-known/security.txt (RFC 9116) with a Contact and an Expires about a year out', async () => {
    const reply = await get(port, '/.well-known/security.txt');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    const text = reply.body.toString();
    expect(text).toMatch(/^Contact: (mailto:|https:\/\/)\S+$/m);
    const expires = Date.parse(/^Expires: (\S+)$/m.exec(text)?.[1] ?? '');
    const days = (expires - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(300);
    expect(days).toBeLessThanOrEqual(366);
  });

  it('every sitemap page loads in Chromium under the CSP header and its meta with no violation', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
          problems.push(`${page.url()}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
      const paths = sitemapPaths(dist);
      for (const path of paths) {
        const response = await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'networkidle' });
        expect(response?.status(), path).toBe(200);
        expect(response?.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
      }
      expect(problems, fail(`${paths.length} pages`)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
