import { expect, type Page, test } from '@playwright/test';
import { axeViolations, watchForProblems } from './support.ts';

const PAGE = '/playgrounds/proxy/';

/** Opens the playground and waits until it is hydrated with its model loaded: input typed earlier would be lost. */
async function open(page: Page): Promise<void> {
  await page.goto(PAGE);
  await page.locator('section.proxy-pg[data-live]').first().waitFor();
}

test.describe('proxy playground', () => {
  test('routes the default request and explains the decision', async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page);
    const island = page.getByRole('region', { name: 'Proxy and load-balancer playground' });
    await expect(island.getByRole('heading', { name: 'Decision trace' })).toBeVisible();
    await expect(island.getByText('chosen: "location /api/"')).toBeVisible();
    await expect(island.getByRole('table').first()).toContainText('GET /api/users?page=2');
    expect(await axeViolations(page, '.proxy-pg')).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('editing the config changes the trace, and the link carries the config', async ({ page }) => {
    await open(page);
    const island = page.getByRole('region', { name: 'Proxy and load-balancer playground' });
    await island.getByLabel('Example').selectOption({ label: 'The trailing-slash trap' });
    await expect(island.getByText('"/api" is replaced, the upstream gets "//users"')).toBeVisible();
    const editor = island.getByLabel('nginx config');
    const text = await editor.inputValue();
    await editor.fill(
      text.replace('location /api { proxy_pass http://app/; }', 'location /api/ { proxy_pass http://app/; }'),
    );
    await expect(island.getByText('"/api/" is replaced, the upstream gets "/users"')).toBeVisible();
    await expect(page).toHaveURL(/cfg=/);
    const shared = page.url();
    const other = await page.context().newPage();
    await other.goto(shared);
    await other.locator('section.proxy-pg[data-live]').first().waitFor();
    const again = other.getByRole('region', { name: 'Proxy and load-balancer playground' });
    await expect(again.getByText('"/api/" is replaced, the upstream gets "/users"')).toBeVisible();
  });

  test('back and forward bring back the config of each history entry, and a reload keeps it', async ({ page }) => {
    const problems = watchForProblems(page);
    await open(page);
    const island = page.getByRole('region', { name: 'Proxy and load-balancer playground' });
    const editor = island.getByLabel('nginx config');
    const example = island.getByLabel('Example');
    const first = await example.inputValue();
    const mine = `${await editor.inputValue()}\n# mine\n`;
    await editor.fill(mine);
    await expect(page).toHaveURL(/cfg=/);
    await example.selectOption({ label: 'Weighted round-robin' });
    await expect(editor).toHaveValue(/server 10\.0\.0\.11:8080 weight=5;/);
    await expect(page).toHaveURL(/preset=weighted-round-robin/);
    await expect(page).not.toHaveURL(/cfg=/);
    await page.goBack();
    await expect(editor).toHaveValue(mine);
    await expect(example).toHaveValue(first);
    await page.goForward();
    await expect(editor).toHaveValue(/server 10\.0\.0\.11:8080 weight=5;/);
    await expect(example).toHaveValue('weighted-round-robin');
    await page.goBack();
    await expect(editor).toHaveValue(mine);
    await page.reload();
    await page.locator('section.proxy-pg[data-live]').first().waitFor();
    await expect(editor).toHaveValue(mine);
    expect(problems).toEqual([]);
  });

  test('a bad config shows a positioned error inline', async ({ page }) => {
    await open(page);
    const island = page.getByRole('region', { name: 'Proxy and load-balancer playground' });
    await island.getByLabel('nginx config').fill('http {\n  server {\n    lisen 80;\n  }\n}');
    await expect(island.getByRole('alert')).toHaveText('Line 3, column 5: unknown directive "lisen"');
    await expect(island.getByLabel('nginx config')).toHaveAttribute('aria-invalid', 'true');
  });

  test('send 100 requests, then fail a backend and watch the traffic move', async ({ page }) => {
    await open(page);
    const island = page.getByRole('region', { name: 'Proxy and load-balancer playground' });
    await island.getByLabel('Example').selectOption({ label: 'Weighted round-robin' });
    // The example's config loads on first use: wait until it is in the editor before sending.
    await expect(island.getByLabel('nginx config')).toHaveValue(/server 10\.0\.0\.11:8080 weight=5;/);
    await island.getByRole('button', { name: 'Send 100 requests' }).click();
    const bars = island.getByRole('list', { name: 'Requests per backend' });
    await expect(bars).toContainText('10.0.0.11:8080: 72');
    await island.getByRole('checkbox', { name: '10.0.0.11:8080' }).check();
    await island.getByRole('button', { name: 'Send 100 requests' }).click();
    await expect(bars).not.toContainText('10.0.0.11:8080');
    await expect(island.getByText(/of 100 requests went to a different backend/)).toBeVisible();
  });

  test('XSS payloads in the config and the request render as text', async ({ page }) => {
    const problems = watchForProblems(page);
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await open(page);
    const island = page.getByRole('region', { name: 'Proxy and load-balancer playground' });
    const payload = '<img src=x onerror=alert(1)>';
    await island
      .getByLabel('nginx config')
      .fill(`http { server { listen 80; location / { return 200 "${payload}"; } } }`);
    await expect(island.getByText(`nginx answers 200 itself: ${payload}`)).toBeVisible();
    await island.getByLabel('Path and query').fill('/</title><svg/onload=alert(3)>');
    await expect(island.getByText('nginx answers 200 itself')).toBeVisible();
    await island.getByLabel('Host').fill('"><script>alert(2)</script>');
    await expect(
      island.getByText('client sent invalid host header ""><script>alert(2)</script>"').first(),
    ).toBeVisible();
    await island.getByLabel('nginx config').fill(`http { server { ${payload}; } }`);
    await expect(island.getByRole('alert')).toContainText('unknown directive "<img"');
    await island.getByLabel('Client address').fill(payload);
    await expect(island.getByText(`Client address '${payload}' is not an IPv4 address`)).toBeVisible();
    expect(await page.locator('.proxy-pg img, .proxy-pg script').count()).toBe(0);
    expect(dialogs).toBe(0);
    expect(problems).toEqual([]);
  });

  test('fits a 390 px wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page);
    await expect(page.getByRole('heading', { name: 'Decision trace' })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
