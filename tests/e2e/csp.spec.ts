import { expect, type Page, test } from '@playwright/test';
import { sitemapPaths } from './pages.ts';
import { watchForProblems } from './support.ts';

/**
 * The Content-Security-Policy (src/lib/deploy/csp.ts, shipped as each page's <meta>) blocks nothing the site
 * itself does: every sitemap page in both themes, with a search typed, and each playground used once (a value
 * typed, a preset picked). Violations are recorded in the page by a `securitypolicyviolation` listener installed
 * before any of the page's own scripts run.
 */

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber} sample=${event.sample}`,
      );
    });
  });
}

const violations = (page: Page): Promise<string[]> => page.evaluate(() => window.__cspViolations ?? []);

/** Uses each island once: types into its first text field and picks another option in each of its selects. */
async function useIslands(page: Page): Promise<number> {
  const islands = page.locator('main astro-island');
  const count = await islands.count();
  for (let i = 0; i < Math.min(count, 20); i++) {
    const island = islands.nth(i);
    if (!(await island.isVisible())) continue;
    const field = island.getByRole('textbox').first();
    if ((await field.count()) > 0 && (await field.isVisible()) && (await field.isEditable())) {
      await field.press('End');
      await field.pressSequentially('1');
    }
    const selects = island.locator('select:visible');
    const selectCount = Math.min(await selects.count(), 5);
    for (let s = 0; s < selectCount; s++) {
      const select = selects.nth(s);
      const values = await select
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      const current = await select.inputValue();
      const other = values.find((v) => v !== current && v !== '');
      if (other !== undefined && (await select.isEnabled())) await select.selectOption(other);
    }
  }
  return count;
}

/** Types a query into Starlight's search (Pagefind: WebAssembly and a worker) and waits for a result. */
async function search(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: /^Search/ }), 'search is ready').toBeEnabled();
  await page.locator('.pagefind-ui__search-input').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: /^Search/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('textbox', { name: 'Search' }).fill('journey');
  await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
}

test('the CSP is in every page: no unsafe-inline or unsafe-eval for scripts', async ({ page }) => {
  for (const path of sitemapPaths()) {
    await page.goto(path);
    const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(csp, `CSP meta on ${path}`).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    const scriptSrc = /script-src ([^;]*)/.exec(csp ?? '')?.[1] ?? '';
    expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(csp).toContain("object-src 'none'");
  }
});

for (const path of sitemapPaths()) {
  test(`no CSP violation on ${path} in both themes, with search and its playgrounds used`, async ({ page }) => {
    await recordViolations(page);
    const problems = watchForProblems(page);
    await page.goto(path, { waitUntil: 'networkidle' });
    const themeSelect = page.getByRole('combobox', { name: 'Select theme' }).first();
    for (const theme of ['dark', 'light'] as const) {
      await themeSelect.selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    }
    await page.reload({ waitUntil: 'networkidle' });
    await useIslands(page);
    await search(page);
    await page.waitForLoadState('networkidle');
    expect(await violations(page), `CSP violations on ${path}`).toEqual([]);
    expect(problems, 'console errors and failed requests').toEqual([]);
  });
}
