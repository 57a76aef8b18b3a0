import { expect, type Locator, type Page, test } from '@playwright/test';
import { formatDuration } from '../../src/lib/format/index.ts';
import { compareScenarios, SCENARIOS, type ScenarioId, simulateHandshake } from '../../src/lib/handshake/index.ts';
import {
  CALCULATOR_DEFAULTS,
  type TlsCalculatorState as CalculatorState,
  type ComparisonKey,
  NETWORK_PRESETS,
  parseCalculatorState,
  scenarioLabel,
  sortComparison,
} from '../../src/lib/tls-calculator/index.ts';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * Browser tests of the TLS round-trip calculator, by label and role, against the built site: the playground
 * (state mirrored in the URL) and the embed in the TLS guide (independent of the URL). Expected numbers come from
 * the same model the island uses, never typed in.
 */
const PLAYGROUND = '/playgrounds/tls-round-trips/';
const GUIDE = '/security/tls/';
const FIELD_LABELS = [
  'Round-trip time (ms)',
  'Bandwidth (Mbit/s)',
  'Certificate chain (bytes)',
  'Response size (bytes)',
  'Server time (ms)',
  'DNS resolver RTT (ms)',
] as const;

/** The island's number format, the site's one duration format: "7.3 ms", "123 ms", "1.20 s". */
const ms = formatDuration;

/** The model input of a calculator state typed as text, parsed exactly as the island parses it. */
function parseInput(state: Partial<CalculatorState>) {
  const parsed = parseCalculatorState({ ...CALCULATOR_DEFAULTS, ...state });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** The model's result for a typed calculator state. */
const predict = (state: Partial<CalculatorState>) =>
  simulateHandshake(state.scenario ?? CALCULATOR_DEFAULTS.scenario, parseInput(state));

/** The calculator on the page (on the guide there is exactly one, with the same accessible name). */
const calculator = (page: Page): Locator => page.getByRole('region', { name: 'TLS round-trip calculator' });

/** The number next to a headline term ("Time to first byte"). */
const headline = (calc: Locator, term: string): Locator =>
  calc
    .locator('.tc-headline > div')
    .filter({ has: calc.page().getByRole('term').getByText(term, { exact: true }) })
    .getByRole('definition');

/**
 * Waits until Astro has hydrated the island (the `ssr` attribute goes) and the island shows its own results (it
 * computes them in a worker; until the first answer the server's HTML of the results stays: `data-live` comes then).
 */
async function hydrated(page: Page, calc: Locator): Promise<void> {
  await calc.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: page.locator('section.tc') })).not.toHaveAttribute('ssr', /.*/);
  await expect(calc).toHaveAttribute('data-live', '');
}

test('the default state is rendered on the server, before any JavaScript runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  const expected = predict({});
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('tls13-full');
  await expect(calc.getByLabel('Round-trip time (ms)')).toHaveValue(CALCULATOR_DEFAULTS.rtt);
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(expected.ttfbMs));
  await expect(calc.getByRole('img', { name: SCENARIOS['tls13-full'].title })).toBeVisible();
  await context.close();
});

test('changing the RTT recomputes the times the model predicts', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(predict({}).ttfbMs));

  for (const rtt of ['250', '37.5']) {
    await calc.getByLabel('Round-trip time (ms)').fill(rtt);
    const expected = predict({ rtt });
    await expect(headline(calc, 'Time to first byte')).toHaveText(ms(expected.ttfbMs));
    await expect(headline(calc, 'Time to last byte')).toHaveText(ms(expected.timeToLastByteMs));
    await expect(headline(calc, 'Request sent')).toHaveText(`${ms(expected.requestSentMs)} after 2 round trips`);
  }
  await expect(page).toHaveURL(/\?rtt=37\.5$/);
  expect(problems).toEqual([]);
});

test('changing the scenario redraws the ladder with that protocol’s messages', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  const tls13 = calc.getByRole('img', { name: SCENARIOS['tls13-full'].title });
  await expect(tls13).toHaveAccessibleDescription(/EncryptedExtensions/);
  await expect(tls13).not.toHaveAccessibleDescription(/ServerKeyExchange/);

  await calc.getByLabel('Protocol scenario').selectOption('tls12-full');
  await expect(tls13).toHaveCount(0);
  const tls12 = calc.getByRole('img', { name: SCENARIOS['tls12-full'].title });
  await expect(tls12).toHaveAccessibleDescription(/ServerKeyExchange/);
  await expect(tls12).not.toHaveAccessibleDescription(/EncryptedExtensions/);
  await expect(calc.getByRole('heading', { name: SCENARIOS['tls12-full'].title })).toBeVisible();
  const expected = predict({ scenario: 'tls12-full' });
  await expect(headline(calc, 'Request sent')).toHaveText(`${ms(expected.requestSentMs)} after 3 round trips`);
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(expected.ttfbMs));

  await calc.getByLabel('Protocol scenario').selectOption('quic-new');
  await expect(calc.getByRole('img', { name: SCENARIOS['quic-new'].title })).toHaveAccessibleDescription(/Initial/);
  await expect(page).toHaveURL(/\?scenario=quic-new$/);
  expect(problems).toEqual([]);
});

test('once the island has rested, a scenario’s numbers come in the task of the change and its ladder right after, with nothing posted to a worker', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  // Counts the messages posted to any worker.
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    const counted = window as Window & { pjPosts?: number };
    counted.pjPosts = 0;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      counted.pjPosts = (counted.pjPosts ?? 0) + 1;
      return post.apply(this, args);
    } as Worker['postMessage'];
  });
  const posts = () => page.evaluate(() => (window as Window & { pjPosts?: number }).pjPosts ?? 0);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  // 300 ms after the network last changed, the island holds every ladder.
  await expect(calc).toHaveAttribute('data-ladders', '');
  const before = await posts();
  const drawn = await page.evaluate(async () => {
    const select = document.querySelector<HTMLSelectElement>('section.tc select');
    if (select === null) throw new Error('no scenario select');
    const ladder = () => document.querySelector('section.tc figure svg > title')?.textContent;
    const shown = ladder();
    select.value = 'quic-0rtt';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    // Preact renders a state change in a microtask; a worker's answer would be a task of its own, after these.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    return {
      heading: document.querySelector('section.tc .tc-heading')?.textContent,
      sent: document.querySelector('section.tc .tc-headline dd')?.textContent,
      // The ladder follows in a task of its own once this frame is painted.
      ladderUnchanged: ladder() === shown,
    };
  });
  const expected = predict({ scenario: 'quic-0rtt' });
  expect(drawn.heading).toBe(SCENARIOS['quic-0rtt'].title);
  expect(drawn.sent).toContain(ms(expected.requestSentMs));
  expect(drawn.ladderUnchanged).toBe(true);
  await expect(calc.getByRole('img', { name: SCENARIOS['quic-0rtt'].title })).toBeVisible();
  expect(await posts(), 'nothing posted to the worker for a held scenario').toBe(before);
  await expect(page).toHaveURL(/\?scenario=quic-0rtt$/);
  expect(problems).toEqual([]);
});

test('an invalid value shows a message quoting it next to the field, and the last good results stay', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  const rtt = calc.getByLabel('Round-trip time (ms)');
  const good = ms(predict({}).ttfbMs);

  await rtt.fill('fast');
  await expect(rtt).toHaveAttribute('aria-invalid', 'true');
  const message = "Round-trip time must be a number, got 'fast'.";
  await expect(calc.getByText(message)).toBeVisible();
  await expect(rtt).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // The message sits in the same field group as the input.
  await expect(
    calc.locator('.pj-field', { has: page.getByLabel('Round-trip time (ms)') }).getByText(message),
  ).toBeVisible();
  await expect(headline(calc, 'Time to first byte')).toHaveText(good);

  const bandwidth = calc.getByLabel('Bandwidth (Mbit/s)');
  await bandwidth.fill('0');
  await expect(bandwidth).toHaveAttribute('aria-invalid', 'true');
  await expect(calc.locator('.pj-field', { has: page.getByLabel('Bandwidth (Mbit/s)') })).toContainText(
    "Bandwidth is '0' but must be from 0.001 to 100000 Mbit/s.",
  );

  await rtt.fill('80');
  await bandwidth.fill('');
  await expect(rtt).not.toHaveAttribute('aria-invalid', /.*/);
  await expect(bandwidth).not.toHaveAttribute('aria-invalid', /.*/);
  await expect(calc.getByText(message)).toHaveCount(0);
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(predict({ rtt: '80', bandwidth: '' }).ttfbMs));
  expect(problems).toEqual([]);
});

test('a network preset fills RTT and bandwidth, is marked pressed, and gives the model’s numbers', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  const preset = NETWORK_PRESETS.find((p) => p.id === 'mobile');
  if (preset === undefined) throw new Error('the mobile preset is gone');
  const button = calc.getByRole('button', { name: preset.label });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(calc.getByLabel('Round-trip time (ms)')).toHaveValue(String(preset.rttMs));
  await expect(calc.getByLabel('Bandwidth (Mbit/s)')).toHaveValue(String(preset.bandwidthMbps));
  const expected = predict({ rtt: String(preset.rttMs), bandwidth: String(preset.bandwidthMbps) });
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(expected.ttfbMs));
  // Editing a preset's value by hand releases the button.
  await calc.getByLabel('Round-trip time (ms)').fill('121');
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  expect(problems).toEqual([]);
});

test('the comparison table sorts by a column both ways, and a row selects its scenario', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  const table = calc.getByRole('table', { name: /All scenarios on this network/ });
  const results = compareScenarios(parseInput({}));
  const order = (key: ComparisonKey, direction: 'ascending' | 'descending') =>
    sortComparison(results, key, direction).map((r) => scenarioLabel(r.scenario));

  await expect(table.getByRole('rowheader')).toHaveText(order('order', 'ascending'));
  const header = table.getByRole('columnheader', { name: /First byte/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('rowheader')).toHaveText(order('ttfb', 'ascending'));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('rowheader')).toHaveText(order('ttfb', 'descending'));
  const fastest = order('ttfb', 'ascending')[0] ?? '';
  const row = table.getByRole('row', { name: new RegExp(`^${fastest.replace(/[+()]/g, '\\$&')}`) });
  const fastestResult = results.find((r) => scenarioLabel(r.scenario) === fastest);
  await expect(row).toContainText(ms(fastestResult?.ttfbMs ?? Number.NaN));

  const quic0 = table.getByRole('button', { name: scenarioLabel('quic-0rtt'), exact: true });
  await quic0.click();
  await expect(quic0).toHaveAttribute('aria-pressed', 'true');
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('quic-0rtt');
  await expect(calc.getByRole('img', { name: SCENARIOS['quic-0rtt'].title })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a shared URL restores the exact state in a fresh page', async ({ page, browser }) => {
  const problems = watchForProblems(page);
  await page.goto(PLAYGROUND);
  const calc = calculator(page);
  await hydrated(page, calc);
  const state: CalculatorState = {
    scenario: 'tls12-resumed',
    rtt: '73.5',
    bandwidth: '',
    cert: '9000',
    response: '120000',
    processing: '12',
    dns: '30',
  };
  await calc.getByLabel('Protocol scenario').selectOption(state.scenario);
  const values = [state.rtt, state.bandwidth, state.cert, state.response, state.processing, state.dns];
  for (const [i, label] of FIELD_LABELS.entries()) await calc.getByLabel(label).fill(values[i] ?? '');
  // The address bar is written once typing pauses (useUrlState): wait for that state.
  await expect(page).toHaveURL(/scenario=tls12-resumed.*dns=30|dns=30.*scenario=tls12-resumed/);
  const url = page.url();
  const expected = predict(state);
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(expected.ttfbMs));

  const context = await browser.newContext();
  const fresh = await context.newPage();
  const freshProblems = watchForProblems(fresh);
  await fresh.goto(url);
  const restored = calculator(fresh);
  await hydrated(fresh, restored);
  await expect(restored.getByLabel('Protocol scenario')).toHaveValue(state.scenario);
  for (const [i, label] of FIELD_LABELS.entries())
    await expect(restored.getByLabel(label)).toHaveValue(values[i] ?? '');
  for (const term of ['Request sent', 'Time to first byte', 'Time to last byte']) {
    await expect(headline(restored, term)).toHaveText((await headline(calc, term).textContent()) ?? '');
  }
  await expect(headline(restored, 'Time to first byte')).toHaveText(ms(expected.ttfbMs));
  const ladder = (await calc.getByRole('img').evaluate((svg) => svg.querySelector('desc')?.textContent)) ?? '';
  expect(ladder).toContain('ChangeCipherSpec');
  await expect(restored.getByRole('img', { name: SCENARIOS[state.scenario].title })).toHaveAccessibleDescription(
    ladder,
  );
  await expect(restored.getByRole('table')).toHaveText((await calc.getByRole('table').textContent()) ?? '');
  // Restoring does not rewrite the URL it came from.
  expect(fresh.url()).toBe(url);
  await context.close();
  expect(problems).toEqual([]);
  expect(freshProblems).toEqual([]);
});

test('typing replaces the history entry, a scenario pushes one; back/forward restore each entry', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${PLAYGROUND}?rtt=80`);
  const calc = calculator(page);
  await hydrated(page, calc);
  const rtt = calc.getByLabel('Round-trip time (ms)');
  await expect(rtt).toHaveValue('80');
  const length = await page.evaluate(() => history.length);
  await rtt.fill('90');
  await expect(page).toHaveURL(/\?rtt=90$/);
  expect(await page.evaluate(() => history.length), 'typing replaces the entry').toBe(length);
  await calc.getByLabel('Protocol scenario').selectOption('tls13-0rtt');
  await expect(page).toHaveURL(/\?scenario=tls13-0rtt&rtt=90$/);
  expect(await page.evaluate(() => history.length), 'a deliberate choice pushes one').toBe(length + 1);
  await page.goBack();
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('tls13-full');
  await expect(rtt).toHaveValue('90');
  await page.goForward();
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('tls13-0rtt');

  // Another same-document entry (as a link to a shared state would make), then the browser's back button.
  await page.evaluate(() => history.pushState(null, '', '?scenario=quic-new&rtt=42'));
  await page.goBack();
  await expect(page).toHaveURL(/\?scenario=tls13-0rtt&rtt=90$/);
  await page.goForward();
  await expect(rtt).toHaveValue('42');
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('quic-new');
  await expect(headline(calc, 'Time to first byte')).toHaveText(
    ms(predict({ scenario: 'quic-new', rtt: '42' }).ttfbMs),
  );
  await page.goBack();
  await expect(rtt).toHaveValue('90');
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('tls13-0rtt');
  expect(problems).toEqual([]);
});

test('the embed in the TLS guide hydrates with its preset, works, and leaves the URL alone', async ({ page }) => {
  const problems = watchForProblems(page);
  // A query meant for the playground must not leak into the guide's calculator.
  await page.goto(`${GUIDE}?rtt=300&scenario=quic-new`);
  const calc = calculator(page);
  await expect(calc).toHaveCount(1);
  await hydrated(page, calc);
  const rtt = calc.getByLabel('Round-trip time (ms)');
  await expect(rtt).toHaveAttribute('id', 'tls-guide-calculator-rtt');
  await expect(rtt).toHaveValue('100');
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('tls13-full');
  await expect(headline(calc, 'Time to first byte')).toHaveText(ms(predict({ rtt: '100' }).ttfbMs));

  // The guide's static TLS 1.3 ladder is drawn latency-only (unlimited bandwidth, 10 KB response): the island's
  // ladder for the same input is the same picture, and must still have ids of its own.
  await calc.getByLabel('Bandwidth (Mbit/s)').fill('');
  await calc.getByLabel('Response size (bytes)').fill('10000');
  const ladder = calc.getByRole('img', { name: SCENARIOS['tls13-full'].title });
  await expect(ladder).toHaveAccessibleDescription(/EncryptedExtensions/);
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicates, 'element ids repeated on the page').toEqual([]);

  await rtt.fill('200');
  await calc.getByLabel('Protocol scenario').selectOption('tls12-full');
  await expect(headline(calc, 'Time to first byte')).toHaveText(
    ms(predict({ scenario: 'tls12-full', rtt: '200', bandwidth: '', response: '10000' }).ttfbMs),
  );
  await expect(calc.getByRole('img', { name: SCENARIOS['tls12-full'].title })).toBeVisible();
  expect(new URL(page.url()).search).toBe('?rtt=300&scenario=quic-new');
  expect(problems).toEqual([]);
});

/** Leaves the island in a busy state for axe: an error showing and a QUIC ladder. */
async function exercise(page: Page): Promise<Locator> {
  const calc = calculator(page);
  await hydrated(page, calc);
  await calc.getByLabel('Certificate chain (bytes)').fill('12.5');
  await expect(calc.getByLabel('Certificate chain (bytes)')).toHaveAttribute('aria-invalid', 'true');
  await calc.getByLabel('Protocol scenario').selectOption('quic-new' satisfies ScenarioId);
  return calc;
}

for (const path of [PLAYGROUND, GUIDE]) {
  test(`axe-clean in both themes and at 390 px, with an error showing (${path})`, async ({ page }) => {
    const problems = watchForProblems(page);
    for (const theme of ['dark', 'light'] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(path);
      await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await exercise(page);
      expect(await axeViolations(page), `axe violations (${theme} theme)`).toEqual([]);
      // Load again at phone width (the theme choice persists): scroll containers are measured on load.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await exercise(page);
      expect(await axeViolations(page), `axe violations (${theme} theme, 390 px)`).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow at 390 px (${theme})`).toBeLessThanOrEqual(0);
    }
    expect(problems).toEqual([]);
  });
}

for (const [query, label] of [
  ['?rtt=1e308', 'Round-trip time (ms)'],
  ['?server=1e308', 'Server time (ms)'],
  ['?dns=1e308', 'DNS resolver RTT (ms)'],
  ['?bw=1e-320', 'Bandwidth (Mbit/s)'],
] as const) {
  test(`a hostile link (${query}) shows the bound on its field; the results stay finite`, async ({ page }) => {
    const problems = watchForProblems(page);
    await page.goto(`${PLAYGROUND}${query}`);
    const calc = calculator(page);
    await hydrated(page, calc);
    const field = calc.getByLabel(label);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/but must be from/);
    await expect(
      calc.locator('.pj-field', { has: page.getByLabel(label) }).getByText(/but must be from/),
    ).toBeVisible();
    // The last good result (the defaults) stays on screen.
    await expect(headline(calc, 'Time to first byte')).toHaveText(ms(predict({}).ttfbMs));
    await expect(calc.locator('.tc-headline')).not.toContainText(/NaN|Infinity/);
    await expect(calc.locator('.tc-table')).not.toContainText(/NaN|Infinity/);
    const start = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - start, 'main-thread round trip (ms)').toBeLessThan(1000);
    // Typing a good value clears the error.
    await field.fill('50');
    await expect(field).not.toHaveAttribute('aria-invalid', /.*/);
    expect(problems).toEqual([]);
  });
}

test('an unknown scenario in a link is named, and the page shows TLS 1.3 instead', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto(`${PLAYGROUND}?scenario=tls14`);
  const calc = calculator(page);
  await hydrated(page, calc);
  await expect(
    calc.getByText("Unknown scenario 'tls14' in the link — showing TLS 1.3 full handshake (1-RTT)."),
  ).toBeVisible();
  await expect(calc.getByLabel('Protocol scenario')).toHaveValue('tls13-full');
  expect(problems).toEqual([]);
});

test('without JavaScript a line says the controls need it', async ({ request }) => {
  // Chromium with script execution disabled by DevTools still parses <noscript> as text, so read the served page.
  const html = await (await request.get(PLAYGROUND)).text();
  expect(html).toMatch(
    /<noscript><p[^>]*>These controls need JavaScript; the results below are for the default values\.<\/p><\/noscript>/,
  );
});
