import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { type Exercise, FAMILIES, type Family, familyById } from '../../src/lib/practice/index.ts';
import {
  DEFAULT_SEED,
  familyProblem,
  type ProblemRef,
  quizFamily,
  quizProblem,
} from '../../src/lib/practice-page/index.ts';
import { axeViolations, watchForProblems } from './support.ts';

/**
 * Browser tests of the Practice section, by label and role, against the built site. Every expected question and
 * answer is computed here from the same family the island runs (family + seed), never typed in.
 */
const FAMILY_ID = 'ipv4-subnet';
const family = familyById(FAMILY_ID) ?? (FAMILIES[0] as Family);
const PAGE = `/practice/${family.id}/`;

const island = (page: Page): Locator => page.locator('section.practice');
const form = (page: Page): Locator => page.getByRole('form', { name: 'Your answer' });
/** The question as the page shows it (whitespace collapsed, as the accessibility tree and getByText see it). */
const text = (exercise: Exercise): string => exercise.question.replace(/\s+/g, ' ').trim();

async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(island(page)).toHaveAttribute('data-live', '');
}

/** Types `answers` into the exercise's fields (radio choices clicked), leaving the focus in the last text field. */
async function fill(page: Page, exercise: Exercise, answers: Readonly<Record<string, string>>): Promise<void> {
  for (const input of exercise.inputs) {
    const value = answers[input.id] ?? '';
    if (input.kind === 'choice') {
      const label = input.choices?.find((choice) => choice.value === value)?.label ?? '';
      const group = form(page).getByRole('group', { name: input.label });
      if ((await group.count()) > 0) await group.getByRole('radio', { name: label, exact: true }).check();
      else await form(page).getByLabel(input.label, { exact: true }).selectOption(value);
    } else {
      await form(page).getByLabel(input.label, { exact: true }).fill(value);
    }
  }
}

/** A wrong answer for one field that the family names as a mistake of its own (found by asking the checker). */
function namedMistake(fam: Family, exercise: Exercise): { id: string; value: string; message: string } {
  for (const input of exercise.inputs) {
    const right = exercise.answer[input.id] ?? '';
    const n = Number(right);
    const candidates = Number.isFinite(n) ? [n + 2, n + 1, n - 1, n * 2, n - 2].map(String) : [];
    for (const value of candidates) {
      const field = fam.check(exercise, { ...exercise.answer, [input.id]: value }).fields[input.id];
      if (field !== undefined && !field.ok && !['empty', 'unparsable', 'wrong'].includes(field.mistake)) {
        return { id: input.id, value, message: field.message };
      }
    }
  }
  throw new Error(`no named mistake found for ${exercise.family} seed ${exercise.seed}`);
}

test('solve by keyboard: Enter checks, Enter again opens the next problem with the focus in its first field', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const ref: ProblemRef = { seed: 31, level: 2, n: 1 };
  await open(page, `${PAGE}?seed=${ref.seed}&level=${ref.level}`);
  const exercise = familyProblem(family, ref);
  await expect(island(page).getByText(text(exercise))).toBeVisible();
  await fill(page, exercise, exercise.answer);
  await page.keyboard.press('Enter');
  await expect(form(page).getByRole('status')).toHaveText(/^Correct/);
  await expect(form(page).getByRole('button', { name: 'Next problem' })).toBeVisible();
  await page.keyboard.press('Enter');
  const next = familyProblem(family, { ...ref, n: 2 });
  await expect(island(page).getByText(text(next))).toBeVisible();
  await expect(page).toHaveURL(/[?&]n=2/);
  const first = next.inputs[0];
  if (first !== undefined && first.kind !== 'choice') {
    await expect(form(page).getByLabel(first.label, { exact: true })).toBeFocused();
    await page.keyboard.type(next.answer[first.id] ?? '');
    await expect(form(page).getByLabel(first.label, { exact: true })).toHaveValue(next.answer[first.id] ?? '');
  }
  expect(problems).toEqual([]);
});

test('a named mistake is shown beside its field and announced in the live region', async ({ page }) => {
  const ref: ProblemRef = { seed: 31, level: 2, n: 1 };
  await open(page, `${PAGE}?seed=${ref.seed}&level=${ref.level}`);
  const exercise = familyProblem(family, ref);
  const mistake = namedMistake(family, exercise);
  await fill(page, exercise, { ...exercise.answer, [mistake.id]: mistake.value });
  await form(page).getByRole('button', { name: 'Check' }).click();
  await expect(form(page).getByRole('status')).toContainText(mistake.message);
  const label = exercise.inputs.find((input) => input.id === mistake.id)?.label ?? '';
  const field = form(page).getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(`✗ ${mistake.message}`);
  await expect(form(page).getByRole('button', { name: 'Check' })).toBeVisible();
});

test('the solution reveals worked steps, the guide and the playground with the problem', async ({ page }) => {
  await open(page, PAGE);
  const exercise = familyProblem(family, { seed: DEFAULT_SEED, level: 1, n: 1 });
  const solution = island(page).locator('details');
  await island(page).getByText('Show solution').click();
  await expect(solution).toHaveAttribute('open', '');
  await expect(solution.getByRole('listitem')).toHaveCount(exercise.solution.length);
  const base = (process.env.BASE_PATH ?? '/').replace(/\/+$/, '');
  await expect(solution.getByRole('link', { name: `Read: ${exercise.guide.label}` })).toHaveAttribute(
    'href',
    `${base}${exercise.guide.href}`,
  );
  if (exercise.playground !== undefined) {
    await expect(solution.getByRole('link', { name: /^Open in the playground/ })).toHaveAttribute(
      'href',
      `${base}${exercise.playground.href}`,
    );
  }
});

test('the link to the problem set opens the same problem in a new page', async ({ page, context }) => {
  const ref: ProblemRef = { seed: 777, level: 3, n: 5 };
  await open(page, `${PAGE}?seed=${ref.seed}&level=${ref.level}&n=${ref.n}`);
  const link = await island(page).getByLabel('Link to this problem set').inputValue();
  expect(link).toMatch(/seed=777&level=3&n=5$/);
  const other = await context.newPage();
  await open(other, link);
  await expect(island(other).getByText(text(familyProblem(family, ref)))).toBeVisible();
  await expect(island(other).getByRole('radio', { name: '3 · hard' })).toBeChecked();
});

test('progress survives a reload and Reset clears it', async ({ page }) => {
  const ref: ProblemRef = { seed: 5, level: 1, n: 1 };
  await open(page, `${PAGE}?seed=${ref.seed}`);
  const exercise = familyProblem(family, ref);
  await fill(page, exercise, exercise.answer);
  await page.keyboard.press('Enter');
  await expect(form(page).getByRole('status')).toHaveText(/^Correct/);
  await page.reload();
  await expect(island(page)).toHaveAttribute('data-live', '');
  await expect(island(page).getByText('Solved 1 of 1 · streak 1 (best 1)')).toBeVisible();
  await island(page).getByRole('button', { name: 'Reset progress' }).click();
  await expect(island(page).getByText('No problems checked yet.')).toBeVisible();
  await page.reload();
  await expect(island(page)).toHaveAttribute('data-live', '');
  await expect(island(page).getByText('No problems checked yet.')).toBeVisible();
});

test('a hostile link shows the default set with notices, and nothing breaks', async ({ page }) => {
  const problems = watchForProblems(page);
  await open(page, `${PAGE}?seed=-1e308&family=%3Cscript%3Ealert(1)%3C/script%3E&level=%3Cscript%3E`);
  const notice = island(page).locator('.pj-notice');
  await expect(notice).toContainText("Problem set '-1e308' in the link is not a whole number");
  await expect(notice).toContainText("Unknown difficulty '<script>' in the link");
  const exercise = familyProblem(family, { seed: DEFAULT_SEED, level: 1, n: 1 });
  await expect(island(page).getByText(text(exercise))).toBeVisible();
  // 100,000-character parameters: longer than a server accepts in a request line, so the link is followed in the
  // page (as back/forward would), which is where the island reads it.
  await page.evaluate(() => {
    const long = '9'.repeat(100_000);
    history.pushState(null, '', `?seed=${long}&n=${long}&level=${long}`);
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(notice).toContainText("The link's problem set is 100000 characters long");
  await expect(island(page).getByText(text(exercise))).toBeVisible();
  expect(problems).toEqual([]);
});

test('the journey quiz goes through the families in order', async ({ page }) => {
  const problems = watchForProblems(page);
  const ref: ProblemRef = { seed: 9, level: 1, n: 1 };
  await open(page, `/practice/journey-quiz/?seed=${ref.seed}`);
  const total = FAMILIES.length;
  for (const n of [1, 2, 3]) {
    const owner = quizFamily(FAMILIES, n);
    const exercise = quizProblem(FAMILIES, { ...ref, n });
    if (owner === undefined || exercise === undefined) throw new Error('no families');
    await expect(
      island(page).getByRole('heading', { name: `Question ${n} of ${total}: ${owner.title}` }),
    ).toBeVisible();
    await expect(island(page).getByText(text(exercise))).toBeVisible();
    await island(page).getByRole('button', { name: 'New problem' }).click();
  }
  expect(problems).toEqual([]);
});

async function noScriptPage(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

test('without JavaScript the page shows a problem and its worked solution in <details>', async ({ browser }) => {
  const { context, page } = await noScriptPage(browser, PAGE);
  const exercise = familyProblem(family, { seed: DEFAULT_SEED, level: 1, n: 1 });
  await expect(page.getByText(text(exercise))).toBeVisible();
  // Playwright turns scripts off after parsing rules are chosen, so <noscript> stays unrendered here; it is there.
  await expect(page.locator('noscript')).toHaveCount(1);
  await page.getByText('Show solution').click();
  const solution = page.locator('details.practice-solution');
  await expect(solution).toHaveAttribute('open', '');
  const first = exercise.inputs[0];
  if (first !== undefined) await expect(solution).toContainText(`${first.label}: ${exercise.answer[first.id]}`);
  await context.close();
});

test('at 390 px in the dark theme the page fits, and axe finds nothing', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
  await open(page, `${PAGE}?seed=31&level=3`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const exercise = familyProblem(family, { seed: 31, level: 3, n: 1 });
  const mistake = namedMistake(family, exercise);
  await fill(page, exercise, { ...exercise.answer, [mistake.id]: mistake.value });
  await form(page).getByRole('button', { name: 'Check' }).click();
  await island(page).getByText('Show solution').click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'no sideways scrolling at 390 px').toBeLessThanOrEqual(390);
  expect(await axeViolations(page, 'section.practice')).toEqual([]);
});

test('the Practice index lists every family and the quiz; a guide ends with predict-then-check', async ({ page }) => {
  await page.goto('/practice/');
  for (const fam of FAMILIES)
    await expect(page.getByRole('link', { name: fam.title, exact: true }).first()).toBeVisible();
  await page.goto('/addressing/subnetting/');
  await expect(page.getByRole('heading', { name: 'Predict, then check' })).toBeVisible();
  const answers = page.locator('.predict-check details');
  expect(await answers.count()).toBeGreaterThanOrEqual(2);
  await answers.first().locator('summary').click();
  await expect(answers.first()).toHaveAttribute('open', '');
});
