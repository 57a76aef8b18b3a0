import { describe, expect, it } from 'vitest';
import { baseLinksPlugin, withBase } from '../../../../src/lib/markdown/base-links.ts';

describe('withBase', () => {
  it.each([
    ['/names/dns/', '/', '/names/dns/'],
    ['/names/dns/', '/packet-journey', '/packet-journey/names/dns/'],
    ['/names/dns/', '/packet-journey/', '/packet-journey/names/dns/'],
    ['/names/dns/#ttl', '/pj', '/pj/names/dns/#ttl'],
    ['/pj/names/dns/', '/pj', '/pj/names/dns/'],
    ['/pj', '/pj', '/pj'],
    ['/pjx/', '/pj', '/pj/pjx/'],
    ['https://www.rfc-editor.org/rfc/rfc9293', '/pj', 'https://www.rfc-editor.org/rfc/rfc9293'],
    ['//cdn.example/x.js', '/pj', '//cdn.example/x.js'],
    ['#anchor', '/pj', '#anchor'],
    ['../relative/', '/pj', '../relative/'],
    ['mailto:someone@example.com', '/pj', 'mailto:someone@example.com'],
  ])('withBase(%j, %j) → %j', (url, base, expected) => {
    expect(withBase(url, base)).toBe(expected);
  });
});

describe('baseLinksPlugin', () => {
  const run = (base: string, properties: Record<string, unknown>) => {
    const changes: [string, unknown][] = [];
    const node = { properties };
    baseLinksPlugin(base).element.visit(node, { setProperty: (_node, key, value) => changes.push([key, value]) });
    return changes;
  };

  it('rewrites root-relative href and src under a base path', () => {
    expect(run('/pj', { href: '/names/dns/' })).toEqual([['href', '/pj/names/dns/']]);
    expect(run('/pj', { src: '/img/a.svg' })).toEqual([['src', '/pj/img/a.svg']]);
  });

  it('leaves links alone at the root base, and ignores absent or non-string attributes', () => {
    expect(run('/', { href: '/names/dns/' })).toEqual([]);
    expect(run('/pj', { href: 'https://example.com/' })).toEqual([]);
    expect(run('/pj', { className: ['x'] })).toEqual([]);
    expect(run('/pj', { href: ['not', 'a', 'string'] })).toEqual([]);
    const bare = {};
    expect(() => baseLinksPlugin('/pj').element.visit(bare, { setProperty: () => {} })).not.toThrow();
  });

  it('targets anchors and images only', () => {
    expect(baseLinksPlugin('/pj').element.filter).toEqual(['a', 'img']);
  });
});

describe('baseLinksPlugin on MDX components', () => {
  const visit = (base: string, attributes: { type: string; name?: string; value?: unknown }[]) => {
    const replaced: unknown[] = [];
    const node = { attributes, children: ['kept'] };
    baseLinksPlugin(base).mdxJsxFlowElement.visit(node, {
      setProperty: () => {},
      replaceNode: (_node, replacement) => replaced.push(replacement),
    });
    return replaced;
  };

  it('prefixes href and link attributes of components such as LinkCard and LinkButton', () => {
    expect(
      visit('/pj', [
        { type: 'mdxJsxAttribute', name: 'title', value: 'DNS' },
        { type: 'mdxJsxAttribute', name: 'href', value: '/names/dns/' },
      ]),
    ).toEqual([
      {
        attributes: [
          { type: 'mdxJsxAttribute', name: 'title', value: 'DNS' },
          { type: 'mdxJsxAttribute', name: 'href', value: '/pj/names/dns/' },
        ],
        children: ['kept'],
      },
    ]);
  });

  it('leaves expressions, spreads, external links and root-base builds untouched', () => {
    expect(visit('/pj', [{ type: 'mdxJsxAttribute', name: 'href', value: { type: 'expression' } }])).toEqual([]);
    expect(visit('/pj', [{ type: 'mdxJsxExpressionAttribute', value: '...props' }])).toEqual([]);
    expect(visit('/pj', [{ type: 'mdxJsxAttribute', name: 'href', value: 'https://example.com/' }])).toEqual([]);
    expect(visit('/', [{ type: 'mdxJsxAttribute', name: 'href', value: '/names/dns/' }])).toEqual([]);
  });
});
