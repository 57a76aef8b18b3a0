import { expect, type Locator, type Page, test } from '@playwright/test';
import { CUSTOM_DEFAULT, parseCustom } from '../../src/lib/nat-playground/custom.ts';
import { NAT_CODEC } from '../../src/lib/nat-playground/index.ts';
import { buildView } from '../../src/lib/nat-playground/view.ts';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * Browser tests of the NAT playground, by label and role, against the built site. Expected text comes from the same
 * view model the island renders.
 */
const PLAYGROUND = '/playgrounds/nat/';
const GUIDE = '/addressing/public-private-nat/';

const island = (page: Page): Locator => page.getByRole('region', { name: 'NAT playground' });

/** Hydrated, with its model loaded (fetched on hydration; until then the stepper is disabled). */
async function hydrated(page: Page, root: Locator): Promise<void> {
  await root.scrollIntoViewIfNeeded();
  await expect(
    page.locator('astro-island', { has: page.locator('section.nat-playground') }).first(),
  ).not.toHaveAttribute('ssr', /.*/);
  await expect(root).toHaveAttribute('data-live', '');
}

function expected(query: string) {
  const p = NAT_CODEC.parse(NAT_CODEC.decode(query).state);
  if (!p.ok) throw new Error(p.error.message);
  return buildView(p.value, parseCustom);
}

test('steps through the browse scenario and shows the collision', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const root = island(page);
  await hydrated(page, root);
  await expect(root.getByText('Packet 1 of 7')).toBeVisible();
  for (let i = 0; i < 3; i++) await root.getByRole('button', { name: 'Next packet' }).click();
  await expect(root.getByText('Packet 4 of 7')).toBeVisible();
  const v = expected('?step=4');
  await expect(root.getByRole('status').filter({ hasText: v.outcome })).toBeVisible();
  await expect(root.getByText(/searched 1024–65535/)).toBeVisible();
  await expect(page).toHaveURL(/step=4/);
  const table = root.getByRole('table', { name: /Home router table/ });
  await expect(table.getByRole('row')).toHaveCount(3);
  expect(problems).toEqual([]);
});

test('choosing a scenario and a NAT type changes the result; the clock expires mappings', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const root = island(page);
  await hydrated(page, root);
  await root.getByLabel('Scenario').selectOption({ label: 'Two peers punch a hole' });
  await root.getByLabel('Home router NAT').selectOption({ label: 'Symmetric (APDM + APDF)' });
  await expect(page).toHaveURL(/scenario=hole-punch/);
  await expect(page).toHaveURL(/nat=symmetric/);
  await root.getByRole('button', { name: '+5 min' }).click();
  await expect(root.getByRole('cell', { name: 'expired' }).first()).toBeVisible();
  await expect(root.getByLabel(/Time since this packet/)).toHaveValue('300');
});

test('a hostile link shows notices and the defaults, and a bad number is refused with a quoted message', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(`${PLAYGROUND}?scenario=%3Cimg%20src=x%20onerror=alert(1)%3E&nat=__proto__&step=abc&wait=1e400`);
  const root = island(page);
  await hydrated(page, root);
  await expect(root.getByText(/Unknown scenario '<img src=x onerror=alert\(1\)>' in the link/)).toBeVisible();
  await expect(root.getByText(/Unknown NAT type '__proto__'/)).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(root.getByLabel(/Time since this packet/)).toHaveAttribute('aria-invalid', 'true');
  expect(problems).toEqual([]);
});

test('the guide embeds the playground and both pages pass axe', async ({ page }) => {
  await page.goto(GUIDE);
  const root = page.getByRole('region', { name: 'NAT playground: hole punching' });
  await root.scrollIntoViewIfNeeded();
  await expect(root.getByText(/Packet 1 of/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(PLAYGROUND);
  expect(await axeViolations(page)).toEqual([]);
});

test('fits a 390 px phone without page-wide horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PLAYGROUND);
  const root = island(page);
  await hydrated(page, root);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('build your own network: typed texts drive the model and the link; a bad line is refused, quoted, and the last view stays', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const root = island(page);
  await hydrated(page, root);
  await root.getByLabel('Scenario').selectOption({ label: 'Build your own' });
  await expect(root.getByRole('group', { name: 'Your network' })).toBeVisible();
  await expect(root.getByLabel('Hosts on the LAN')).toHaveValue(CUSTOM_DEFAULT.hosts);
  await expect(root.getByText(/Packet 1 of 6/)).toBeVisible();

  await root.getByLabel('Hosts on the LAN').fill('console=192.168.1.40');
  await root.getByLabel('Port forwards').fill('udp 3074=console');
  await root.getByLabel('Packets').fill('198.51.100.9:5000>203.0.113.2:3074 udp\nreply 1');
  await expect(root.getByText('Packet 1 of 2')).toBeVisible();
  const v = expected(
    `?${new URLSearchParams({ scenario: 'custom', hosts: 'console=192.168.1.40', fwd: 'udp 3074=console', pkts: '198.51.100.9:5000>203.0.113.2:3074 udp\nreply 1' })}`,
  );
  await expect(root.getByRole('status').filter({ hasText: v.outcome })).toBeVisible();
  await expect(page).toHaveURL(/scenario=custom/);
  await expect(page).toHaveURL(/hosts=console/);

  await root.getByLabel('Port forwards').fill('udp 3074=printer');
  const forwards = root.getByLabel('Port forwards');
  await expect(forwards).toHaveAttribute('aria-invalid', 'true');
  await expect(
    root.getByText("Port forwards, line 1, 'udp 3074=printer': 'printer' is not one of the hosts."),
  ).toBeVisible();
  await expect(root.getByRole('status').filter({ hasText: v.outcome })).toBeVisible();

  await root.getByLabel('Port forwards').fill('udp 3074=console');
  await expect(forwards).not.toHaveAttribute('aria-invalid', 'true');
  // The URL is written after the frame is painted: wait for it, or the reload may load the refused line.
  await expect(page).toHaveURL(/fwd=udp\+3074%3Dconsole/);
  await page.reload();
  await hydrated(page, island(page));
  await expect(island(page).getByLabel('Packets')).toHaveValue('198.51.100.9:5000>203.0.113.2:3074 udp\nreply 1');
  await expect(island(page).getByText('Packet 1 of 2')).toBeVisible();
  expect(problems).toEqual([]);
});

test('works from the keyboard alone: controls in order, buttons by Enter and Space, scrollers focusable', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  const root = island(page);
  await hydrated(page, root);
  await root.getByLabel('Scenario').focus();
  const next = root.getByRole('button', { name: 'Next packet' });
  for (let i = 0; i < 8 && !(await next.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(next).toBeFocused();
  const outline = await next.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(root.getByText('Packet 2 of 7')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(root.getByText('Packet 3 of 7')).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await expect(root.getByRole('button', { name: 'Previous packet' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(root.getByText('Packet 2 of 7')).toBeVisible();
  // On to the path diagram and the table: each scrolling region takes focus.
  const path = root.getByRole('region', { name: 'Packet path' });
  for (let i = 0; i < 6 && !(await path.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(path).toBeFocused();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the editor and tables pass axe in the ${theme} theme, and fit 390 px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${PLAYGROUND}?scenario=custom&step=3`);
    const root = island(page);
    await hydrated(page, root);
    await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await root.getByLabel('Packets').fill('laptop:1>8.8.8.8:53 udp');
    await expect(root.getByLabel('Packets')).toHaveAttribute('aria-invalid', 'true');
    expect(await axeViolations(page, 'section.nat-playground'), `axe violations (${theme})`).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
