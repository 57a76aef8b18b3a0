import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.2 A and AA rules (axe tags accumulate per WCAG version). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Records console errors, uncaught exceptions and failed or 4xx/5xx requests while a page is used. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // A navigation superseded by the next one is aborted by the browser: not a failed resource.
    if (request.isNavigationRequest() && error === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * WCAG rules axe ships disabled as "experimental" that Lighthouse runs: enabled here too, so a page that passes
 * these tests does not fail Lighthouse's accessibility audits. `td-has-header`: data cells of tables larger than
 * 3 × 3 need a header (WCAG 1.3.1).
 */
const AXE_EXPERIMENTAL_RULES = ['td-has-header'];

/** axe-core violations (WCAG 2.2 A/AA) on the page, or inside `include` when given, one line each. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  // options() replaces the whole option object, so it goes before withTags(), which adds runOnly to it.
  const builder = new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(AXE_EXPERIMENTAL_RULES.map((id) => [id, { enabled: true }])) })
    .withTags(AXE_TAGS);
  const results = await (include === undefined ? builder : builder.include(include)).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}
