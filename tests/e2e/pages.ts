import { readFileSync } from 'node:fs';

/**
 * Every page listed in the built sitemap, as a path relative to the site root ("/names/dns/").
 * The sitemap is the contract: a page missing from it is neither crawled nor tested.
 */
export function sitemapPaths(distDir = 'dist'): string[] {
  const index = readFileSync(`${distDir}/sitemap-index.xml`, 'utf8');
  const sitemapFiles = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '').pathname);
  const base = (process.env.BASE_PATH ?? '/').replace(/\/+$/, '');
  const paths = sitemapFiles.flatMap((file) => {
    const xml = readFileSync(`${distDir}${file.slice(base.length)}`, 'utf8');
    return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) =>
      new URL(match[1] ?? '').pathname.slice(base.length),
    );
  });
  if (paths.length === 0) throw new Error(`No pages found in ${distDir}/sitemap-index.xml — did the build run?`);
  return paths;
}
