// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { render as renderOutsideAct } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useBackgroundRun } from '../../src/components/shared/background.ts';
import { TYPING_PAUSE_MS, useLastGood, useUrlState } from '../../src/components/shared/hooks.ts';
import { NumberField } from '../../src/components/shared/NumberField.tsx';
import { BOUNDS } from '../../src/lib/bounds/index.ts';
import { defineCodec, enumField, fieldMessage, numberField } from '../../src/lib/playground/index.ts';

const CODEC = defineCodec({
  mode: enumField({ param: 'mode', label: 'Mode', values: ['a', 'b'], default: 'a', noun: 'mode' }),
  rtt: numberField({ param: 'rtt', label: 'Round-trip time', bound: BOUNDS.rttMs, default: 100 }),
});

function Demo(props: { readonly syncUrl?: boolean; readonly onState?: (state: object) => void }) {
  const [state, change, notices] = useUrlState(CODEC, CODEC.defaults, props.syncUrl === true);
  props.onState?.(state);
  const kept = useLastGood(CODEC.parse(state));
  return (
    <div>
      {notices.map((n) => (
        <p key={n.field}>{n.message}</p>
      ))}
      <button type="button" onClick={() => change({ ...state, mode: state.mode === 'a' ? 'b' : 'a' }, 'choose')}>
        Mode {state.mode}
      </button>
      <NumberField
        id="demo-rtt"
        field={CODEC.fields.rtt}
        value={state.rtt}
        error={fieldMessage(kept.error, 'rtt')}
        onInput={(rtt) => change({ ...state, rtt }, 'type')}
      />
      <output>{kept.value?.rtt}</output>
    </div>
  );
}

beforeEach(() => window.history.replaceState(null, '', '/play/'));
afterEach(() => cleanup());

describe('useUrlState + NumberField + useLastGood', () => {
  it('labels the field with its unit and bounds, marks refused text and keeps the last good value', () => {
    render(<Demo />);
    const input = screen.getByLabelText('Round-trip time (ms)');
    expect(screen.getByText('0.01–60000 ms')).toBeTruthy();
    fireEvent.input(input, { target: { value: '1e308' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('demo-rtt-hint demo-rtt-error');
    expect(document.getElementById('demo-rtt-error')?.textContent).toBe(
      "Round-trip time is '1e308' but must be from 0.01 to 60000 ms.",
    );
    expect(screen.getByRole('status').textContent).toBe('100');
    fireEvent.input(input, { target: { value: '42' } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('42');
  });

  it('replaces the history entry once typing pauses and pushes one for a choice at once; back restores', async () => {
    window.history.replaceState(null, '', '/play/?utm=x&mode=zz');
    render(<Demo syncUrl />);
    expect(screen.getByText("Unknown mode 'zz' in the link — showing a.")).toBeTruthy();
    const length = window.history.length;
    const typedAt = performance.now();
    fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '7' } });
    expect(window.location.search).toBe('?utm=x&mode=zz'); // not while typing
    expect(screen.queryByText(/Unknown mode/)).toBeNull();
    await waitFor(() => expect(window.location.search).toBe('?utm=x&rtt=7'));
    expect(performance.now() - typedAt).toBeGreaterThanOrEqual(TYPING_PAUSE_MS - 1);
    expect(window.history.length).toBe(length);
    fireEvent.click(screen.getByRole('button', { name: 'Mode a' }));
    expect(window.location.search).toBe('?utm=x&mode=b&rtt=7');
    expect(window.history.length).toBe(length + 1);
    // A choice right after typing pushes at once, with what was typed.
    fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mode b' }));
    expect(window.location.search).toBe('?utm=x&rtt=9');
    expect(window.history.length).toBe(length + 2);
    // happy-dom's history.back() fires no popstate: step back by hand, as the browser would.
    act(() => {
      window.history.replaceState(null, '', '/play/?utm=x&mode=b&rtt=7');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByRole('button', { name: 'Mode b' })).toBeTruthy();
    expect((screen.getByLabelText('Round-trip time (ms)') as HTMLInputElement).value).toBe('7');
    act(() => {
      window.history.replaceState(null, '', '/play/?utm=x&rtt=7');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByRole('button', { name: 'Mode a' })).toBeTruthy();
    expect((screen.getByLabelText('Round-trip time (ms)') as HTMLInputElement).value).toBe('7');
  });

  it('writes what was typed at once when the page is hidden or left within the pause', () => {
    render(<Demo syncUrl />);
    const input = screen.getByLabelText('Round-trip time (ms)');
    fireEvent.input(input, { target: { value: '11' } });
    expect(window.location.search).toBe('');
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(window.location.search).toBe('?rtt=11');
    fireEvent.input(input, { target: { value: '12' } });
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(window.location.search).toBe('?rtt=12');
    fireEvent.input(input, { target: { value: '13' } });
    cleanup(); // the island is removed
    expect(window.location.search).toBe('?rtt=13');
  });

  it('writes the newest state even when a keystroke lands before the previous one was written', async () => {
    render(<Demo syncUrl />);
    const input = screen.getByLabelText('Round-trip time (ms)') as HTMLInputElement;
    const microtask = () => Promise.resolve();
    // Outside act(), as a browser does it: each keystroke renders in a microtask, its URL write waits for the paint.
    input.value = '7';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await microtask(); // rendered; the URL write still pending
    input.value = '8';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await microtask(); // Preact runs the first render's pending write as this render starts
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(input.value).toBe('8');
    await waitFor(() => expect(window.location.search).toBe('?rtt=8'));
  });

  it('keeps an edit made before the hydration restore ran, and writes it (a busy machine)', async () => {
    window.history.replaceState(null, '', '/play/?utm=x&rtt=50');
    const root = document.body.appendChild(document.createElement('div'));
    // Outside act(), as Astro hydrates: the restore is an effect that waits for the next frame.
    renderOutsideAct(<Demo syncUrl />, root);
    try {
      const input = root.querySelector('input') as HTMLInputElement;
      input.value = '42';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve(); // the edit renders; Preact first runs the hydration render's effects, the restore too
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
      expect(input.value).toBe('42');
      await waitFor(() => expect(window.location.search).toBe('?utm=x&rtt=42'));
      // Back/forward still restores.
      act(() => {
        window.history.replaceState(null, '', '/play/?rtt=9');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      expect(input.value).toBe('9');
    } finally {
      renderOutsideAct(null, root);
      root.remove();
    }
  });

  it.each([
    ['no query', '/play/', 1, undefined],
    ['a query of the defaults', '/play/?mode=a&rtt=100', 1, undefined],
    ['a refused value', '/play/?mode=zz', 1, "Unknown mode 'zz' in the link — showing a."],
    ['another state', '/play/?rtt=7', 2, undefined],
  ])(
    'keeps the state object when the link holds the state shown (%s): no second run of the model',
    (_, url, states, notice) => {
      window.history.replaceState(null, '', url);
      const seen = new Set<object>();
      render(<Demo syncUrl onState={(state) => seen.add(state)} />);
      expect(seen.size).toBe(states);
      if (notice !== undefined) expect(screen.getByText(notice)).toBeTruthy();
    },
  );

  it.each([
    ['no query', '/play/', 1],
    ['a query of the defaults', '/play/?mode=a&rtt=100', 1],
    ['a refused value', '/play/?mode=zz', 2],
    ['another state', '/play/?rtt=7', 2],
  ])('renders again after hydration only when the link changes what is shown (%s)', (_, url, renders) => {
    window.history.replaceState(null, '', url);
    let count = 0;
    render(<Demo syncUrl onState={() => count++} />);
    expect(count).toBe(renders);
  });

  it('leaves the URL alone without syncUrl', () => {
    render(<Demo />);
    fireEvent.input(screen.getByLabelText('Round-trip time (ms)'), { target: { value: '7' } });
    expect(window.location.search).toBe('');
  });
});

/** A stand-in Worker: answers when the test says so, records terminations. */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: { id: number; input: { n: number } }[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: { id: number; input: { n: number } }) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(index = this.posted.length - 1, output?: string) {
    const request = this.posted[index];
    if (request === undefined) throw new Error('nothing posted');
    this.onmessage?.({ data: { id: request.id, output: output ?? `run ${request.input.n}` } } as MessageEvent);
  }
}

const run = (input: { n: number }) => `run ${input.n}`;
const OPTIONS = {
  createWorker: () => new FakeWorker() as unknown as Worker,
  run,
  load: () => Promise.resolve(run),
};

const QUIET = { ...OPTIONS, announcesBusy: false };

function Runner(props: {
  readonly input: { n: number };
  readonly bundled?: boolean;
  readonly quiet?: boolean;
  readonly onRender?: () => void;
}) {
  props.onRender?.();
  const { output, busy } = useBackgroundRun(
    props.input,
    props.bundled === false ? { ...OPTIONS, run: undefined } : props.quiet === true ? QUIET : OPTIONS,
  );
  return (
    <p>
      {output ?? '(server HTML)'}
      {busy ? ' (simulating…)' : ''}
    </p>
  );
}

describe('useBackgroundRun', () => {
  beforeEach(() => {
    FakeWorker.all = [];
    vi.stubGlobal('Worker', FakeWorker);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('renders the first input synchronously, then runs changes in the worker', () => {
    const { rerender, container } = render(<Runner input={{ n: 1 }} />);
    expect(container.textContent).toBe('run 1');
    expect(FakeWorker.all).toHaveLength(0);
    rerender(<Runner input={{ n: 2 }} />);
    expect(container.textContent).toBe('run 1'); // the last result stays until the new one is ready
    act(() => {
      vi.advanceTimersByTime(20);
    });
    expect(container.textContent).toBe('run 1 (simulating…)');
    act(() => FakeWorker.all[0]?.answer());
    expect(container.textContent).toBe('run 2');
  });

  it('never announces a pending run for an island that shows nothing while waiting (announcesBusy: false)', () => {
    let renders = 0;
    const counted = () => {
      renders++;
    };
    const { rerender, container } = render(<Runner input={{ n: 1 }} quiet onRender={counted} />);
    rerender(<Runner input={{ n: 2 }} quiet onRender={counted} />);
    const before = renders;
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(container.textContent).toBe('run 1');
    expect(renders).toBe(before); // no render while waiting
    act(() => FakeWorker.all[0]?.answer());
    expect(container.textContent).toBe('run 2');
  });

  it('lets a short run finish but ignores its answer when the input changes', () => {
    const { rerender, container } = render(<Runner input={{ n: 1 }} />);
    rerender(<Runner input={{ n: 2 }} />);
    rerender(<Runner input={{ n: 3 }} />);
    const worker = FakeWorker.all[0] as FakeWorker;
    expect(worker.terminated).toBe(false);
    expect(FakeWorker.all).toHaveLength(1);
    act(() => worker.answer(0, 'stale'));
    expect(container.textContent).toBe('run 1'); // still the first output
    act(() => worker.answer(1));
    expect(container.textContent).toBe('run 3');
  });

  it('cancels a long run in flight when the input changes, and ignores stale answers', () => {
    const { rerender, container } = render(<Runner input={{ n: 1 }} />);
    rerender(<Runner input={{ n: 2 }} />);
    const first = FakeWorker.all[0] as FakeWorker;
    act(() => first.answer()); // the worker is loaded
    rerender(<Runner input={{ n: 3 }} />);
    act(() => {
      vi.advanceTimersByTime(100);
    });
    rerender(<Runner input={{ n: 4 }} />);
    expect(first.terminated).toBe(true);
    const second = FakeWorker.all[1] as FakeWorker;
    act(() => first.answer(1, 'stale'));
    expect(container.textContent).toBe('run 2 (simulating…)');
    act(() => second.answer());
    expect(container.textContent).toBe('run 4');
    rerender(<Runner input={{ n: 5 }} />);
    expect(second.terminated).toBe(false); // nothing in flight: the worker is reused
    act(() => second.answer());
    expect(container.textContent).toBe('run 5');
  });

  it('runs on the main thread when the worker fails or throws', () => {
    const { rerender, container } = render(<Runner input={{ n: 1 }} />);
    rerender(<Runner input={{ n: 2 }} />);
    act(() => FakeWorker.all[0]?.onerror?.({ preventDefault() {} } as ErrorEvent));
    expect(container.textContent).toBe('run 2');
    rerender(<Runner input={{ n: 3 }} />);
    const next = FakeWorker.all[1] as FakeWorker;
    act(() => next.onmessage?.({ data: { id: next.posted[0]?.id, error: 'boom' } } as MessageEvent));
    expect(container.textContent).toBe('run 3');
  });

  it('without the run bundled, waits for the worker (quietly) on the first render', () => {
    const { container } = render(<Runner input={{ n: 1 }} bundled={false} />);
    expect(container.textContent).toBe('(server HTML)');
    act(() => {
      vi.advanceTimersByTime(50);
    });
    expect(container.textContent).toBe('(server HTML)'); // the first run is not announced
    act(() => FakeWorker.all[0]?.answer());
    expect(container.textContent).toBe('run 1');
  });

  it('without the run bundled, loads it when the worker fails', async () => {
    const { container } = render(<Runner input={{ n: 7 }} bundled={false} />);
    await act(async () => {
      FakeWorker.all[0]?.onerror?.({ preventDefault() {} } as ErrorEvent);
      await Promise.resolve();
    });
    expect(container.textContent).toBe('run 7');
  });

  it('falls back to synchronous runs where Worker does not exist', () => {
    vi.unstubAllGlobals();
    const { rerender, container } = render(<Runner input={{ n: 1 }} />);
    rerender(<Runner input={{ n: 5 }} />);
    expect(container.textContent).toBe('run 5');
  });
});
