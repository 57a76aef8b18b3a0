import { expect, test } from '@playwright/test';
import { sitemapPaths } from './pages.ts';
import { watchForProblems } from './support.ts';

/** Guide pages: every page in the sitemap except the landing page, the playgrounds and the practice pages. */
const guides = sitemapPaths().filter(
  (path) => path !== '/' && !path.startsWith('/playgrounds/') && !path.startsWith('/practice/'),
);

test('every guide is in the sitemap', () => {
  expect(guides.length).toBeGreaterThanOrEqual(14);
});

for (const path of guides) {
  test(`${path}: diagrams are accessible images with a name, a description and a caption`, async ({ page }) => {
    await page.goto(path);
    const figures = page.locator('figure.diagram');
    const count = await figures.count();
    for (let index = 0; index < count; index++) {
      const figure = figures.nth(index);
      const image = figure.getByRole('img');
      await expect(image, `diagram ${index + 1} on ${path} is exposed as an image`).toHaveCount(1);
      const name = await image.evaluate((element) => {
        const ids = (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
        const fromIds = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
        return (element.getAttribute('aria-label') ?? fromIds).trim();
      });
      expect(name.length, `diagram ${index + 1} on ${path} has an accessible name`).toBeGreaterThan(5);
      await expect(image).toHaveAccessibleName(name);
      await expect(figure.locator('figcaption'), `diagram ${index + 1} on ${path} has a caption`).not.toBeEmpty();
    }
  });
}

/** The islands a guide may embed on purpose (playgrounds shown inside a guide); diagrams are never among them. */
const EMBEDDED_ISLANDS =
  /\/_astro\/(TlsCalculator|HttpTimeline|SubnetCalculator|DnsPlayground|NatPlayground|ProxyPlayground|PacketPlayground|JourneyPlayground)\.[\w-]+\.js$/;

for (const path of guides) {
  test(`${path}: diagrams are static SVG, no diagram ships JS`, async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    // Every figure outside an embedded playground was rendered at build time and is not hydrated.
    const staticFigures = page.locator('figure.diagram:not(astro-island figure)');
    const islands = await page
      .locator('astro-island')
      .evaluateAll((elements) => elements.map((e) => e.getAttribute('component-url') ?? ''));
    for (const url of islands) expect(url, `island on ${path}`).toMatch(EMBEDDED_ISLANDS);
    if (islands.length === 0) {
      // No playground on the page: no Preact, no island runtime, whatever the number of diagrams.
      expect(
        scripts.filter((script) => /preact|jsxRuntime|hooks\.module|signals|\/client\.|island/i.test(script)),
        `island JS on ${path}`,
      ).toEqual([]);
    }
    expect(
      scripts.filter((script) => /Figure|Scene|Diagram/.test(script)),
      `diagram JS on ${path}`,
    ).toEqual([]);
    const figures = await staticFigures.count();
    for (let index = 0; index < figures; index++) {
      await expect(staticFigures.nth(index).locator('svg[role="img"] > title')).toHaveCount(1);
    }
  });
}

test('the glossary defines at least 60 terms, and every link to a glossary anchor resolves', async ({ page }) => {
  await page.goto('/reference/glossary/');
  const terms = await page.locator('main h3[id]').count();
  expect(terms, 'glossary terms').toBeGreaterThanOrEqual(60);
  const anchors = new Set(await page.locator('main [id]').evaluateAll((elements) => elements.map((e) => e.id)));
  for (const path of guides) {
    await page.goto(path);
    const hrefs = await page
      .locator('main a[href*="/reference/glossary/#"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const anchor = decodeURIComponent(href.split('#')[1] ?? '');
      expect(anchors.has(anchor), `${path} links to glossary #${anchor}`).toBe(true);
    }
  }
});

/** Questions a reader might type, and the guides that answer them. */
const QUESTIONS: [query: string, answers: string[]][] = [
  ['which port does https use', ['/addressing/ip-addresses/', '/start/url-journey/']],
  ['what is a reverse proxy', ['/infrastructure/proxies/']],
  ['private ip ranges', ['/addressing/public-private-nat/']],
  ['tls 1.3 handshake', ['/security/tls/']],
  ['recursive resolver', ['/names/dns/']],
  ['three-way handshake', ['/transport/tcp-vs-udp/']],
  ['head-of-line blocking', ['/web/http-versions/', '/transport/tcp-vs-udp/']],
  ['subnet mask', ['/addressing/subnetting/']],
  ['layer 4 load balancer', ['/infrastructure/l4-vs-l7/']],
  ['osi layers', ['/layers/osi-model/']],
  ['arp', ['/layers/devices/']],
  ['port forwarding', ['/addressing/public-private-nat/']],
  ['cgnat', ['/addressing/public-private-nat/']],
  ['encapsulation', ['/layers/encapsulation/']],
  ['quic', ['/web/http-versions/', '/transport/tcp-vs-udp/']],
  ['sticky sessions', ['/infrastructure/sticky-sessions/']],
  ['session affinity load balancer', ['/infrastructure/sticky-sessions/']],
  ['api gateway', ['/infrastructure/api-gateways/']],
  ['circuit breaker', ['/infrastructure/api-gateways/']],
  ['mtls', ['/security/mutual-tls/']],
  ['client certificate', ['/security/mutual-tls/']],
  ['sslkeylogfile', ['/security/debugging-tls/']],
  ['decrypt tls in wireshark', ['/security/debugging-tls/']],
];

test('search answers realistic reader questions with the right guide in the first three results', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('/');
  // The same Pagefind index and engine the search dialog uses.
  const misses = await page.evaluate(async (questions) => {
    const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
    const failures: string[] = [];
    for (const [query, answers] of questions) {
      const search = await pagefind.search(query);
      const top: { url: string }[] = await Promise.all(
        search.results.slice(0, 3).map((result: { data: () => Promise<{ url: string }> }) => result.data()),
      );
      const paths = top.map((result) => new URL(result.url, location.origin).pathname);
      if (!paths.some((path) => answers.includes(path))) failures.push(`"${query}" → ${paths.join(', ') || 'nothing'}`);
    }
    return failures;
  }, QUESTIONS);
  expect(misses, 'questions whose answer is not in the top three').toEqual([]);
  expect(problems).toEqual([]);
});
