// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { render as renderOutsideAct } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProxyPlayground } from '../../src/components/ProxyPlayground/ProxyPlayground.tsx';
import { decodeConfig, encodeConfig } from '../../src/lib/proxy-playground/config-link.ts';
import { PRESETS } from '../../src/lib/proxy-playground/index.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('ProxyPlayground island', () => {
  it('shows its children until the model has loaded, then live results', async () => {
    render(
      <ProxyPlayground id="t" config={PRESETS['l7-api'].config}>
        <p>build-time results</p>
      </ProxyPlayground>,
    );
    expect(screen.getByText('build-time results')).toBeTruthy();
    expect(await screen.findByText('chosen: "location /api/"')).toBeTruthy();
    expect(screen.queryByText('build-time results')).toBeNull();
  });

  it('a bad config gives a positioned inline error tied to the editor', async () => {
    render(<ProxyPlayground id="t" config={PRESETS['l7-api'].config} />);
    await screen.findByText('chosen: "location /api/"');
    const editor = screen.getByLabelText('nginx config');
    fireEvent.input(editor, { target: { value: 'http {\n  server {\n    lisen 80;\n  }\n}' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Line 3, column 5: unknown directive "lisen"');
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    expect(editor.getAttribute('aria-describedby')).toBe('t-config-error');
  });

  it('sends 100 requests on demand and marks a failed backend', async () => {
    render(
      <ProxyPlayground
        id="t"
        preset={{ preset: 'weighted-round-robin' }}
        config={PRESETS['weighted-round-robin'].config}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Send 100 requests' }));
    const bars = await screen.findByRole('list', { name: 'Requests per backend' });
    expect(bars.textContent).toContain('10.0.0.11:8080: 72');
    fireEvent.click(screen.getByRole('checkbox', { name: '10.0.0.12:8080' }));
    expect((screen.getByRole('checkbox', { name: '10.0.0.12:8080' }) as HTMLInputElement).checked).toBe(true);
  });

  it('a link’s config applies after hydration, unless the visitor edited first (a busy machine); then neither its config nor its state is applied', async () => {
    const linked = await encodeConfig('http {\n  server {\n    listen 80;\n  }\n}\n');
    if (!linked.ok) throw new Error(linked.error.message);
    const link = `/playgrounds/proxy/?preset=weighted-round-robin&cfg=${linked.value}`;
    const mine = `${PRESETS['l7-api'].config}\n# mine\n`;
    for (const editFirst of [false, true]) {
      window.history.replaceState(null, '', link);
      const root = document.body.appendChild(document.createElement('div'));
      try {
        // Outside act(), as Astro hydrates: the link is read by effects that wait for the next frame.
        renderOutsideAct(<ProxyPlayground id="t" syncUrl config={PRESETS['l7-api'].config} />, root);
        const editor = within(root).getByLabelText('nginx config') as HTMLTextAreaElement;
        if (editFirst) {
          editor.value = mine;
          editor.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await act(async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
        });
        if (editFirst) {
          // Give a late link decode every chance to land, then check it did not.
          await act(async () => {
            await new Promise((resolve) => setTimeout(resolve, 400));
          });
          // The link comes to say what is shown: the default preset (no parameter) and the edited config, written
          // once typing pauses and compressed in a module loaded then (slow on a busy machine: wait for it).
          await waitFor(async () => {
            const params = new URLSearchParams(window.location.search);
            expect(params.get('preset')).toBeNull();
            expect(await decodeConfig(params.get('cfg') ?? '')).toEqual({ ok: true, value: mine });
          });
          // By then the link's own decode, started at hydration, has long finished: the edit still stands.
          expect(editor.value).toBe(mine);
          expect((within(root).getByLabelText('Example') as HTMLSelectElement).value).toBe('l7-api');
        } else {
          await waitFor(() => expect(editor.value).toContain('listen 80;'));
          expect((within(root).getByLabelText('Example') as HTMLSelectElement).value).toBe('weighted-round-robin');
        }
      } finally {
        renderOutsideAct(null, root);
        root.remove();
      }
    }
  });

  it('back and forward bring back each history entry’s config: the one edited there (even one too long for a link), or its preset’s', async () => {
    window.history.replaceState(null, '', '/playgrounds/proxy/');
    const calls: string[] = [];
    const push = window.history.pushState.bind(window.history);
    const replace = window.history.replaceState.bind(window.history);
    vi.spyOn(window.history, 'pushState').mockImplementation((data, unused, url) => {
      calls.push(`push ${String(url)}`);
      push(data, unused, url);
    });
    vi.spyOn(window.history, 'replaceState').mockImplementation((data, unused, url) => {
      calls.push(`replace ${String(url)}`);
      replace(data, unused, url);
    });
    render(<ProxyPlayground id="t" syncUrl config={PRESETS['l7-api'].config} />);
    await screen.findByText('chosen: "location /api/"');
    const editor = screen.getByLabelText('nginx config') as HTMLTextAreaElement;
    const example = screen.getByLabelText('Example') as HTMLSelectElement;
    const popTo = async (entry: { url: string; state: unknown }) => {
      window.history.replaceState(entry.state, '', entry.url);
      await act(async () => {
        window.dispatchEvent(new PopStateEvent('popstate', { state: entry.state }));
      });
    };
    // A config too long for a link (random text compresses badly) is kept in the entry, not in the link.
    let seed = 7;
    const noise = Array.from({ length: 3000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed.toString(36);
    }).join(' ');
    const configs = [`${PRESETS['l7-api'].config}\n# mine\n`, `${PRESETS['l7-api'].config}\n# ${noise}\n`];
    for (const [index, mine] of configs.entries()) {
      fireEvent.input(editor, { target: { value: mine } });
      await waitFor(() => expect(window.history.state?.config).toBe(mine));
      const linked = new URLSearchParams(window.location.search).get('cfg');
      expect(linked === null).toBe(index === 1);
      const edited = { url: window.location.href, state: window.history.state as unknown };
      calls.length = 0;
      fireEvent.change(example, { target: { value: 'weighted-round-robin' } });
      await waitFor(() => expect(editor.value).toBe(PRESETS['weighted-round-robin'].config));
      await waitFor(() => expect(calls.some((c) => c.startsWith('push'))).toBe(true));
      // The entry left behind keeps its config: nothing rewrote it before the new one was pushed, which has none.
      const pushed = calls.findIndex((c) => c.startsWith('push'));
      expect(calls.slice(0, pushed)).toEqual([]);
      await waitFor(() => expect(new URLSearchParams(window.location.search).get('cfg')).toBeNull());
      expect(new URLSearchParams(window.location.search).get('preset')).toBe('weighted-round-robin');
      const other = { url: window.location.href, state: window.history.state as unknown };

      await popTo(edited);
      await waitFor(() => expect(editor.value).toBe(mine));
      expect(example.value).toBe('l7-api');
      await popTo(other);
      await waitFor(() => expect(editor.value).toBe(PRESETS['weighted-round-robin'].config));
      expect(example.value).toBe('weighted-round-robin');
      await popTo(edited);
      await waitFor(() => expect(editor.value).toBe(mine));
      // The entry's own link, without the kept text (another tab, or a browser that drops it): the same config.
      if (linked !== null) {
        await popTo({ url: edited.url, state: null });
        fireEvent.change(example, { target: { value: 'weighted-round-robin' } });
        await waitFor(() => expect(editor.value).toBe(PRESETS['weighted-round-robin'].config));
        await popTo({ url: edited.url, state: null });
        await waitFor(() => expect(editor.value).toBe(mine));
      }
    }
  });
});
