// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usePaintedLater } from '../../src/components/shared/paint.ts';

/** Shows a value now and the same value one paint late, and counts its renders. */
let renders = 0;
function Pair(props: { readonly value: string; readonly now?: boolean }) {
  renders++;
  const later = usePaintedLater(props.value, props.now === true);
  return (
    <p>
      <span data-testid="now">{props.value}</span> <span data-testid="later">{later}</span>
    </p>
  );
}

const shown = (id: 'now' | 'later') => document.querySelector(`[data-testid="${id}"]`)?.textContent;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  renders = 0;
});

describe('usePaintedLater', () => {
  it('shows the value itself on the first render, with no second render', () => {
    vi.useFakeTimers();
    render(<Pair value="a" />);
    expect(shown('later')).toBe('a');
    act(() => {
      vi.runAllTimers();
    });
    expect(renders).toBe(1);
  });

  it('keeps the previous value through the render of a change, then shows the new one in a task of its own', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Pair value="a" />);
    rerender(<Pair value="b" />);
    expect(shown('now')).toBe('b');
    expect(shown('later')).toBe('a');
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(shown('later')).toBe('b');
    // And nothing more: the value shown is the value, so nothing waits.
    const count = renders;
    act(() => {
      vi.runAllTimers();
    });
    expect(renders).toBe(count);
  });

  it('skips values replaced before their turn: only the newest is shown', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Pair value="a" />);
    rerender(<Pair value="b" />);
    rerender(<Pair value="c" />);
    expect(shown('later')).toBe('a');
    act(() => {
      vi.advanceTimersByTime(0);
    });
    expect(shown('later')).toBe('c');
  });

  it('shows a change at once with `now`', () => {
    vi.useFakeTimers();
    const { rerender } = render(<Pair value="a" />);
    rerender(<Pair value="b" now />);
    expect(shown('later')).toBe('b');
  });
});
