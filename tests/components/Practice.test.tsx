// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FamilyRef, familyRefs } from '../../src/components/Practice/family-modules.ts';
import { Practice } from '../../src/components/Practice/Practice.tsx';
import { FAMILIES } from '../../src/lib/practice/index.ts';
import {
  DEFAULT_SEED,
  exerciseSeed,
  familyProblem,
  PROGRESS_KEY,
  type ProgressStorage,
} from '../../src/lib/practice-page/index.ts';
import { fixtureFamily } from '../unit/lib/practice-page/fixture-family.ts';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/practice/sum/'));

const sums = fixtureFamily();
const fixtures = [sums, fixtureFamily('product', 'Products')];
const refs = fixtures.map((family) => ({ id: family.id, title: family.title, file: '' }));
const loadFixture = async (ref: FamilyRef) => fixtures.find((family) => family.id === ref.id);

function memoryStorage(): ProgressStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** The island on the page at `search`, once live (hydrated, the URL read, the progress loaded). */
async function open(search = '', storage: ProgressStorage = memoryStorage(), mode: 'family' | 'quiz' = 'family') {
  window.history.replaceState(null, '', `/practice/sum/${search}`);
  const families = mode === 'quiz' ? refs : refs.slice(0, 1);
  const view = render(<Practice id="p" mode={mode} families={families} syncUrl storage={storage} load={loadFixture} />);
  await waitFor(() => expect(view.container.querySelector('[data-live]')).not.toBeNull());
  return view;
}

const problem = (seed: number, n: number, level: 1 | 2 | 3 = 1) => familyProblem(sums, { seed, level, n });

function answer(sum: string, parity: string) {
  fireEvent.input(screen.getByLabelText('Sum'), { target: { value: sum } });
  fireEvent.click(screen.getByRole('radio', { name: parity === 'even' ? 'Even' : 'Odd' }));
}

describe('Practice island', () => {
  it('renders problem 1 of the default set with its labelled fields and a closed solution', async () => {
    await open();
    const exercise = problem(DEFAULT_SEED, 1);
    expect(screen.getByText(exercise.question)).toBeTruthy();
    expect(screen.getByRole('heading', { name: `Problem 1 of set ${DEFAULT_SEED}` })).toBeTruthy();
    expect(screen.getByLabelText('Sum')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Parity' })).toBeTruthy();
    const details = screen.getByText('Show solution').closest('details');
    expect(details?.open).toBe(false);
    expect(details?.textContent).toContain(`Sum: ${exercise.answer.sum}`);
    expect(screen.getByRole('link', { name: /Open in the playground/ }).getAttribute('href')).toBe(
      exercise.playground?.href,
    );
  });

  it('checks a right answer, announces it, then Enter (submit) goes to the next problem', async () => {
    const storage = memoryStorage();
    await open('?seed=77', storage);
    const exercise = problem(77, 1);
    answer(exercise.answer.sum ?? '', exercise.answer.parity ?? '');
    fireEvent.submit(screen.getByRole('form', { name: 'Your answer' }));
    expect(screen.getByText('Correct: all 2 answers are right.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next problem' })).toBeTruthy();
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? '{}').families.sum).toMatchObject({ solved: 1, streak: 1 });
    fireEvent.submit(screen.getByRole('form', { name: 'Your answer' }));
    await waitFor(() => expect(screen.getByText(problem(77, 2).question)).toBeTruthy());
    await waitFor(() => expect(window.location.search).toBe('?seed=77&n=2'));
    expect(document.activeElement).toBe(screen.getByLabelText('Sum'));
    expect((screen.getByLabelText('Sum') as HTMLInputElement).value).toBe('');
  });

  it('names a recognised mistake beside its field and in the live region', async () => {
    await open('?seed=5');
    const exercise = problem(5, 1);
    const [a, b] = (exercise.question.match(/\d+/g) ?? []).map(Number) as [number, number];
    answer(String(a - b), exercise.answer.parity ?? '');
    fireEvent.submit(screen.getByRole('form', { name: 'Your answer' }));
    const message = `${a - b} is ${a} − ${b}: add instead.`;
    expect(screen.getByText(`1 of 2 answers right. Sum: ${message}`)).toBeTruthy();
    const field = screen.getByLabelText('Sum');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(`✗ ${message}`);
    expect(screen.getByRole('button', { name: 'Check' })).toBeTruthy();
  });

  it('keeps progress in the storage and resets it', async () => {
    const storage = memoryStorage();
    await open('?seed=9', storage);
    const exercise = problem(9, 1);
    answer(exercise.answer.sum ?? '', exercise.answer.parity ?? '');
    fireEvent.submit(screen.getByRole('form', { name: 'Your answer' }));
    cleanup();
    await open('?seed=9', storage);
    expect(screen.getByText('Solved 1 of 1 · streak 1 (best 1)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset progress' }));
    expect(screen.getByText('No problems checked yet.')).toBeTruthy();
    expect(storage.map.has(PROGRESS_KEY)).toBe(false);
  });

  it('switches the level and moves to a new problem without losing the set', async () => {
    await open('?seed=3&n=4');
    fireEvent.click(screen.getByRole('radio', { name: '3 · hard' }));
    await waitFor(() => expect(screen.getByText(problem(3, 4, 3).question)).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'New problem' }));
    await waitFor(() => expect(screen.getByText(problem(3, 5, 3).question)).toBeTruthy());
    expect((screen.getByLabelText('Link to this problem set') as HTMLInputElement).value).toBe(
      'http://localhost:3000/practice/sum/?seed=3&level=3&n=5',
    );
  });

  it('the journey quiz walks the families in order', async () => {
    await open('?seed=11', memoryStorage(), 'quiz');
    expect(screen.getByRole('heading', { name: 'Question 1 of 2: Sums' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New problem' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Question 2 of 2: Products' })).toBeTruthy());
    expect(screen.getByText(fixtureFamily('product').generate(exerciseSeed(11, 2), 1).question)).toBeTruthy();
  });

  it('a hostile link gives the default set and says why', async () => {
    await open(`?seed=-1e308&level=%3Cscript%3E&n=${'9'.repeat(100_000)}`);
    expect(screen.getByText(problem(DEFAULT_SEED, 1).question)).toBeTruthy();
    expect(screen.getByText(/Problem set '-1e308' in the link is not a whole number/)).toBeTruthy();
    expect(screen.getByText("Unknown difficulty '<script>' in the link — showing level 1 (warm-up).")).toBeTruthy();
  });

  it('any link renders a problem and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ seed: fc.string({ maxLength: 30 }), level: fc.string({ maxLength: 3 }), n: fc.string() }),
        async (params) => {
          cleanup();
          await open(`?${new URLSearchParams(params).toString()}`);
          expect(screen.getByRole('form', { name: 'Your answer' })).toBeTruthy();
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each(FAMILIES.map((family) => [family.id]))(
    'renders the real family %s and accepts its canonical answer',
    async (id) => {
      window.history.replaceState(null, '', `/practice/${id}/`);
      const family = FAMILIES.find((f) => f.id === id);
      const exercise = family && familyProblem(family, { seed: DEFAULT_SEED, level: 1, n: 1 });
      if (exercise === undefined) throw new Error(id);
      const [ref] = await familyRefs(FAMILIES.filter((f) => f.id === id));
      expect(ref?.file, 'the family has a module of its own').toMatch(/\/families\/[\w-]+\.ts$/);
      const families = ref === undefined ? [] : [ref];
      const view = render(
        <Practice id="p" mode="family" families={families} initial={exercise} syncUrl storage={memoryStorage()} />,
      );
      const question = exercise.question.replace(/\s+/g, ' ').trim();
      expect(screen.getByText(question), 'the server exercise, before the family loads').toBeTruthy();
      await waitFor(() => expect(view.container.querySelector('[data-live]')).not.toBeNull());
      for (const input of exercise.inputs) {
        const value = exercise.answer[input.id] ?? '';
        if (input.kind === 'choice' && (input.choices?.length ?? 0) <= 5) {
          const label = input.choices?.find((c) => c.value === value)?.label ?? '';
          fireEvent.click(screen.getByRole('radio', { name: label }));
        } else if (input.kind === 'choice') {
          fireEvent.change(screen.getByLabelText(input.label), { target: { value } });
        } else fireEvent.input(screen.getByLabelText(input.label), { target: { value } });
      }
      // The family's model loads on first use: the check waits for it.
      fireEvent.submit(screen.getByRole('form', { name: 'Your answer' }));
      expect(await screen.findByRole('button', { name: 'Next problem' })).toBeTruthy();
    },
  );
});
