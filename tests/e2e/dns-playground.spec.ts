import { expect, type Locator, type Page, test } from '@playwright/test';
import { DNS_DEFAULTS, parseDnsState, runDns } from '../../src/lib/dns-playground/index.ts';
import { formatDuration } from '../../src/lib/format/index.ts';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * Browser tests of the DNS playground, by label and role, against the built site: the playground page (state in
 * the URL), presets, malformed pasted hex, hostile record data rendered as text, the embed in the DNS guide, axe in
 * both themes and 390 px. Expected numbers come from the same model the island runs.
 */
const PLAYGROUND = '/playgrounds/dns/';
const GUIDE = '/names/dns/';

const island = (page: Page): Locator => page.getByRole('region', { name: 'DNS resolution playground' });

async function hydrated(page: Page, region: Locator): Promise<void> {
  await region.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: page.locator('section.dp') }).first()).not.toHaveAttribute(
    'ssr',
    /.*/,
  );
}

function predictTotal(state: Partial<typeof DNS_DEFAULTS>): string {
  const parsed = parseDnsState({ ...DNS_DEFAULTS, ...state });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return formatDuration(runDns(parsed.value).totalMs);
}

test('the default lookup is rendered on the server and matches the model', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const dp = island(page);
  await expect(dp.locator('.dp-total')).toContainText(`${predictTotal({})} to the answer`);
  await expect(
    dp.getByRole('button', { name: /Resolver → a\.root-servers\.net\.: com\. A \(minimised\) — referral to com\./ }),
  ).toBeVisible();
  expect(problems).toEqual([]);
});

test('typing a name and choosing a type updates the result and the URL; Back restores', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const dp = island(page);
  await hydrated(page, dp);
  await dp.getByLabel('Name', { exact: true }).fill('blog.example.org');
  await dp.getByLabel('Type', { exact: true }).selectOption('AAAA');
  await expect(dp.locator('.dp-total')).toContainText(
    `${predictTotal({ name: 'blog.example.org', type: 'AAAA' })} to the answer`,
  );
  await expect(page).toHaveURL(/name=blog\.example\.org/);
  await expect(page).toHaveURL(/type=AAAA/);
  await expect(dp.getByText('edge.cdn-provider.net.\t20\tIN\tAAAA\t2001:db8:cd::7').first()).toBeAttached();
  await page.goBack();
  await expect(dp.getByLabel('Type', { exact: true })).toHaveValue('A');
  expect(problems).toEqual([]);
});

test('presets: warm cache answers from cache; NXDOMAIN shows its status', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const dp = island(page);
  await hydrated(page, dp);
  await dp.getByRole('button', { name: 'Warm cache' }).click();
  await expect(dp.locator('.dp-total')).toContainText('from cache');
  await dp.getByRole('button', { name: 'NXDOMAIN and its negative TTL' }).click();
  await expect(dp.getByText(/status: NXDOMAIN/).first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('an invalid name is a quoted error and the last good result stays', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const dp = island(page);
  await hydrated(page, dp);
  const before = await dp.locator('.dp-total').textContent();
  await dp.getByLabel('Name', { exact: true }).fill('a..b');
  await expect(dp.getByText("Name 'a..b' is not a domain name", { exact: false })).toBeVisible();
  await expect(dp.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dp.locator('.dp-total')).toHaveText(before ?? '');
});

test('pasted hex: malformed input gives a positioned error, a valid message decodes with annotated fields', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const dp = island(page);
  await hydrated(page, dp);
  const box = dp.getByLabel(/Message as hex/);
  await box.fill('12 34 zz');
  await expect(dp.getByRole('alert')).toContainText("'z' at character 7 is not a hex digit");
  await box.fill('1234 8180 0001');
  await expect(dp.getByRole('alert')).toContainText('Not a valid DNS message');
  await box.fill('123481800001000000000000c00c00010001');
  await expect(dp.getByRole('alert')).toContainText('compression pointer at offset 12');
  // A TXT record carrying markup: shown as escaped text, never as HTML.
  const txt = '<img src=x onerror=alert(1)>';
  const hexTxt = Buffer.from(txt).toString('hex');
  const len = (txt.length + 1).toString(16).padStart(4, '0');
  const message = `12348180000000010000000000001000010000003c${len}${txt.length.toString(16).padStart(2, '0')}${hexTxt}`;
  await box.fill(message);
  await expect(dp.getByText(`"${txt}"`, { exact: false }).first()).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await dp.getByRole('button', { name: /TXT-DATA/ }).focus();
  await expect(dp.locator('.dp-byte--on').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('a hostile URL is refused with notices, never a hang', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${PLAYGROUND}?type=NOPE&stub=1e308&name=${'a'.repeat(5000)}`);
  const dp = island(page);
  await hydrated(page, dp);
  await expect(dp.getByText(/Stub ↔ resolver RTT is '1e308'/)).toBeVisible();
  expect(problems).toEqual([]);
});

test('the guide embeds the playground, independent of the URL', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(GUIDE);
  const dp = island(page);
  await expect(dp.locator('.dp-total')).toContainText(predictTotal({}));
  expect(problems).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`no axe violations and no sideways scroll at 390 px (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(PLAYGROUND);
    expect(await axeViolations(page), `axe violations (${theme})`).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(PLAYGROUND);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
