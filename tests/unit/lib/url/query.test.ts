import { describe, expect, it } from 'vitest';
import { mergeQuery } from '../../../../src/lib/url/query.ts';

describe('mergeQuery', () => {
  it('replaces the island’s own parameters and keeps everyone else’s, in order', () => {
    expect(mergeQuery('?utm=x&rtt=9&lang=en', ['rtt', 'loss'], 'rtt=10&loss=1')).toBe('?utm=x&lang=en&rtt=10&loss=1');
    expect(mergeQuery('utm=x', ['rtt'], '')).toBe('?utm=x');
  });

  it('gives an empty string when nothing is left', () => {
    expect(mergeQuery('?rtt=9', ['rtt'], '')).toBe('');
    expect(mergeQuery('', ['rtt'], '')).toBe('');
  });

  it('keeps a foreign parameter even if it repeats', () => {
    expect(mergeQuery('?tag=a&tag=b&rtt=1', ['rtt'], 'rtt=2')).toBe('?tag=a&tag=b&rtt=2');
  });
});
