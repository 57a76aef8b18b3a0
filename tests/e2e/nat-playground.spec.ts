import { expect, type Locator, type Page, test } from '@playwright/test';
import { buildView, NAT_CODEC } from '../../src/lib/nat-playground/index.ts';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * Browser tests of the NAT playground, by label and role, against the built site. Expected text comes from the same
 * view model the island renders.
 */
const PLAYGROUND = '/playgrounds/nat/';
const GUIDE = '/addressing/public-private-nat/';

const island = (page: Page): Locator => page.getByRole('region', { name: 'NAT playground' });

async function hydrated(page: Page, root: Locator): Promise<void> {
  await root.scrollIntoViewIfNeeded();
  await expect(
    page.locator('astro-island', { has: page.locator('section.nat-playground') }).first(),
  ).not.toHaveAttribute('ssr', /.*/);
}

function expected(query: string) {
  const p = NAT_CODEC.parse(NAT_CODEC.decode(query).state);
  if (!p.ok) throw new Error(p.error.message);
  return buildView(p.value);
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
