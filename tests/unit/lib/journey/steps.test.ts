import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docsHref, journeySteps } from '../../../../src/lib/journey/steps.ts';
import { sidebar } from '../../../../src/sidebar.ts';

const sidebarSlugs = sidebar.flatMap((group) => group.items.map((item) => item.slug));

describe('journeySteps', () => {
  it('starts at the browser and ends at the server', () => {
    expect(journeySteps[0]?.name).toBe('Browser');
    expect(journeySteps.at(-1)?.name).toBe('Server');
  });

  it.each(journeySteps.map((step) => [step.name, step.slug]))(
    '%s links to a guide in the sidebar (%s)',
    (_name, slug) => {
      expect(sidebarSlugs).toContain(slug);
      expect(() => readFileSync(`src/content/docs/${slug}.mdx`)).not.toThrow();
    },
  );
});

describe('docsHref', () => {
  it.each([
    ['/', 'names/dns', '/names/dns/'],
    ['/packet-journey/', 'names/dns', '/packet-journey/names/dns/'],
    ['/packet-journey', 'names/dns', '/packet-journey/names/dns/'],
  ])('base %j + %j → %j', (base, slug, expected) => {
    expect(docsHref(base, slug)).toBe(expected);
  });
});

describe('sidebar', () => {
  it('follows the journey order the site promises', () => {
    expect(sidebar.map((group) => group.label)).toEqual([
      'Start here',
      'Addressing',
      'Names',
      'Layers',
      'Transport',
      'Web protocols',
      'Security',
      'Infrastructure',
      'Playgrounds',
      'Reference',
    ]);
  });

  it('points every entry at an existing page, once', () => {
    expect(new Set(sidebarSlugs).size).toBe(sidebarSlugs.length);
    for (const slug of sidebarSlugs) expect(() => readFileSync(`src/content/docs/${slug}.mdx`), slug).not.toThrow();
  });
});
