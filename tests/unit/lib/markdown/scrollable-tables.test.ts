import { describe, expect, it } from 'vitest';
import { scrollableTablesPlugin } from '../../../../src/lib/markdown/scrollable-tables.ts';

describe('scrollableTablesPlugin', () => {
  const visit = (properties?: Record<string, unknown>) => {
    const set: [string, unknown][] = [];
    const node = properties === undefined ? {} : { properties };
    scrollableTablesPlugin().element.visit(node, { setProperty: (_node, key, value) => set.push([key, value]) });
    return set;
  };

  it('makes content tables keyboard-focusable so their horizontal scroll is reachable', () => {
    expect(visit({})).toEqual([['tabIndex', 0]]);
    expect(visit()).toEqual([['tabIndex', 0]]);
  });

  it('keeps a tabindex an author set on purpose', () => {
    expect(visit({ tabIndex: -1 })).toEqual([]);
  });

  it('only visits tables', () => {
    expect(scrollableTablesPlugin().element.filter).toEqual(['table']);
  });
});
