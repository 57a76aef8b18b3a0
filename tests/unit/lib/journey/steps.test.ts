import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docsHref, journeySteps } from '../../../../src/lib/journey/steps.ts';
import { sidebar } from '../../../../src/sidebar.ts';

/** The guide pages in the sidebar (the Practice group links to generated pages instead: `link`, not `slug`). */
const slugsOf = (items: readonly object[]) => items.flatMap((item) => ('slug' in item ? [item.slug as string] : []));
const sidebarSlugs = sidebar.flatMap((group) => slugsOf(group.items));
const read = (slug: string) => readFileSync(`src/content/docs/${slug}.mdx`, 'utf8');

describe('journeySteps', () => {
  it('has eight steps, from the browser to the server', () => {
    expect(journeySteps).toHaveLength(8);
    expect(journeySteps[0]?.name).toBe('Browser');
    expect(journeySteps.at(-1)?.name).toBe('Server');
  });

  it.each(journeySteps.map((step) => [step.name, step.slug]))(
    '%s links to a guide in the sidebar (%s)',
    (_name, slug) => {
      expect(sidebarSlugs).toContain(slug);
      expect(() => read(slug)).not.toThrow();
    },
  );

  it('comes in the same order as the sidebar', () => {
    const positions = journeySteps.map((step) => sidebarSlugs.indexOf(step.slug));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('matches the numbered sections of the journey page, in order', () => {
    const headings = [...read('start/url-journey').matchAll(/^## (\d)\. /gm)].map((m) => Number(m[1]));
    expect(headings).toEqual(journeySteps.map((_step, index) => index + 1));
  });
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
  it('starts with the overview and the foundations, then one numbered group per journey step', () => {
    expect(sidebar.map((group) => group.label)).toEqual([
      'Start here',
      'Foundations',
      '2 · DNS',
      '3 · IP and NAT',
      '4 · Transport',
      '5 · TLS',
      '6 · HTTP',
      '7 · Proxies and load balancers',
      '8 · The server side',
      'Playgrounds',
      'Practice',
      'Reference',
    ]);
  });

  it('numbers each journey group after the step of the home page whose guide it holds', () => {
    journeySteps.forEach((step, index) => {
      if (index === 0) return; // the browser step is the overview page, "Start here"
      const group = sidebar.find((g) => slugsOf(g.items).includes(step.slug));
      expect(group?.label.startsWith(`${index + 1} · `), `${step.name} is in "${group?.label}"`).toBe(true);
    });
  });

  it('points every entry at an existing page, once', () => {
    expect(new Set(sidebarSlugs).size).toBe(sidebarSlugs.length);
    for (const slug of sidebarSlugs) expect(() => read(slug), slug).not.toThrow();
  });

  it('every guide outside the overview, playgrounds and reference links back to its step of the journey', () => {
    const guides = sidebar
      .filter((group) => !['Start here', 'Playgrounds', 'Reference'].includes(group.label))
      .flatMap((group) => slugsOf(group.items));
    for (const slug of guides) {
      expect(read(slug), `${slug} links to a step of /start/url-journey/`).toMatch(
        /\]\(\/start\/url-journey\/#\d-[^)]+\)/,
      );
    }
  });
});
