import { describe, expect, it } from 'vitest';
import {
  type BudgetFile,
  budgetFor,
  gzipBytes,
  inlineScripts,
  moduleClosure,
  overruns,
  pageAssets,
  pageWeight,
  resolveSpecifier,
  staticImports,
} from '../../../scripts/lib/page-weight.ts';

const files: Record<string, string> = {
  '/_astro/page.js': 'import{a as b}from"./chunk.js";import"./side.js";const x=import("./lazy.js");b();',
  '/_astro/chunk.js': 'export const a=()=>1;',
  '/_astro/side.js': 'console.log(1)',
  '/_astro/lazy.js': 'x'.repeat(5000),
  '/_astro/island.js': 'import{h}from"./preact.js";export default h;',
  '/_astro/client.js': 'import{h}from"./preact.js";',
  '/_astro/preact.js': 'export const h=1;'.repeat(50),
  '/_astro/style.css': 'body{color:red}',
};
const read = (url: string) => files[url];

const html = `<!doctype html><html><head>
<link rel="stylesheet" href="/_astro/style.css"><link rel="icon" href="/favicon.svg">
<script type="module" src="/_astro/page.js"></script><script>inline()</script>
<script type="application/ld+json">{"@type":"WebSite"}</script><script type="module">theme("dark")</script></head>
<body><astro-island uid="1" component-url="/_astro/island.js" renderer-url="/_astro/client.js"></astro-island></body></html>`;

describe('pageAssets', () => {
  it('finds stylesheets, module scripts and island modules, not icons', () => {
    expect(pageAssets(html)).toEqual({
      css: ['/_astro/style.css'],
      scripts: ['/_astro/page.js'],
      islands: ['/_astro/island.js', '/_astro/client.js'],
    });
  });
});

describe('inlineScripts', () => {
  it('finds the inline code a page runs, not JSON data blocks nor external scripts', () => {
    expect(inlineScripts(html)).toEqual(['inline()', 'theme("dark")']);
  });
});

describe('staticImports / resolveSpecifier / moduleClosure', () => {
  it('follows static imports but not dynamic import()', () => {
    expect(staticImports(files['/_astro/page.js'] ?? '')).toEqual(['./chunk.js', './side.js']);
    expect(moduleClosure(['/_astro/page.js'], read).sort()).toEqual([
      '/_astro/chunk.js',
      '/_astro/page.js',
      '/_astro/side.js',
    ]);
  });

  it('resolves relative and absolute specifiers, ignores bare ones', () => {
    expect(resolveSpecifier('./a.js', '/_astro/b.js')).toBe('/_astro/a.js');
    expect(resolveSpecifier('../x/a.js', '/_astro/b.js')).toBe('/x/a.js');
    expect(resolveSpecifier('/_astro/a.js', '/_astro/b.js')).toBe('/_astro/a.js');
    expect(resolveSpecifier('preact', '/_astro/b.js')).toBeUndefined();
  });

  it('survives cycles and missing files', () => {
    const cyclic: Record<string, string> = { '/a.js': 'import"./b.js"', '/b.js': 'import"./a.js";import"./gone.js"' };
    expect(moduleClosure(['/a.js'], (url) => cyclic[url]).sort()).toEqual(['/a.js', '/b.js', '/gone.js']);
  });
});

describe('pageWeight and budgets', () => {
  const weight = pageWeight(html, read);
  const budgets: BudgetFile = {
    guide: { html: 10_000, css: 10_000, totalJs: 100 },
    island: { html: 10_000, css: 10_000, totalJs: 1_000 },
    pages: { '/big/': { totalJs: 5 } },
  };

  it('counts gzip bytes of HTML, CSS, eager JS and island JS separately', () => {
    expect(weight.html).toBe(gzipBytes(html));
    expect(weight.css).toBe(gzipBytes(files['/_astro/style.css'] ?? ''));
    const eager = ['/_astro/page.js', '/_astro/chunk.js', '/_astro/side.js'];
    expect(weight.js).toBe(eager.reduce((sum, url) => sum + gzipBytes(files[url] ?? ''), 0));
    const island = ['/_astro/island.js', '/_astro/client.js', '/_astro/preact.js'];
    expect(weight.islandJs).toBe(island.reduce((sum, url) => sum + gzipBytes(files[url] ?? ''), 0));
    expect(weight.islands).toBe(1);
    expect(weight.inlineJs).toBe(gzipBytes('inline()') + gzipBytes('theme("dark")'));
  });

  it('gives island pages the island budget and lets a page override it', () => {
    expect(budgetFor('/p/', weight, budgets).totalJs).toBe(1_000);
    expect(budgetFor('/p/', { ...weight, islands: 0 }, budgets).totalJs).toBe(100);
    expect(budgetFor('/big/', weight, budgets).totalJs).toBe(5);
  });

  it('counts inline scripts toward the JS budget', () => {
    const exact = weight.js + weight.islandJs;
    expect(overruns('/p/', weight, { html: 1e9, css: 1e9, totalJs: exact })).toHaveLength(1);
    expect(overruns('/p/', weight, { html: 1e9, css: 1e9, totalJs: exact + weight.inlineJs })).toEqual([]);
  });

  it('names the page, the kind and the numbers when a page is over budget', () => {
    expect(overruns('/p/', weight, budgetFor('/p/', weight, budgets))).toEqual([]);
    const over = overruns('/big/', weight, budgetFor('/big/', weight, budgets));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(/^\/big\/: JS is \d+ B gzip, over its budget of 5 B by \d+ B$/);
  });
});
