/**
 * Page weight: the gzip bytes of the HTML, CSS and JS a built page loads. Pure functions over file contents, so
 * the budget check (scripts/check-budgets.ts) and its tests share one implementation.
 */
import { gzipSync } from 'node:zlib';

/** What one page costs over the wire, in gzip bytes. */
export interface PageWeight {
  readonly html: number;
  readonly css: number;
  /** Scripts the page runs on load, with their static imports. */
  readonly js: number;
  /** Island code (components and their renderers), loaded when the island hydrates. */
  readonly islandJs: number;
  /**
   * Inline scripts the page runs (Astro's island loader, the theme script, Starlight's own): each `<script>` without
   * `src` whose type is JavaScript, gzipped one by one (that is what they cost inside the gzipped HTML at most).
   */
  readonly inlineJs: number;
  /** Number of Astro islands on the page. */
  readonly islands: number;
}

/** Budget for one class of page, in gzip bytes. */
export interface Budget {
  readonly html: number;
  readonly css: number;
  /** Limit on js + islandJs + inlineJs: everything the page runs. */
  readonly totalJs: number;
}

/** The committed budget file. */
export interface BudgetFile {
  readonly guide: Budget;
  readonly island: Budget;
  readonly pages?: Readonly<Record<string, Partial<Budget>>>;
}

/** Reads a built asset by its URL path ("/_astro/x.js"); returns undefined when it does not exist. */
export type AssetReader = (urlPath: string) => string | undefined;

/** Gzip size of a string at the default level. */
export function gzipBytes(text: string): number {
  return gzipSync(Buffer.from(text, 'utf8')).length;
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`)
    .exec(tag)
    ?.slice(1)
    .find((value) => value !== undefined);

/** Script types a browser runs: none given, a JavaScript MIME type, or a module. JSON data blocks are not code. */
function isExecutable(tag: string): boolean {
  const type = attribute(tag, 'type')?.trim().toLowerCase();
  return type === undefined || type === '' || type === 'module' || /^(text|application)\/(java|ecma)script$/.test(type);
}

/** The bodies of the inline scripts a page runs (see PageWeight.inlineJs). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(
      (match) =>
        attribute(`<script${match[1] ?? ''}>`, 'src') === undefined && isExecutable(`<script${match[1] ?? ''}>`),
    )
    .map((match) => match[2] ?? '')
    .filter((body) => body.trim() !== '');
}

/** URLs of the stylesheets, module scripts and island modules a page references. */
export function pageAssets(html: string): { css: string[]; scripts: string[]; islands: string[] } {
  const css = [...html.matchAll(/<link\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => attribute(tag, 'rel') === 'stylesheet')
    .flatMap((tag) => attribute(tag, 'href') ?? []);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].flatMap((match) => attribute(match[0], 'src') ?? []);
  const islands = [...html.matchAll(/<astro-island\b[^>]*>/g)].flatMap((match) =>
    ['component-url', 'renderer-url'].flatMap((name) => attribute(match[0], name) ?? []),
  );
  return { css: unique(css), scripts: unique(scripts), islands: unique(islands) };
}

/** Static imports of an ES module (`import x from './a.js'`, `import './b.js'`, `export * from './c.js'`). */
export function staticImports(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?["']([^"']+)["']/g)];
  return unique(specifiers.map((match) => match[1] ?? '').filter((specifier) => specifier !== ''));
}

/** Resolve a module specifier against the URL path of the module that imports it. */
export function resolveSpecifier(specifier: string, fromUrlPath: string): string | undefined {
  if (specifier.startsWith('/')) return specifier;
  if (!specifier.startsWith('.')) return undefined; // bare specifiers do not occur in built output
  return new URL(specifier, `http://x${fromUrlPath}`).pathname;
}

/** Every module reachable through static imports from the entry URLs, entries included. */
export function moduleClosure(entries: readonly string[], read: AssetReader): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = read(url);
    if (code === undefined) continue;
    for (const specifier of staticImports(code)) {
      const resolved = resolveSpecifier(specifier, url);
      if (resolved !== undefined && !seen.has(resolved)) queue.push(resolved);
    }
  }
  return [...seen];
}

/** The weight of one built page. Missing assets count as zero here; the browser tests catch 404s. */
export function pageWeight(html: string, read: AssetReader): PageWeight {
  const assets = pageAssets(html);
  const size = (urls: readonly string[]) => urls.reduce((sum, url) => sum + gzipBytes(read(url) ?? ''), 0);
  const eager = moduleClosure(assets.scripts, read);
  const islandModules = moduleClosure(assets.islands, read).filter((url) => !eager.includes(url));
  return {
    html: gzipBytes(html),
    css: size(assets.css),
    js: size(eager),
    islandJs: size(islandModules),
    inlineJs: inlineScripts(html).reduce((sum, body) => sum + gzipBytes(body), 0),
    islands: (html.match(/<astro-island\b/g) ?? []).length,
  };
}

/** The budget that applies to a page: island pages get the island budget; per-page entries override. */
export function budgetFor(path: string, weight: PageWeight, budgets: BudgetFile): Budget {
  const base = weight.islands > 0 ? budgets.island : budgets.guide;
  return { ...base, ...budgets.pages?.[path] };
}

/** Human-readable overruns of a page against its budget; empty when it fits. */
export function overruns(path: string, weight: PageWeight, budget: Budget): string[] {
  const totalJs = weight.js + weight.islandJs + weight.inlineJs;
  const checks: [string, number, number][] = [
    ['HTML', weight.html, budget.html],
    ['CSS', weight.css, budget.css],
    ['JS', totalJs, budget.totalJs],
  ];
  return checks
    .filter(([, actual, limit]) => actual > limit)
    .map(
      ([kind, actual, limit]) =>
        `${path}: ${kind} is ${actual} B gzip, over its budget of ${limit} B by ${actual - limit} B`,
    );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
