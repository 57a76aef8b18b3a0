// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { JourneyCompact } from '../../src/components/JourneyPlayground/JourneyCompact.tsx';
import { formatDuration } from '../../src/lib/format/index.ts';
import { JOURNEY_STATE_DEFAULTS } from '../../src/lib/journey-playground/index.ts';
import { compactJourney } from '../../src/lib/journey-playground/run.ts';

afterEach(cleanup);

const journey = compactJourney(JOURNEY_STATE_DEFAULTS);

describe('JourneyCompact', () => {
  it('renders the first visit on the server, with a link to the journey page', () => {
    const html = renderToString(<JourneyCompact journey={journey} href="/start/url-journey/" />);
    expect(html).toContain(journey.cold.summary);
    expect(html).toContain('href="/start/url-journey/"');
    expect(html).toContain('jp-ph-dns');
  });

  it('lists the phases that take time, and switches to the second visit', () => {
    const { container } = render(<JourneyCompact journey={journey} href="/start/url-journey/" />);
    const items = () => [...container.querySelectorAll('.jp-legend li')].map((li) => li.textContent);
    expect(items()).toEqual(
      journey.cold.phases
        .filter((p) => p.endMs > p.startMs)
        .map((p) => `${p.label} ${formatDuration(p.endMs - p.startMs)}`),
    );
    const second = screen.getByRole('button', { name: 'Second visit' });
    fireEvent.click(second);
    expect(second.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe(journey.warm.summary);
    expect(container.querySelector('.jp-seg.jp-ph-dns')).toBeNull();
    expect(items().length).toBeLessThan(journey.cold.phases.filter((p) => p.endMs > p.startMs).length);
  });
});
