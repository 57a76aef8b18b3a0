import { expect, type Page, test } from '@playwright/test';
import { watchForProblems } from './support.ts';

/**
 * "On this page" (src/components/overrides/toc): the entry of the section being read is marked, in the sidebar and
 * in the narrow-screen drop-down, whether a heading or the content under it is at the top of the window.
 */

const GUIDE = '/addressing/subnetting/';

/** Scrolls so that `selector`'s element (the `nth` match) starts `offset` px below the header. */
async function scrollTo(page: Page, selector: string, nth = 0, offset = 0): Promise<void> {
  await page.evaluate(
    ({ selector, nth, offset }) => {
      const target = document.querySelectorAll(selector)[nth];
      if (!target) throw new Error(`no ${selector} #${nth}`);
      const header = document.querySelector('header')?.getBoundingClientRect().height ?? 0;
      const summary = document.querySelector('mobile-starlight-toc summary')?.getBoundingClientRect().height ?? 0;
      window.scrollTo({ top: window.scrollY + target.getBoundingClientRect().top - header - summary - offset - 40 });
    },
    { selector, nth, offset },
  );
}

/** The id of the last linked heading that comes before `selector`'s element in the document. */
function headingBefore(page: Page, list: string, selector: string): Promise<string> {
  return page.evaluate(
    ({ list, selector }) => {
      const target = document.querySelector(selector);
      if (!target) throw new Error(`no ${selector}`);
      let id = '';
      for (const link of document.querySelectorAll<HTMLAnchorElement>(`${list} a`)) {
        const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (heading && heading.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) id = heading.id;
      }
      return id;
    },
    { list, selector },
  );
}

test('the sidebar marks the heading at the top, and the section an embedded playground is in', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(GUIDE, { waitUntil: 'networkidle' });
  const toc = page.locator('starlight-toc');
  const current = toc.locator('a[aria-current="true"]');

  await scrollTo(page, 'main h2[id]', 2);
  const third = await page.locator('main h2[id]').nth(2).getAttribute('id');
  await expect(current).toHaveAttribute('href', `#${third}`);
  await expect(current).toHaveCount(1);

  // Deep inside the first playground, no heading in view: its section's entry.
  const island = 'main astro-island';
  const before = await headingBefore(page, 'starlight-toc', island);
  expect(before, 'a linked heading precedes the first playground').not.toBe('');
  await scrollTo(page, `${island} > *`, 0, -300); // the island itself is display: contents, with no box
  await expect(current).toHaveAttribute('href', `#${before}`);

  await page.evaluate(() => window.scrollTo({ top: 0 }));
  await expect(current).toHaveAttribute('href', '#_top');
  expect(problems).toEqual([]);
});

test('the drop-down names the section being read, and a link, a click outside or Escape closes it', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(GUIDE, { waitUntil: 'networkidle' });
  const toc = page.locator('mobile-starlight-toc');
  const summary = toc.locator('summary');
  const shown = toc.locator('.display-current');

  await scrollTo(page, 'main h2[id]', 1);
  const second = page.locator('main h2[id]').nth(1);
  await expect(shown).toHaveText((await second.textContent())?.trim() ?? '');
  await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', `#${await second.getAttribute('id')}`);

  await summary.click();
  const entries = toc.locator('.dropdown a');
  await expect(entries.first()).toBeVisible();
  const fourth = entries.nth(3);
  const href = (await fourth.getAttribute('href')) ?? '';
  await fourth.click();
  await expect(page).toHaveURL((url) => url.hash === href);
  await expect(entries.first(), 'a link closes the list').toBeHidden();
  await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', href);

  await summary.click();
  await expect(entries.first()).toBeVisible();
  // The list covers most of the window: the click goes to the page's title under it, without hit-testing.
  await page.locator('main h1').dispatchEvent('click');
  await expect(entries.first(), 'a click outside closes the list').toBeHidden();

  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(entries.first()).toBeVisible();
  await entries.first().focus();
  await page.keyboard.press('Escape');
  await expect(entries.first(), 'Escape closes the list').toBeHidden();
  await expect(summary, 'and gives focus back to the bar').toBeFocused();
  expect(problems).toEqual([]);
});
