// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { hydrate } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpTimeline } from '../../src/components/HttpTimeline/HttpTimeline.tsx';

beforeEach(() => {
  window.history.replaceState(null, '', '/playgrounds/http-timeline/');
});

afterEach(() => cleanup());

function type(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
}

describe('HttpTimeline island', () => {
  it('renders the same HTML on the server and after hydration', () => {
    const html = renderToString(<HttpTimeline />);
    const host = document.createElement('div');
    host.innerHTML = html;
    document.body.append(host);
    // Compare DOM serialisations (the server writes `selected`, the DOM `selected=""`).
    const before = host.innerHTML;
    try {
      hydrate(<HttpTimeline />, host);
      expect(host.innerHTML).toBe(before);
    } finally {
      host.remove();
    }
  });

  it('compares five protocols and draws the chosen one', () => {
    render(<HttpTimeline />);
    const compare = screen.getAllByRole('list')[0] as HTMLElement;
    expect(
      within(compare)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['HTTP/1.0', 'HTTP/1.1 keep-alive', 'HTTP/1.1 pipelining', 'HTTP/2', 'HTTP/3']);
    fireEvent.click(screen.getByRole('button', { name: 'HTTP/3' }));
    expect(screen.getByRole('heading', { name: 'Waterfall: HTTP/3' })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Requests over HTTP/3' })).getAllByRole('listitem')).toHaveLength(
      102,
    );
  });

  it('shows a control-labelled error and mirrors valid state in the URL', async () => {
    render(<HttpTimeline syncUrl />);
    type(screen.getByLabelText('Round-trip time (ms)'), '0');
    expect(screen.getByText(/Round-trip time is '0' but must be from 0.01/)).toBeTruthy();
    expect(screen.getByLabelText('Round-trip time (ms)').getAttribute('aria-invalid')).toBe('true');
    type(screen.getByLabelText('Round-trip time (ms)'), '250');
    expect(screen.getByLabelText('Round-trip time (ms)').getAttribute('aria-invalid')).toBeNull();
    await waitFor(() => expect(window.location.search).toBe('?rtt=250'));
  });

  it('focus on a bar shows its phases in a tooltip the bar points to', () => {
    render(<HttpTimeline preset={{ preset: 'blog-post' }} />);
    const bar = screen.getByRole('button', { name: /^post\.html: 0 ms to/ });
    fireEvent.focus(bar);
    const tip = screen.getByRole('tooltip');
    expect(bar.getAttribute('aria-describedby')).toBe(tip.id);
    // 50 Mbit/s: the handshake model adds the handshake messages' serialisation to the round trip.
    expect(tip.textContent).toMatch(/SSL: 100 ms → 201 ms \(101 ms\)/);
    fireEvent.keyDown(bar, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('makes the bars one Tab stop and moves between them with the arrow keys', () => {
    render(<HttpTimeline preset={{ preset: 'blog-post' }} />);
    const list = screen.getByRole('list', { name: 'Requests over HTTP/2' });
    const bars = within(list).getAllByRole('button');
    expect(bars.map((b) => b.tabIndex)).toEqual(bars.map((_, i) => (i === 0 ? 0 : -1)));
    (bars[0] as HTMLButtonElement).focus();
    fireEvent.keyDown(bars[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(bars[1]);
    expect(screen.getByRole('tooltip').textContent).toContain(
      (bars[1]?.getAttribute('aria-label') ?? '').split(':')[0],
    );
    expect(bars.map((b) => b.tabIndex).indexOf(0)).toBe(1);
    fireEvent.keyDown(bars[1] as HTMLElement, { key: 'End' });
    expect(document.activeElement).toBe(bars[bars.length - 1]);
    fireEvent.keyDown(bars[bars.length - 1] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(bars[bars.length - 1]);
    fireEvent.keyDown(bars[bars.length - 1] as HTMLElement, { key: 'Home' });
    expect(document.activeElement).toBe(bars[0]);
    fireEvent.keyDown(bars[0] as HTMLElement, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(bars[0]);
  });
});
