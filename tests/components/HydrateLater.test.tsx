// @vitest-environment happy-dom
import { cleanup, render as renderInAct } from '@testing-library/preact';
import { hydrate, render } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HydrateLater } from '../../src/components/shared/HydrateLater.tsx';

/** Counts the mounts and unmounts of the rows' component, which lives in the box's own root. */
const life = { mounted: 0, unmounted: 0 };
function Rows(props: { readonly n: number; readonly onRow: (i: number) => void }) {
  useLayoutEffect(() => {
    life.mounted++;
    return () => {
      life.unmounted++;
    };
  }, []);
  return (
    <ul>
      {Array.from({ length: props.n }, (_, i) => (
        <li key={i}>
          <button type="button" onClick={() => props.onRow(i)}>
            row {i}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Island(props: { readonly n: number; readonly onRow?: (i: number) => void }) {
  const onRow = props.onRow ?? (() => {});
  return (
    <section>
      <p>{props.n} rows</p>
      <HydrateLater class="box">
        <Rows n={props.n} onRow={onRow} />
      </HydrateLater>
    </section>
  );
}

/** The island as the server renders it (the build runs with `import.meta.env.SSR`). */
function serverHtml(n: number): string {
  vi.stubEnv('SSR', true);
  try {
    return renderToString(<Island n={n} />);
  } finally {
    vi.unstubAllEnvs();
  }
}

/** A container holding the server's HTML, as the page does before hydration. */
function page(n: number): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = serverHtml(n);
  document.body.append(container);
  return container;
}

const buttons = (c: Element) => [...c.querySelectorAll('button')];
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  life.mounted = 0;
  life.unmounted = 0;
});

describe('HydrateLater', () => {
  it('renders its children inside the box on the server', () => {
    expect(serverHtml(2)).toBe(
      '<section><p>2 rows</p><div class="box"><ul><li><button type="button">row 0</button></li>' +
        '<li><button type="button">row 1</button></li></ul></div></section>',
    );
  });

  it("keeps the server's nodes through the island's hydration and hydrates them a task later", async () => {
    const container = page(3);
    const before = buttons(container);
    const onRow = vi.fn();
    hydrate(<Island n={3} onRow={onRow} />, container);
    // The island is hydrated, the box not yet: the same nodes, no handlers, no rows component.
    expect(buttons(container)).toEqual(before);
    before[1]?.click();
    expect(onRow).not.toHaveBeenCalled();
    expect(life.mounted).toBe(0);

    await nextTask();
    expect(buttons(container)).toEqual(before); // hydrated in place, not rendered again
    expect(container.innerHTML).toBe(serverHtml(3));
    before[1]?.click();
    expect(onRow).toHaveBeenCalledWith(1);
    expect(life.mounted).toBe(1);
  });

  it('hydrates at once when the island renders again before the timer, then shows the new children', async () => {
    const container = page(3);
    const before = buttons(container);
    const onRow = vi.fn();
    hydrate(<Island n={3} onRow={onRow} />, container);
    render(<Island n={4} onRow={onRow} />, container);
    // In that render: hydrated against the server's three rows (the same nodes), then given the fourth.
    const after = buttons(container);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after.map((b) => b.textContent)).toEqual(['row 0', 'row 1', 'row 2', 'row 3']);
    after[3]?.click();
    expect(onRow).toHaveBeenCalledWith(3);

    await nextTask(); // the timer finds the box live and does nothing
    expect(buttons(container)).toEqual(after);
    expect(life.mounted).toBe(1);
  });

  it('renders every later change of the island into the box', async () => {
    const container = page(2);
    hydrate(<Island n={2} />, container);
    await nextTask();
    for (const n of [5, 1, 3]) {
      render(<Island n={n} />, container);
      expect(container.querySelector('p')?.textContent).toBe(`${n} rows`);
      expect(buttons(container)).toHaveLength(n);
    }
    expect(life.mounted).toBe(1);
  });

  it('fills the box at once when there is no server HTML (a render in the browser)', () => {
    const onRow = vi.fn();
    const { container } = renderInAct(<Island n={2} onRow={onRow} />);
    expect(buttons(container).map((b) => b.textContent)).toEqual(['row 0', 'row 1']);
    buttons(container)[0]?.click();
    expect(onRow).toHaveBeenCalledWith(0);
  });

  it('unmounts the box with the island, before or after its hydration', async () => {
    const hydrated = page(2);
    hydrate(<Island n={2} />, hydrated);
    await nextTask();
    render(null, hydrated);
    expect(life.unmounted).toBe(1);
    expect(hydrated.innerHTML).toBe('');

    const early = page(2);
    hydrate(<Island n={2} />, early);
    render(null, early); // before the timer: nothing was mounted in the box, and the timer is cancelled
    await nextTask();
    expect(life.mounted).toBe(1);
    expect(early.innerHTML).toBe('');
  });
});
