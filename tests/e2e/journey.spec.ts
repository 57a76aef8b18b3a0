import { expect, type Locator, type Page, test } from '@playwright/test';
import { DNS_CODEC } from '../../src/lib/dns-playground/state.ts';
import { TIMELINE_CODEC } from '../../src/lib/http-timeline/state.ts';
import { planJourney } from '../../src/lib/journey/index.ts';
import type { Journey, PlaygroundLink } from '../../src/lib/journey/types.ts';
import {
  JOURNEY_CODEC,
  type JourneyPlaygroundState,
  journeySummary,
  runInput,
  SAMPLE_URL,
} from '../../src/lib/journey-playground/index.ts';
import { compactJourney } from '../../src/lib/journey-playground/run.ts';
import { controlLabel, type Field } from '../../src/lib/playground/index.ts';
import { PROXY_CODEC } from '../../src/lib/proxy-playground/state.ts';
import { TLS_CODEC } from '../../src/lib/tls-calculator/state.ts';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * Browser tests of the journey playground, by label and role, against the built site: the journey page (state in
 * the URL), typed URLs (valid, IDN, invalid, `javascript:` and markup as text), the cold/warm switch, every
 * playground link opened with the journey's values, keyboard only, hostile links, 390 px, both themes; and the
 * home page's compact form. Expected text and values come from the same model the island runs, never typed in.
 */
const PAGE = '/start/url-journey/';
const HOME = '/';

const island = (page: Page): Locator => page.getByRole('region', { name: 'Journey of a URL' });
const summary = (region: Locator): Locator => region.locator('.jp-summary');
const urlField = (region: Locator): Locator => region.getByLabel('URL', { exact: true });

/** The model's journey for a partial state, planned exactly as the island plans it. */
function predict(state: Partial<JourneyPlaygroundState> = {}, visit: 'cold' | 'warm' = 'cold'): Journey {
  const input = runInput({ ...JOURNEY_CODEC.defaults, ...state });
  if (!input.ok) throw new Error(input.error.message);
  const journey = planJourney(input.value[visit]);
  if (!journey.ok) throw new Error(journey.error.message);
  return journey.value;
}

/** The model's words for a URL it refuses. */
function refusal(url: string): string {
  const result = planJourney({ url });
  if (result.ok) throw new Error(`the model plans ${url}`);
  return result.error.message;
}

/** Waits until Astro has hydrated the island and it answers input (its worker's first answer: `data-live`). */
async function hydrated(page: Page, region: Locator): Promise<void> {
  await region.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: page.locator('section.jp') }).first()).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  await expect(region).toHaveAttribute('data-live', '');
}

/**
 * The problems, less Chromium's own duplicate of a clicked link's navigation: under load it sometimes sends a
 * second, non-navigation request (type 'other') for the link's target next to the document request, and aborts it
 * when the navigation commits (seen in 1 of 4 clicks with four tests in parallel, never in the page's own requests).
 * Only that exact text, for a URL the test navigated to by a click, is dropped.
 */
function withoutClickDuplicates(problems: readonly string[], clicked: readonly string[]): string[] {
  const excused = new Set(clicked.map((url) => `request failed: ${url} (net::ERR_ABORTED)`));
  return problems.filter((problem) => !excused.has(problem));
}

/** Fails the test on any dialog (an `alert(1)` that ran). */
function noDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

test('the sample URL’s journey is rendered on the server, before any JavaScript runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const jp = island(page);
  const expected = predict();
  await expect(urlField(jp)).toHaveValue(SAMPLE_URL);
  await expect(summary(jp)).toHaveText(journeySummary(expected));
  for (const phase of expected.phases) await expect(jp.getByText(phase.explanation)).toBeAttached();
  await expect(jp.locator('.jp-seg.jp-ph-dns')).toHaveCount(1);
  await context.close();
});

test('typing URLs: valid, IDN as punycode, invalid with the parser’s reason', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PAGE);
  const jp = island(page);
  await hydrated(page, jp);
  const field = urlField(jp);

  await field.fill('https://blog.example.org/posts?id=7#comments');
  await expect(summary(jp)).toHaveText(
    journeySummary(predict({ url: 'https://blog.example.org/posts?id=7#comments' })),
  );
  await expect(jp.locator('.jp-parts')).toContainText('?id=7');
  await expect(jp.locator('.jp-parts')).toContainText('#comments');
  await expect(page).toHaveURL(/url=https%3A%2F%2Fblog\.example\.org/);

  await field.fill('https://bücher.example/');
  const idn = predict({ url: 'https://bücher.example/' });
  await expect(summary(jp)).toHaveText(journeySummary(idn));
  await expect(jp.locator('.jp-parts code', { hasText: idn.url.host })).toBeVisible();
  await expect(jp.getByText(`punycode of ${idn.url.unicodeHost}`, { exact: false })).toBeVisible();

  // Refusals every URL parser agrees on (Chromium's own URL accepts some hosts Node's refuses, e.g. with a space).
  for (const bad of ['https://example.com:99999/', 'https://[::1/', 'ftp://example.com/', 'http://']) {
    await field.fill(bad);
    await expect(jp.getByText(refusal(bad), { exact: true })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(summary(jp)).toContainText(`Still showing ${idn.url.href}.`);
  }
  expect(problems).toEqual([]);
});

test('javascript: and markup are only ever text: refused or shown, never run, never a link', async ({ page }) => {
  const problems = watchForProblems(page);
  const dialogs = noDialogs(page);
  await page.goto(PAGE);
  const jp = island(page);
  await hydrated(page, jp);
  for (const hostile of ['javascript:alert(1)', '<img src=x onerror=alert(1)>', 'https://x/"><svg onload=alert(1)>']) {
    await urlField(jp).fill(hostile);
    await expect(urlField(jp)).toHaveValue(hostile);
    const result = planJourney({ url: hostile });
    if (result.ok) await expect(summary(jp)).toHaveText(journeySummary(predict({ url: hostile })));
    else await expect(jp.getByText(result.error.message, { exact: true })).toBeVisible();
    expect(await page.locator('main img[src="x"], main svg[onload]').count()).toBe(0);
    const hrefs = await jp.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^\/[a-z][a-z0-9/-]*\/(\?[^<>"]*)?$/);
  }
  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
});

test('the second visit: DNS and the handshakes take no time, and the timeline is shorter', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PAGE);
  const jp = island(page);
  await hydrated(page, jp);
  const cold = predict();
  const warm = predict({}, 'warm');
  await expect(jp.locator('.jp-seg.jp-ph-dns')).toHaveCount(1);
  await expect(jp.locator('.jp-seg.jp-ph-tls')).toHaveCount(1);
  await jp.getByLabel('Second visit (warm)').check();
  await expect(summary(jp)).toHaveText(journeySummary(warm));
  for (const id of ['dns', 'connect', 'tls'] as const) {
    const phase = warm.phases.find((p) => p.id === id);
    if (phase !== undefined && phase.endMs === phase.startMs)
      await expect(jp.locator(`.jp-seg.jp-ph-${id}`)).toHaveCount(0);
  }
  for (const change of warm.warmChanges) await expect(jp.getByText(change.text)).toBeVisible();
  expect(warm.totalMs).toBeLessThan(cold.totalMs);
  await expect(page).toHaveURL(/visit=warm/);
  await page.goBack();
  await expect(summary(jp)).toHaveText(journeySummary(cold));
  expect(problems).toEqual([]);
});

/** Each playground's codec, by the slug the model links to. */
const CODECS: Readonly<
  Record<string, { readonly fields: Readonly<Record<string, Field>>; decode: typeof DNS_CODEC.decode }>
> = {
  'playgrounds/dns': DNS_CODEC as never,
  'playgrounds/tls-round-trips': TLS_CODEC as never,
  'playgrounds/http-timeline': TIMELINE_CODEC as never,
  'playgrounds/proxy': PROXY_CODEC as never,
};

/**
 * Checks that the playground page now open shows the link's values: each text or number control the link sets
 * holds the value the playground's own codec reads from the query, and the page shows no notice about the link.
 */
async function expectPlaygroundValues(page: Page, link: PlaygroundLink): Promise<void> {
  const codec = CODECS[link.slug];
  if (codec === undefined) throw new Error(`no codec for ${link.slug}`);
  const { state, notices } = codec.decode(link.query);
  expect(notices, `${link.slug}?${link.query} is read without notices`).toEqual([]);
  const region = page.locator('main .pj-island').first();
  await expect(region).toBeVisible();
  const given = new URLSearchParams(link.query);
  let checked = 0;
  for (const [key, field] of Object.entries(codec.fields)) {
    if (!given.has(field.param)) continue;
    const value = (state as Record<string, unknown>)[key];
    if (field.kind === 'number') {
      await expect(region.getByLabel(controlLabel(field), { exact: true })).toHaveValue(String(value));
      checked++;
    } else if (field.kind === 'string') {
      await expect(region.getByLabel(field.label, { exact: true })).toHaveValue(String(value));
      checked++;
    } else if (field.kind === 'enum') {
      const select = region.locator('select').filter({ has: page.locator(`option[value="${String(value)}"]`) });
      if ((await select.count()) === 1) {
        await expect(select).toHaveValue(String(value));
        checked++;
      }
    }
  }
  for (const notice of await region.locator('.pj-notice').all()) await expect(notice).toBeEmpty();
  expect(checked + (link.query === '' ? 1 : 0), `values checked on ${link.slug}`).toBeGreaterThan(0);
}

for (const state of [{}, { url: 'https://bücher.example/shop', network: 'mobile', http: '1.1', tls: '1.2' }] as const) {
  test(`every playground link opens its playground with the journey’s values (${JSON.stringify(state)})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const problems = watchForProblems(page);
    const query = JOURNEY_CODEC.encode({ ...JOURNEY_CODEC.defaults, ...state });
    const journey = predict(state);
    const seen = new Set<string>();
    const clicked: string[] = [];
    for (const phase of journey.phases) {
      const link = phase.playground;
      if (link === null || seen.has(`${link.slug}?${link.query}`)) continue;
      seen.add(`${link.slug}?${link.query}`);
      await page.goto(`${PAGE}${query === '' ? '' : `?${query}`}`);
      const jp = island(page);
      await hydrated(page, jp);
      const item = jp
        .locator('.jp-phase')
        .filter({ has: page.locator('strong').getByText(phase.label, { exact: true }) });
      await item.getByRole('link', { name: link.label }).click();
      await page.waitForURL((url) => url.pathname === `/${link.slug}/`);
      clicked.push(page.url());
      expect(new URL(page.url()).search).toBe(link.query === '' ? '' : `?${link.query}`);
      await expectPlaygroundValues(page, link);
      // Let the playground finish loading before the next page: leaving earlier aborts its scripts.
      await page.waitForLoadState('networkidle');
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(withoutClickDuplicates(problems, clicked)).toEqual([]);
  });
}

test('keyboard only: type a URL, switch to the second visit, open the ladder', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PAGE);
  const jp = island(page);
  await hydrated(page, jp);
  const focusedIs = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
  const tabTo = async (locator: Locator) => {
    for (let i = 0; i < 80 && !(await focusedIs(locator)); i++) await page.keyboard.press('Tab');
    await expect(locator).toBeFocused();
  };
  await page.locator('main h1').focus();
  await tabTo(urlField(jp));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('https://www.example.net/');
  await expect(summary(jp)).toHaveText(journeySummary(predict({ url: 'https://www.example.net/' })));
  await tabTo(jp.getByLabel('First visit (cold)'));
  await page.keyboard.press('ArrowRight');
  await expect(jp.getByLabel('Second visit (warm)')).toBeChecked();
  await expect(summary(jp)).toHaveText(journeySummary(predict({ url: 'https://www.example.net/' }, 'warm')));
  const ladder = jp.locator('details.jp-ladder > summary');
  await tabTo(ladder);
  await page.keyboard.press('Enter');
  await expect(jp.getByRole('img', { name: /Ladder of the second visit to www\.example\.net/ })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the ladder is downloaded only when opened', async ({ page }) => {
  const problems = watchForProblems(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(PAGE);
  const jp = island(page);
  await hydrated(page, jp);
  expect(scripts.filter((s) => /JourneyLadder|Figure|Scene/.test(s))).toEqual([]);
  await jp.getByText('Ladder: every message', { exact: false }).click();
  const expected = predict();
  await expect(jp.getByRole('img', { name: `Ladder of the first visit to ${expected.url.host}` })).toBeVisible();
  expect(scripts.filter((s) => /JourneyLadder/.test(s)).length).toBe(1);
  expect(problems).toEqual([]);
});

test('hostile links: unknown choices give notices, a 100,000-character URL is refused, the default stays', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const dialogs = noDialogs(page);
  await page.goto(`${PAGE}?net=moon&visit=third&http=9&proxy=maybe&server=1e308`);
  const jp = island(page);
  await hydrated(page, jp);
  const notice = jp.locator('.pj-notice');
  await expect(notice).toContainText("Unknown network preset 'moon' in the link");
  await expect(notice).toContainText("Unknown visit 'third' in the link");
  await expect(jp.getByLabel('Network', { exact: true })).toHaveValue(JOURNEY_CODEC.defaults.network);
  await expect(jp.getByText("Server time is '1e308' but must be", { exact: false })).toBeVisible();
  await expect(summary(jp)).toHaveText(journeySummary(predict()));

  // A 100,000-character link (too long for a request line, so put in the address bar as a link opened in-page).
  await page.evaluate(() => {
    window.history.pushState(null, '', `?url=https://${'a'.repeat(100_000)}.example/`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(notice).toContainText(/is 1000\d\d characters long: only the first \d+ are used/);
  await expect(urlField(jp)).toHaveAttribute('aria-invalid', 'true');
  await expect(jp.getByText(/this page reads at most 2048/)).toBeVisible();
  await expect(summary(jp)).toContainText(SAMPLE_URL);
  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`no axe violations with everything open, and no sideways scroll at 390 px (${theme})`, async ({ page }) => {
    const problems = watchForProblems(page);
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(PAGE);
    const jp = island(page);
    await hydrated(page, jp);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const details of await jp.locator('details > summary').all()) await details.click();
    await expect(jp.getByRole('img', { name: /Ladder of the first visit/ })).toBeVisible();
    await expect(jp.getByRole('table', { name: /Phases of the first visit/ })).toBeVisible();
    expect(await axeViolations(page), `axe violations (${theme})`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto(HOME);
    await expect(page.getByRole('region', { name: 'One request, to scale' })).toBeVisible();
    expect(await axeViolations(page), `axe violations on the home page (${theme})`).toEqual([]);
    const homeOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(homeOverflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
}

test('the home page’s compact timeline: server-rendered, switches visits, links to the journey page', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const compact = compactJourney(JOURNEY_CODEC.defaults);
  await page.goto(HOME);
  const region = page.getByRole('region', { name: 'One request, to scale' });
  await expect(region.getByRole('status')).toHaveText(compact.cold.summary);
  await region.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: page.locator('section.jp--compact') })).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
  await region.getByRole('button', { name: 'Second visit' }).click();
  await expect(region.getByRole('status')).toHaveText(compact.warm.summary);
  await expect(region.getByRole('button', { name: 'Second visit' })).toHaveAttribute('aria-pressed', 'true');
  await region.getByRole('link', { name: /follow it step by step/ }).click();
  await page.waitForURL((url) => url.pathname === PAGE);
  await expect(island(page)).toBeVisible();
  expect(withoutClickDuplicates(problems, [page.url()])).toEqual([]);
});
