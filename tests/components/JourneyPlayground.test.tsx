// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { JourneyPlayground } from '../../src/components/JourneyPlayground/JourneyPlayground.tsx';
import { formatDuration } from '../../src/lib/format/index.ts';
import { planJourney } from '../../src/lib/journey/index.ts';
import {
  JOURNEY_CODEC,
  type JourneyPlaygroundState,
  journeySummary,
  phaseLinks,
  runInput,
} from '../../src/lib/journey-playground/index.ts';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

/** The model's journey for a partial state and visit, planned exactly as the island plans it. */
function predict(state: Partial<JourneyPlaygroundState> = {}, visit: 'cold' | 'warm' = 'cold') {
  const input = runInput({ ...JOURNEY_CODEC.defaults, ...state });
  if (!input.ok) throw new Error(input.error.message);
  const journey = planJourney(input.value[visit]);
  if (!journey.ok) throw new Error(journey.error.message);
  return journey.value;
}

/** The model's refusal of a URL. */
function refusal(url: string) {
  const result = planJourney({ url });
  if (result.ok) throw new Error(`${url} plans`);
  return result.error.message;
}

const urlField = () => screen.getByLabelText('URL') as HTMLInputElement;
const type = (text: string) => fireEvent.input(urlField(), { target: { value: text } });
const summary = () => document.querySelector('.jp-summary')?.textContent ?? '';
const part = (name: string) =>
  screen.getByText(name, { selector: '.jp-parts dt' }).parentElement?.querySelector('code')?.textContent;
const phaseItem = (label: string) =>
  screen.getByText(label, { selector: '.jp-phase strong' }).closest('li') as HTMLElement;

describe('JourneyPlayground', () => {
  it('renders the sample URL’s first visit on the server: summary, parts, bars and phases', () => {
    const html = renderToString(<JourneyPlayground />);
    const expected = predict();
    expect(html).toContain(journeySummary(expected).replace(/'/g, '&#39;'));
    expect(html).toContain('<code>www.example.com</code>');
    for (const phase of expected.phases) expect(html).toContain(phase.label);
    expect(html).toContain('class="jp-seg jp-ph-dns"');
    expect(html).not.toContain('data-live');
  });

  it('shows the parsed parts and, for each phase, its time, explanation, guide and preloaded playground', () => {
    render(<JourneyPlayground />);
    const expected = predict();
    expect(part('Host')).toBe('www.example.com');
    expect(part('Port')).toBe('443');
    expect(part('Path')).toBe('/blog/5');
    for (const phase of expected.phases) {
      const item = phaseItem(phase.label);
      expect(within(item).getByText(phase.explanation)).toBeTruthy();
      expect(item.querySelector('.jp-took')?.textContent).toBe(formatDuration(phase.endMs - phase.startMs));
      const links = phaseLinks(phase, '/');
      expect(within(item).getByRole('link', { name: links.guide.label }).getAttribute('href')).toBe(links.guide.href);
      if (links.playground !== null) {
        expect(within(item).getByRole('link', { name: links.playground.label }).getAttribute('href')).toBe(
          links.playground.href,
        );
      }
    }
    expect(summary()).toBe(journeySummary(expected));
    expect(screen.getByRole('table', { name: /Phases of the first visit/ })).toBeTruthy();
  });

  it('recomputes for a typed URL, with punycode for an IDN host', () => {
    render(<JourneyPlayground />);
    type('https://bücher.example/');
    const expected = predict({ url: 'https://bücher.example/' });
    expect(part('Host')).toBe('xn--bcher-kva.example');
    expect(screen.getByText(/punycode of bücher\.example/)).toBeTruthy();
    expect(summary()).toBe(journeySummary(expected));
    expect(urlField().getAttribute('aria-invalid')).toBeNull();
  });

  it('says why an invalid URL is refused, in the model’s words, and keeps the last valid journey', () => {
    render(<JourneyPlayground />);
    const before = predict();
    type('https://exa mple.com/');
    expect(urlField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(refusal('https://exa mple.com/'))).toBeTruthy();
    expect(summary()).toBe(`Still showing ${before.url.href}. ${journeySummary(before)}`);
    type('https://www.example.com/ok');
    expect(urlField().getAttribute('aria-invalid')).toBeNull();
  });

  it.each(['javascript:alert(1)', '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>'])(
    'treats %j as text: refused or shown, never markup, never a link',
    (hostile) => {
      const { container } = render(<JourneyPlayground />);
      type(hostile);
      expect(urlField().value).toBe(hostile);
      expect(container.querySelector('img, script')).toBeNull();
      for (const link of container.querySelectorAll('a')) {
        expect(link.getAttribute('href')).toMatch(/^\/[a-z]/);
        expect(link.getAttribute('href')).not.toMatch(/javascript:|<|>/i);
      }
      const result = planJourney({ url: hostile });
      if (!result.ok) expect(screen.getByText(result.error.message)).toBeTruthy();
    },
  );

  it('switches to the second visit: DNS and the handshakes take no time, and the timeline gets shorter', () => {
    const { container } = render(<JourneyPlayground />);
    const cold = predict();
    const warm = predict({}, 'warm');
    const barsBefore = container.querySelectorAll('.jp-seg').length;
    fireEvent.click(screen.getByLabelText('Second visit (warm)'));
    expect(summary()).toBe(journeySummary(warm));
    expect(phaseItem('DNS Lookup').querySelector('.jp-took')?.textContent).toBe('0 ms');
    expect(container.querySelector('.jp-ph-dns.jp-seg')).toBeNull();
    expect(container.querySelectorAll('.jp-seg').length).toBeLessThan(barsBefore);
    // One scale for both visits: the second visit's last bar ends short of the axis.
    const last = [...container.querySelectorAll<HTMLElement>('.jp-seg')].at(-1);
    const end = Number.parseFloat(last?.style.left ?? '0') + Number.parseFloat(last?.style.width ?? '0');
    expect(end).toBeCloseTo((warm.totalMs / cold.totalMs) * 100, 1);
    for (const change of warm.warmChanges) expect(screen.getByText(change.text)).toBeTruthy();
  });

  it('applies choices: no proxy drops the proxy phases; HTTP/3 changes the journey', () => {
    render(<JourneyPlayground />);
    fireEvent.click(screen.getByLabelText('Through a CDN / reverse proxy'));
    const noProxy = predict({ proxy: false });
    expect(summary()).toBe(journeySummary(noProxy));
    expect(screen.queryByText('Proxy → origin connection', { selector: '.jp-phase strong' })).toBeNull();
    fireEvent.change(screen.getByLabelText('HTTP version'), { target: { value: '3' } });
    expect(summary()).toBe(journeySummary(predict({ proxy: false, http: '3' })));
    fireEvent.change(screen.getByLabelText('Network'), { target: { value: 'satellite' } });
    expect(summary()).toBe(journeySummary(predict({ proxy: false, http: '3', network: 'satellite' })));
  });

  it('refuses a server time that is not a number on its field', () => {
    render(<JourneyPlayground />);
    const server = screen.getByLabelText('Server time (ms)');
    fireEvent.input(server, { target: { value: 'soon' } });
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("Server time must be a number, got 'soon'.")).toBeTruthy();
  });

  it('reads a shared link, with notices for what it could not use', () => {
    window.history.replaceState(null, '', '/?url=https%3A%2F%2Fwww.example.org%2F&net=moon&visit=warm');
    render(<JourneyPlayground syncUrl />);
    expect(urlField().value).toBe('https://www.example.org/');
    expect(screen.getByText(/Unknown network preset 'moon' in the link/)).toBeTruthy();
    expect(summary()).toBe(journeySummary(predict({ url: 'https://www.example.org/' }, 'warm')));
  });

  it('survives a 100,000-character URL in a link: a notice, the model’s refusal, the defaults’ journey', () => {
    window.history.replaceState(null, '', `/?url=${'a'.repeat(100_000)}`);
    render(<JourneyPlayground syncUrl />);
    expect(screen.getByText(/is 100000 characters long: only the first 2049 are used/)).toBeTruthy();
    expect(urlField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/this page reads at most 2048/)).toBeTruthy();
  });

  it('loads the ladder only when it is opened, then draws every lane the journey uses', async () => {
    const { container } = render(<JourneyPlayground />);
    expect(container.querySelector('figure')).toBeNull();
    const details = container.querySelector('details.jp-ladder') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    // The first dynamic import compiles the figure's modules: slow under coverage on a busy machine.
    const figure = await screen.findByRole(
      'img',
      { name: 'Ladder of the first visit to www.example.com' },
      { timeout: 20_000 },
    );
    expect(figure).toBeTruthy();
    for (const lane of ['Browser', 'Resolver', 'Name servers', 'CDN / proxy', 'Origin']) {
      expect(within(figure).getAllByText(lane).length).toBeGreaterThan(0);
    }
  });
});
