import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../../src/lib/format/index.ts';
import { planJourney } from '../../../../src/lib/journey/index.ts';
import { guideName, journeySummary, phaseLinks, urlParts } from '../../../../src/lib/journey-playground/index.ts';

function plan(input: Parameters<typeof planJourney>[0]) {
  const result = planJourney(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('urlParts', () => {
  it('lists scheme, host, port with its default, path, query and fragment as text', () => {
    const parts = urlParts(plan({ url: 'https://www.example.com/blog/5?x=1#top' }).url);
    expect(parts.map((p) => [p.name, p.value])).toEqual([
      ['Scheme', 'https'],
      ['Host', 'www.example.com'],
      ['Port', '443'],
      ['Path', '/blog/5'],
      ['Query', '?x=1'],
      ['Fragment', '#top'],
    ]);
    expect(parts[2]?.note).toBe('the default for https');
    expect(parts[5]?.note).toMatch(/never sent/);
  });

  it('shows the punycode of an IDN host with its Unicode form', () => {
    const host = urlParts(plan({ url: 'https://bücher.example/' }).url)[1];
    expect(host?.value).toBe('xn--bcher-kva.example');
    expect(host?.note).toContain('bücher.example');
  });

  it('says where the scheme came from and when a port was typed', () => {
    const typed = urlParts(plan({ url: 'example.com:8443/x' }).url);
    expect(typed[0]?.note).toBe('added by the address bar');
    expect(typed[2]).toMatchObject({ value: '8443', note: 'typed' });
    const upgraded = urlParts(plan({ url: 'http://www.example.com/', hstsPreloaded: true }).url);
    expect(upgraded[0]).toMatchObject({ value: 'https', note: 'upgraded from http by HSTS preload' });
    expect(urlParts(plan({ url: 'http://www.example.com/' }).url)[0]?.note).toMatch(/no encryption/);
    expect(urlParts(plan({ url: 'https://192.0.2.1/' }).url)[1]?.note).toMatch(/no DNS/);
    expect(urlParts(plan({ url: 'http://localhost:8080/' }).url)[1]?.note).toBe('this machine: no DNS lookup');
  });
});

describe('phaseLinks', () => {
  const journey = plan({ url: 'https://www.example.com/' });

  it('links each phase to its guide and its preloaded playground under the base path', () => {
    for (const phase of journey.phases) {
      const links = phaseLinks(phase, '/base/');
      expect(links.guide.href).toBe(`/base/${phase.guide}/`);
      if (phase.playground === null) expect(links.playground).toBeNull();
      else {
        const query = phase.playground.query === '' ? '' : `?${phase.playground.query}`;
        expect(links.playground).toEqual({
          label: phase.playground.label,
          href: `/base/${phase.playground.slug}/${query}`,
        });
      }
    }
  });

  it('names every guide the model links to', () => {
    for (const phase of journey.phases) expect(guideName(phase.guide)).not.toContain('/');
    expect(guideName('names/dns')).toBe('DNS');
    expect(guideName('web/some-new-page')).toBe('some new page');
  });
});

describe('journeySummary', () => {
  it('says which visit, the URL, the first and the last byte', () => {
    const cold = plan({ url: 'https://www.example.com/' });
    expect(journeySummary(cold)).toBe(
      `First visit to https://www.example.com/: first byte after ${formatDuration(cold.marks.starttransfer)}, last byte after ${formatDuration(cold.totalMs)}.`,
    );
    expect(journeySummary(plan({ url: 'https://www.example.com/', visit: 'warm' }))).toMatch(/^Second visit/);
  });
});
