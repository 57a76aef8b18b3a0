// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ProxyPlayground } from '../../src/components/ProxyPlayground/ProxyPlayground.tsx';
import { PRESETS } from '../../src/lib/proxy-playground/index.ts';

afterEach(cleanup);

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
});
