import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../../../src/lib/practice/index.ts';
import { sidebar } from '../../../../src/sidebar.ts';

/** The practice pages are generated from FAMILIES (src/pages/practice/[family].astro): ids must make good paths. */
describe('practice pages', () => {
  it('every family id is a unique, URL-safe path segment that no fixed practice page uses', () => {
    const ids = FAMILIES.map((family) => family.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,47}$/);
      expect(['journey-quiz', 'index']).not.toContain(id);
    }
  });

  it('the sidebar lists the overview, the quiz and every family, in FAMILIES order', () => {
    const group = sidebar.find((g) => g.label === 'Practice');
    const links = group?.items.map((item) => ('link' in item ? item.link : ''));
    expect(links).toEqual([
      '/practice/',
      '/practice/journey-quiz/',
      ...FAMILIES.map((family) => `/practice/${family.id}/`),
    ]);
  });
});
