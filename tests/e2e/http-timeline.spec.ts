import { expect, type Page, test } from '@playwright/test';
import { axeViolations, watchForProblems } from './support.ts';

/** Browser tests of the HTTP timeline playground, by label and role, against the built site. */
const PATH = '/playgrounds/http-timeline/';

/**
 * Waits until Astro has hydrated the island and (unless `live` is false) the island shows its own results: the
 * simulator runs in a worker, and until its first answer the server's HTML of the results stays on screen.
 */
async function hydrated(page: Page, live = true) {
  await expect(page.locator('astro-island:has(section.ht)')).not.toHaveAttribute('ssr', /.*/);
  if (live) await expect(page.locator('section.ht[data-live]')).toHaveCount(1);
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
  const errors = watchForProblems(page);
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
  await expect(simulator(page).getByText("Packet loss is '45' but must be from 0 to 30 %.")).toBeVisible();
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
    expect((await axeViolations(page)).map((v) => `${theme}: ${v}`)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

test('the drawn bars line up with their rows at any width and text size', async ({ page }) => {
  // The bars are one SVG behind the list of rows: its height must match the list's, row for row, and its drawing of
  // row i must sit inside row i's button, at 1280 px, at 390 px, and with a 20 px root font (text zoom).
  await page.goto(PATH);
  await hydrated(page);
  for (const [width, rootPx] of [
    [1280, 16],
    [390, 16],
    [1280, 20],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate((px) => {
      document.documentElement.style.fontSize = `${px}px`;
    }, rootPx);
    const geometry = await page.evaluate(() => {
      const svg = document.querySelector('.ht-bars') as SVGSVGElement;
      const list = document.querySelector('.ht-rows') as HTMLElement;
      const buttons = [...list.querySelectorAll('button.ht-bar')].map((b) => b.getBoundingClientRect());
      const s = svg.getBoundingClientRect();
      const vb = svg.viewBox.baseVal;
      // Each path's rectangles in page coordinates, grouped by row (viewBox y / 24).
      const rowsDrawn = new Map<number, { top: number; bottom: number; left: number; right: number }>();
      for (const path of svg.querySelectorAll('path')) {
        for (const m of (path.getAttribute('d') ?? '').matchAll(/M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)/g)) {
          const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
          const row = Math.floor(y / 24);
          const box = {
            top: s.top + (y / vb.height) * s.height,
            bottom: s.top + ((y + h) / vb.height) * s.height,
            left: s.left + (x / vb.width) * s.width,
            right: s.left + ((x + w) / vb.width) * s.width,
          };
          const seen = rowsDrawn.get(row);
          rowsDrawn.set(
            row,
            seen
              ? {
                  top: Math.min(seen.top, box.top),
                  bottom: Math.max(seen.bottom, box.bottom),
                  left: Math.min(seen.left, box.left),
                  right: Math.max(seen.right, box.right),
                }
              : box,
          );
        }
      }
      const list_ = list.getBoundingClientRect();
      return {
        svg: { top: s.top, height: s.height },
        list: { top: list_.top, height: list_.height },
        misplaced: buttons.flatMap((b, i) => {
          const d = rowsDrawn.get(i);
          if (d === undefined) return [`row ${i} not drawn`];
          const inside =
            d.top >= b.top - 0.5 && d.bottom <= b.bottom + 0.5 && d.left >= b.left - 1 && d.right <= b.right + 2;
          return inside ? [] : [`row ${i}: drawn ${JSON.stringify(d)} button ${JSON.stringify(b)}`];
        }),
        rows: buttons.length,
      };
    });
    expect(geometry.rows).toBe(102);
    expect(Math.abs(geometry.svg.top - geometry.list.top)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(geometry.svg.height - geometry.list.height)).toBeLessThanOrEqual(0.5);
    expect(geometry.misplaced.slice(0, 3)).toEqual([]);
  }
});

test('the bars are one Tab stop; the arrow keys move between requests and the tooltip follows', async ({ page }) => {
  await page.goto(PATH);
  await hydrated(page);
  await page.getByRole('button', { name: 'HTTP/3', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^gallery\.html: 0 ms to/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const second = page.getByRole('list', { name: 'Requests over HTTP/2' }).getByRole('button').nth(1);
  await expect(second).toBeFocused();
  const name = ((await second.getAttribute('aria-label')) ?? '').split(':')[0] as string;
  await expect(page.getByRole('tooltip')).toContainText(name);
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: /^tile-100\.jpg:/ })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'HTTP/3', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^tile-100\.jpg:/ })).toBeFocused(); // focus returns where it was
  await page.keyboard.press('Tab');
  await expect(page.getByText('Timings as a table (HTTP/2)')).toBeFocused();
});

/** A round trip to the page's main thread, in ms: how long the tab takes to answer. */
async function roundTrip(page: Page): Promise<number> {
  const start = Date.now();
  await page.evaluate(() => 1);
  return Date.now() - start;
}

for (const [query, label, message] of [
  ['?bw=1e-320', 'Bandwidth (Mbit/s)', "Bandwidth is '1e-320' but must be from 0.001 to 100000 Mbit/s."],
  [
    '?page=blog-post&rtt=1e-16',
    'Round-trip time (ms)',
    "Round-trip time is '1e-16' but must be from 0.01 to 60000 ms.",
  ],
] as const) {
  test(`a hostile link (${query}) shows the bound on its field and never hangs the tab`, async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(`${PATH}${query}`);
    await hydrated(page);
    const field = page.getByLabel(label);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(simulator(page).getByText(message)).toBeVisible();
    await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect(await roundTrip(page)).toBeLessThan(1000);
    expect(problems).toEqual([]);
  });
}

test('a very heavy page runs off the main thread: "Simulating…", a responsive tab, then the result', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const problems = watchForProblems(page);
  await page.goto(`${PATH}?page=custom&count=500&kb=3999&loss=30`);
  await hydrated(page, false);
  // Until the worker answers, the server-rendered default stays on screen and the island says it is working.
  await expect(simulator(page).getByRole('status').filter({ hasText: 'Simulating…' })).toBeVisible();
  expect(await roundTrip(page), 'main-thread round trip during the run (ms)').toBeLessThan(1000);
  // Typing during the run cancels it; the newest input wins.
  await page.getByLabel('Packet loss (%)').fill('29');
  expect(await roundTrip(page)).toBeLessThan(1000);
  await expect(page.getByRole('list', { name: 'Requests over HTTP/2' }).getByRole('listitem')).toHaveCount(501, {
    timeout: 300_000,
  });
  await expect(simulator(page).getByText('Simulating…')).toHaveCount(0);
  await expect(page).toHaveURL(/loss=29/);
  expect(problems).toEqual([]);
});

test('an unknown protocol in a link is named, and the page shows HTTP/2 instead', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${PATH}?protocol=h9`);
  await hydrated(page);
  await expect(simulator(page).getByText("Unknown protocol 'h9' in the link — showing HTTP/2.")).toBeVisible();
  await expect(page.getByLabel('Protocol in the waterfall')).toHaveValue('h2');
  expect(problems).toEqual([]);
});

test('choosing a page pushes a history entry (Back undoes it); typing does not', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PATH);
  await hydrated(page);
  const length = await page.evaluate(() => history.length);
  await page.getByLabel('Round-trip time (ms)').fill('150');
  await expect(page).toHaveURL(/\?rtt=150$/);
  expect(await page.evaluate(() => history.length)).toBe(length);
  await page.getByLabel('Page', { exact: true }).selectOption('blog-post');
  await expect(page).toHaveURL(/\?page=blog-post&rtt=150$/);
  expect(await page.evaluate(() => history.length)).toBe(length + 1);
  await page.goBack();
  await expect(page.getByLabel('Page', { exact: true })).toHaveValue('image-gallery');
  await expect(page.getByLabel('Round-trip time (ms)')).toHaveValue('150');
  expect(problems).toEqual([]);
});

test('without JavaScript a line says the controls need it', async ({ request }) => {
  // Chromium with script execution disabled by DevTools still parses <noscript> as text, so read the served page.
  const html = await (await request.get(PATH)).text();
  expect(html).toMatch(
    /<noscript><p[^>]*>These controls need JavaScript; the results below are for the default values\.<\/p><\/noscript>/,
  );
});
