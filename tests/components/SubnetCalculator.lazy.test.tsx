// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { hydrate } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { panels } from '../../src/components/SubnetCalculator/PanelRegistry.ts';
import { SplitPanel } from '../../src/components/SubnetCalculator/SplitPanel.tsx';
import { SubnetCalculator } from '../../src/components/SubnetCalculator/SubnetCalculator.tsx';

/** The browser path: panels other than Details are not registered up front and load on first use. */
describe('lazy mode panels', () => {
  afterEach(() => {
    cleanup();
    for (const key of Object.keys(panels)) delete panels[key as keyof typeof panels];
  });

  it('loads a panel on first use, showing a note meanwhile', async () => {
    render(<SubnetCalculator />);
    fireEvent.click(screen.getByRole('tab', { name: 'Split' }));
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(await screen.findByLabelText('Network to split')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('keeps the server HTML of a preset panel while its code loads, then takes over', async () => {
    const preset = { mode: 'split', split: { network: '10.30.0.0/16', highlight: '56' } } as const;
    panels.split = SplitPanel;
    const html = renderToString(<SubnetCalculator id="acme" preset={preset} />);
    delete panels.split;
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const before = container.innerHTML;
    expect(before).toContain('10.30.55.0/24');
    hydrate(<SubnetCalculator id="acme" preset={preset} />, container);
    expect(container.innerHTML).toBe(before);
    await waitFor(() => expect(panels.split).toBeDefined());
    expect(container.querySelector('tr.sc-highlight')?.textContent).toContain('10.30.55.0/24');
    fireEvent.input(screen.getByLabelText('Network to split'), { target: { value: '10.31.0.0/16' } });
    expect(await screen.findByRole('table', { name: /Subnets of 10\.31\.0\.0\/16/ })).toBeTruthy();
    container.remove();
  });
});
