import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

/** Browser tests of the HTTP timeline playground, by label and role, against the built site. */
const PATH = '/playgrounds/http-timeline/';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function hydrated(page: Page) {
  await expect(page.locator('astro-island:has(section.ht)')).not.toHaveAttribute('ssr', /.*/);
}

const simulator = (page: Page) => page.getByRole('region', { name: 'HTTP page-load simulator' });

test('the default comparison and waterfall are on the page without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PATH);
  await expect(page.getByLabel('Page', { exact: true })).toHaveValue('image-gallery');
  await expect(page.getByRole('button', { name: 'HTTP/2', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'Waterfall: HTTP/2' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Requests over HTTP/2' }).getByRole('listitem')).toHaveCount(102);
  await context.close();
});

test('controls recompute, the URL keeps the state, and a shared link restores it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PATH);
  await hydrated(page);
  const summary = page.locator('.ht-summary');
  const before = await summary.textContent();
  await page.getByLabel('Round-trip time (ms)').fill('300');
  await expect(summary).not.toHaveText(before ?? '');
  await expect(page).toHaveURL(/rtt=300/);
  await page.getByRole('button', { name: 'HTTP/1.1 keep-alive' }).click();
  await expect(page.getByRole('heading', { name: 'Waterfall: HTTP/1.1 keep-alive' })).toBeVisible();
  await expect(page.getByLabel('Protocol in the waterfall')).toHaveValue('http1.1');
  await expect(page).toHaveURL(/protocol=http1\.1/);
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await hydrated(other);
  await expect(other.getByLabel('Round-trip time (ms)')).toHaveValue('300');
  await expect(other.getByRole('heading', { name: 'Waterfall: HTTP/1.1 keep-alive' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a custom page and an invalid value: a message quoting it, the last good chart stays', async ({ page }) => {
  await page.goto(PATH);
  await hydrated(page);
  await page.getByLabel('Page', { exact: true }).selectOption({ label: 'Custom: N equal resources' });
  await page.getByLabel('Number of resources').fill('5');
  await page.getByLabel('Resource size (KB)').fill('200');
  await expect(page.getByRole('list', { name: 'Requests over HTTP/2' }).getByRole('listitem')).toHaveCount(6);
  await page.getByLabel('Packet loss (%)').fill('45');
  await expect(simulator(page).getByText("Packet loss is '45': use 0 to 30 %.")).toBeVisible();
  await expect(page.getByLabel('Packet loss (%)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('list', { name: 'Requests over HTTP/2' }).getByRole('listitem')).toHaveCount(6);
  await page.getByLabel('Packet loss (%)').fill('2');
  await expect(page.getByLabel('Packet loss (%)')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/loss=2/);
});

test('hover and keyboard focus on a bar show its phase timings; Escape hides them', async ({ page }) => {
  await page.goto(PATH);
  await hydrated(page);
  const bar = page.getByRole('button', { name: /^gallery\.html: 0 ms to/ });
  await bar.hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('gallery.html');
  await expect(tip).toContainText('Initial connection: 0 ms → 100 ms (100 ms)');
  await expect(tip).toContainText('SSL');
  await page.mouse.move(0, 0);
  await expect(tip).toHaveCount(0);
  await bar.focus();
  await expect(page.getByRole('tooltip')).toContainText('Waiting (TTFB)');
  await expect(bar).toHaveAccessibleDescription(/Waiting \(TTFB\)/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});

test('the table alternative lists every request with its phases', async ({ page }) => {
  await page.goto(`${PATH}?protocol=h3`);
  await hydrated(page);
  await page.getByText('Timings as a table (HTTP/3)').click();
  const table = page.getByRole('region', { name: 'Request timings over HTTP/3' }).getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(103);
  await expect(table.getByRole('row', { name: /gallery\.css/ })).toContainText('Content Download');
});

test('passes axe in both themes and fits 390 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PATH);
  await hydrated(page);
  await page.getByText('Timings as a table (HTTP/2)').click();
  await page.getByRole('button', { name: /^gallery\.html: 0 ms to/ }).focus();
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    expect(results.violations.map((v) => `${theme}: ${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
