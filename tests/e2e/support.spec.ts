import { expect, test } from '@playwright/test';
import { watchForProblems } from './support.ts';

/**
 * The shared problem watcher: a page load superseded by a newer navigation is not a problem (issue 11 item 8: the
 * search test failed under load on `net::ERR_ABORTED` for the result page), and neither is a subresource the page
 * being left was still loading (the flake proof's round 13: a click to the journey page cut off a script of the home
 * page); any other aborted request still is.
 */
test('a document load superseded by a navigation is excused', async ({ page }) => {
  const problems = watchForProblems(page);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Hold the first page's document until the test has started the second navigation.
  await page.route('**/names/dns/', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  const first = page.goto('/names/dns/').catch(() => undefined);
  await page.waitForRequest('**/names/dns/');
  const second = page.goto('/start/url-journey/');
  release();
  await second;
  await first;
  await expect(page.locator('h1')).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('a script still loading when the page is left is excused', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('/');
  await page.route('**/still-loading.js', () => {}); // never answered: in flight when the page is left
  const sent = page.waitForRequest('**/still-loading.js');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.src = '/still-loading.js';
    document.head.append(script);
  });
  await sent;
  await page.goto('/start/url-journey/');
  await expect(page.locator('h1')).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('an aborted fetch is still a problem, also when the page is left afterwards', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('/');
  await page.route('**/no-such-data.json', () => {}); // never answered
  const sent = page.waitForRequest('**/no-such-data.json');
  await page.evaluate(() => {
    const controller = new AbortController();
    (window as unknown as { abortData: () => void }).abortData = () => controller.abort();
    fetch('/no-such-data.json', { signal: controller.signal }).catch(() => undefined);
  });
  await sent;
  await page.evaluate(() => (window as unknown as { abortData: () => void }).abortData());
  await expect.poll(() => problems.filter((p) => p.includes('no-such-data.json'))).toHaveLength(1);
  await page.goto('/start/url-journey/');
  await expect(page.locator('h1')).toHaveCount(1);
  expect(problems.filter((p) => p.includes('no-such-data.json'))).toHaveLength(1);
});
