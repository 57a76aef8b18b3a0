import AxeBuilder from '@axe-core/playwright';
import type { Page, Request } from '@playwright/test';

/** WCAG 2.2 A and AA rules (axe tags accumulate per WCAG version). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Records console errors (Content-Security-Policy violations among them), uncaught exceptions and failed or 4xx/5xx requests while a page is used.
 *
 * Two failures are not problems, both cancellations (`net::ERR_ABORTED`) caused by leaving a page:
 * - a document request superseded by a newer navigation: the browser cancels the old page load when a newer one starts
 *   (a click on a search result can start the same navigation twice, and under load the first one is still in
 *   flight). Such a request is recorded when it fails and taken back as soon as a later main-frame navigation is seen,
 *   whichever of the two events arrives first;
 * - a subresource (script, style, image, fetch) of the page being left: the browser cancels it when the next document
 *   commits. It may have started before the navigation (flake-proof round 13: under load, a click on the home page's
 *   link to the journey page cut off a script the home page was still fetching) or after it started (stop 24's CI:
 *   Starlight imports Pagefind's UI when the browser is idle, and on a busy machine the home page became idle only
 *   once the test's next `goto` was already under way). What counts is that it started before a new document
 *   committed and failed after a navigation had started. When it fails before the commit, it is recorded and taken
 *   back at the commit.
 * The browser's own favicon fetch, when aborted, is not a problem either (a 404 still is). Nothing else is excused: an
 * aborted subresource with no navigation under way stays a problem even if the page is left later (and a same-document
 * navigation, `history.pushState`, leaves no page), as do an aborted document with no navigation after it, an HTTP
 * error and a blocked request.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  /** Main-frame navigation requests seen so far, and the count when each request started. */
  let navigations = 0;
  const startedAfter = new WeakMap<Request, number>();
  /**
   * New documents committed in the main frame so far, the count when each request started, and the navigation count
   * at the latest commit. A commit is a new document only when a main-frame navigation request came since the last
   * one: a same-document navigation (`pushState`, a fragment) also fires `framenavigated`, with no request.
   */
  let documents = 0;
  let navigationsAtCommit = 0;
  const startedOnDocument = new WeakMap<Request, number>();
  /** Aborted document requests not yet known to be superseded: their problem text and the count at their start. */
  let aborted: { text: string; started: number }[] = [];
  /** Problem texts of aborted subresources that failed while a navigation was under way, not yet committed. */
  let cutOff: string[] = [];
  const takeBack = (texts: string[]) => {
    for (const text of texts) problems.splice(problems.indexOf(text), 1);
  };
  const forgetSuperseded = () => {
    takeBack(aborted.filter((a) => navigations > a.started).map((a) => a.text));
    aborted = aborted.filter((a) => navigations <= a.started);
  };
  const isMainFrameNavigation = (request: Request): boolean => {
    try {
      return request.isNavigationRequest() && request.frame() === page.mainFrame();
    } catch {
      return false; // a service worker's request has no frame
    }
  };
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame() || navigations === navigationsAtCommit) return;
    documents++;
    navigationsAtCommit = navigations;
    takeBack(cutOff);
    cutOff = [];
  });
  page.on('console', (message) => {
    // Chromium reports each Content-Security-Policy violation on the console (as an error; checked by text too so a
    // violation logged at another level still fails the test).
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    else if (/Content Security Policy/i.test(message.text())) problems.push(`CSP violation: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    startedAfter.set(request, navigations);
    startedOnDocument.set(request, documents);
    if (isMainFrameNavigation(request)) {
      navigations++;
      forgetSuperseded();
    }
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    const text = `request failed: ${request.url()} (${error})`;
    const kind = request.resourceType();
    // The favicon is fetched by the browser for its tab strip, not by the page, and the fetch is cancelled whenever
    // the browser drops it (seen in the flake proof: a reload soon after the first load aborted it). A missing
    // favicon is still caught, as an HTTP 404 below.
    if (error === 'net::ERR_ABORTED' && kind === 'other' && new URL(request.url()).pathname.endsWith('/favicon.svg')) {
      return;
    }
    const started = startedAfter.get(request) ?? navigations;
    // A subresource of the page being left (see above): excused if a new document has committed since it started,
    // taken back at the commit if a navigation is under way.
    const subresourceAborted = error === 'net::ERR_ABORTED' && kind !== 'document' && kind !== 'other';
    if (subresourceAborted && documents > (startedOnDocument.get(request) ?? documents)) return;
    problems.push(text);
    if (subresourceAborted && navigations > navigationsAtCommit) cutOff.push(text);
    // A document request, or a link prefetch of one (type 'other': Chromium fetches a hovered or tapped link's page
    // ahead, and aborts that fetch when the click navigates), is harmless once a navigation supersedes it. Seen in
    // the flake proof: search's Enter on a result under load aborted a prefetch of the result page.
    if (error === 'net::ERR_ABORTED' && (kind === 'document' || kind === 'other')) {
      // Counted from before its own start: a navigation request increments the count as it starts.
      aborted.push({ text, started: started + (isMainFrameNavigation(request) ? 1 : 0) });
      forgetSuperseded();
    }
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
