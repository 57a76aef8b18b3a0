// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { render as renderOutsideAct } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ProxyPlayground } from '../../src/components/ProxyPlayground/ProxyPlayground.tsx';
import { decodeConfig, encodeConfig } from '../../src/lib/proxy-playground/config-link.ts';
import { PRESETS } from '../../src/lib/proxy-playground/index.ts';

afterEach(() => {
  cleanup();
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
    expect(await screen.findByText('chosen: "location /api/"', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByText('build-time results')).toBeNull();
  });

  it('a bad config gives a positioned inline error tied to the editor', async () => {
    render(<ProxyPlayground id="t" config={PRESETS['l7-api'].config} />);
    await screen.findByText('chosen: "location /api/"', {}, { timeout: 5000 });
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
    fireEvent.click(await screen.findByRole('button', { name: 'Send 100 requests' }, { timeout: 5000 }));
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
          expect(editor.value).toBe(mine);
          expect((within(root).getByLabelText('Example') as HTMLSelectElement).value).toBe('l7-api');
          // The link now says what is shown: the default preset (no parameter) and the edited config.
          const params = new URLSearchParams(window.location.search);
          expect(params.get('preset')).toBeNull();
          expect(await decodeConfig(params.get('cfg') ?? '')).toEqual({ ok: true, value: mine });
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
});
