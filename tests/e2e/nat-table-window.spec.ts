import { expect, type Page, test } from '@playwright/test';
import { build } from 'esbuild';
import type { NatHarness } from '../../bench/support/nat-harness.tsx';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * The NAT table's windowed drawing (tables of more than WINDOW_FROM sessions draw only the rows in view) in a real
 * browser with the site's own styles. The island's scenarios never reach that size, so the test mounts the page
 * bench/nat-render.ts measures — the real model, view model and components, 1,000 sessions — inside the built NAT
 * playground page, under its Starlight theme. The bench's bundle is injected as a script, so the page's
 * Content-Security-Policy (checked by csp.spec.ts) is bypassed here.
 */
test.use({ bypassCSP: true });

let harness = '';
test.beforeAll(async () => {
  const out = await build({
    entryPoints: ['bench/support/nat-harness.tsx'],
    bundle: true,
    write: false,
    format: 'iife',
    outdir: 'out',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'empty' }, // the page has the styles already
    logLevel: 'error',
  });
  harness = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
});

/** The NAT page with the 1,000-session harness mounted at the top of its content; the reply to flow 0 shown. */
async function mount(page: Page): Promise<void> {
  await page.goto('/playgrounds/nat/');
  await page.evaluate(() => {
    const root = document.createElement('div');
    root.id = 'root';
    document.querySelector('.sl-markdown-content')?.prepend(root);
  });
  await page.addScriptTag({ content: harness });
  await step(page, 0);
}

/** Shows the reply to flow `flow` (0-based), which touches that flow's row; returns the rows the table holds. */
function step(page: Page, flow: number): Promise<number> {
  return page.evaluate((f) => {
    const h = globalThis as unknown as NatHarness;
    return h.natStep(h.natFlows + f);
  }, flow);
}

/** 'in view' when the touched row is wholly visible (the harness's own check, which the bench counts too). */
function touchedInView(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as NatHarness).natTouchedInView());
}

/**
 * What the region shows once its scrolling has settled (scrollTop unchanged over two frames; keyboard scrolling is
 * animated), probed at eight heights from just under the header to its bottom edge: each probe's aria-rowindex, or
 * what was there instead (a spacer or nothing would be a blank band).
 */
function shown(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const region = document.querySelector<HTMLElement>('#root .nat-table-scroll');
    const head = region?.querySelector('thead th'); // the sticky cells (thead itself scrolls away)
    if (!region || !head) return ['no table'];
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0, last = -1, still = 0; i < 300 && still < 2; i++) {
      await frame();
      still = region.scrollTop === last ? still + 1 : 0;
      last = region.scrollTop;
    }
    region.scrollIntoView({ block: 'center' }); // the page's scroll; the region keeps its own
    const box = region.getBoundingClientRect();
    const top = head.getBoundingClientRect().bottom + 1;
    const bottom = box.top + region.clientTop + region.clientHeight - 1;
    return Array.from({ length: 8 }, (_, i) => {
      const y = top + ((bottom - top) * i) / 7;
      // A probe on the line between two rows (or the table's last border) hits the table itself: look 2 px higher.
      const probe = (at: number) => document.elementFromPoint(box.left + 20, at);
      const first = probe(y);
      const hit = first?.tagName === 'TABLE' ? probe(y - 2) : first;
      const row = hit?.closest('tr');
      return (
        row?.getAttribute('aria-rowindex') ?? `${hit?.tagName}.${row?.className ?? hit?.className} at ${Math.round(y)}`
      );
    });
  });
}

/** Probes as row numbers, failing on a blank band; they must rise and be contiguous with the drawn rows. */
async function shownRows(page: Page): Promise<number[]> {
  const probes = await shown(page);
  const rows = probes.map(Number);
  expect(rows.every(Number.isInteger), `blank band in the table: ${probes.join(', ')}`).toBe(true);
  expect([...rows].sort((a, b) => a - b)).toEqual(rows);
  return rows;
}

test('a 1,000-session table draws a window of rows, and says how many there are', async ({ page }) => {
  const problems = watchForProblems(page);
  await mount(page);
  const table = page.locator('#root table');
  await expect(table).toHaveAttribute('aria-rowcount', '1001');
  await expect(table.locator('caption')).toContainText('1000 sessions');
  const drawn = await table.locator('tbody tr[aria-rowindex]').count();
  expect(drawn).toBeGreaterThan(10);
  expect(drawn).toBeLessThan(60);
  await expect(table.locator('thead tr')).toHaveAttribute('aria-rowindex', '1');
  expect(await shownRows(page)).toContain(2);
  expect(problems).toEqual([]);
});

test('stepping keeps the row each packet touched in view, wherever it is', async ({ page }) => {
  const problems = watchForProblems(page);
  await mount(page);
  for (const flow of [0, 16, 17, 40, 500, 501, 999, 3, 998, 250]) {
    expect(await step(page, flow)).toBe(1000);
    await expect.poll(() => touchedInView(page), `flow ${flow}`).toBe('in view');
    await expect(page.locator('#root .nat-row--touched')).toHaveAttribute('aria-rowindex', String(flow + 2));
    await shownRows(page);
  }
  expect(problems).toEqual([]);
});

test('scrolls by keyboard from the first row to the last and back, never showing a blank band', async ({ page }) => {
  const problems = watchForProblems(page);
  await mount(page);
  const region = page.locator('#root .nat-table-scroll');
  await region.focus();
  await expect(region).toBeFocused();
  let last = (await shownRows(page)).at(-1) ?? 0;
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await shownRows(page)).at(-1) ?? 0).toBeGreaterThan(last);
    last = (await shownRows(page)).at(-1) ?? 0;
  }
  await page.keyboard.press('End');
  await expect.poll(async () => (await shownRows(page)).at(-1)).toBe(1001);
  await expect(page.locator('#root tr[aria-rowindex="1001"]')).toBeVisible();
  await page.keyboard.press('Home');
  await expect.poll(async () => (await shownRows(page))[0]).toBe(2);
  expect(await page.locator('#root tbody tr[aria-rowindex]').count()).toBeLessThan(60);
  expect(problems).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the windowed table passes axe in the ${theme} theme and fits 390 px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 390, height: 844 });
    await mount(page);
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    await step(page, 500);
    await expect.poll(() => touchedInView(page)).toBe('in view');
    expect(await axeViolations(page, '#root'), `axe violations (${theme})`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}
