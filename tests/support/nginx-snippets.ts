/**
 * Turns the ```nginx code blocks of the guides into complete configurations that `nginx -t` can check, without
 * moving a single snippet line: everything the test adds goes on lines before the snippet, after it, or at the end
 * of a line the snippet already has, so nginx's "in nginx.conf:N" maps straight back to the guide's line.
 *
 * How a fragment is wrapped depends on what it starts with at its top level:
 * - `http {`, `stream {` or `events {` blocks → main context: the test adds `events {}`, a pid file and, for
 *   `stream`, the dynamic stream module (Debian builds it as a module);
 * - a `location` → server context: wrapped in `http { server { listen 127.0.0.1:<port>; … } }`;
 * - anything else (`upstream`, `map`, `server`, bare directives such as `ssl_protocols`) → http context: wrapped
 *   in `http { … }`, as a file in /etc/nginx/conf.d is.
 * In every `http {}` the test points the temp paths at the temp dir and turns the access log off, so nothing
 * outside the temp dir is written. Certificate, key and CA files named by `ssl_certificate`, `ssl_certificate_key`,
 * `ssl_client_certificate`, `ssl_trusted_certificate` (and their `proxy_ssl_` forms) are swapped for throwaway ones; upstream groups a fragment uses (`proxy_pass http://name`) but does not define
 * are declared pointing at a closed loopback port; directives newer than the installed nginx (NEWER_DIRECTIVES) are
 * turned into comments, but only while the installed version is older than the one that introduced them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Snippet {
  /** Guide path relative to src/content/docs. */
  readonly file: string;
  /** 1-based line in the guide of the snippet's first line (the line after the opening fence). */
  readonly line: number;
  /** The fence's title, if any. */
  readonly title: string;
  readonly text: string;
}

export type SnippetContext = 'main' | 'http' | 'server';

/** Every ```nginx block in the .md/.mdx files under `docsDir`, in file order. */
export function extractNginxSnippets(docsDir: string): Snippet[] {
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return walk(path);
        return /\.mdx?$/.test(entry.name) ? [path] : [];
      })
      .sort();
  })(docsDir);
  const snippets: Snippet[] = [];
  for (const path of files) {
    const lines = readFileSync(path, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i += 1) {
      const open = /^(\s*)(`{3,})nginx\b(.*)$/.exec(lines[i] ?? '');
      if (open === null) continue;
      const fence = open[2] ?? '```';
      const title = /title="([^"]*)"/.exec(open[3] ?? '')?.[1] ?? '';
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !(lines[j] ?? '').trim().startsWith(fence)) {
        body.push(lines[j] ?? '');
        j += 1;
      }
      snippets.push({ file: relative(docsDir, path), line: i + 2, title, text: body.join('\n') });
      i = j;
    }
  }
  return snippets;
}

/** Top-level directive names of a snippet (depth 0), ignoring comments. */
export function topLevelDirectives(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let expectName = true;
  const tokens = text.replace(/#[^\n]*/g, ' ').match(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};]|[^\s{};]+/g) ?? [];
  for (const token of tokens) {
    if (token === '{') {
      depth += 1;
      expectName = true;
    } else if (token === '}') {
      depth -= 1;
      expectName = true;
    } else if (token === ';') {
      expectName = true;
    } else if (expectName) {
      if (depth === 0) names.push(token);
      expectName = false;
    }
  }
  return names;
}

export function snippetContext(text: string): SnippetContext {
  const top = topLevelDirectives(text);
  if (top.some((name) => name === 'http' || name === 'stream' || name === 'events')) return 'main';
  if (top.includes('location')) return 'server';
  return 'http';
}

/** Directives the site's snippets use that appeared after nginx 1.22, with the version that introduced them. */
export const NEWER_DIRECTIVES: Readonly<Record<string, string>> = {
  http2: '1.25.1',
};

export function versionAtLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

export interface WrapOptions {
  readonly dir: string;
  readonly nginxVersion: string;
  readonly certFile: string;
  readonly keyFile: string;
  /** CA bundle standing in for `ssl_client_certificate` / `ssl_trusted_certificate` files. */
  readonly caFile: string;
  /** Port for the server block that wraps a `location` fragment. */
  readonly port: number;
  /** Absolute path of ngx_stream_module.so, when nginx builds stream as a dynamic module. */
  readonly streamModule: string | undefined;
}

export interface WrappedConfig {
  readonly config: string;
  /** Line of nginx.conf that holds the snippet's first line. */
  readonly firstLine: number;
  readonly context: SnippetContext;
  /** Directives commented out because the installed nginx predates them. */
  readonly skipped: string[];
}

function httpPreamble(dir: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${join(dir, `${kind}_temp`)};`)
    .join(' ');
  return `${temp} access_log off;`;
}

/** Builds the whole nginx.conf around one snippet (see the module comment for the rules). */
export function wrapSnippet(text: string, options: WrapOptions): WrappedConfig {
  const context = snippetContext(text);
  const skipped: string[] = [];
  const defined = new Set([...text.matchAll(/\bupstream\s+([\w.-]+)\s*\{/g)].map((m) => m[1]));
  const used = new Set([...text.matchAll(/\bproxy_pass\s+https?:\/\/([\w.-]+)[/;]/g)].map((m) => m[1] ?? ''));
  const missing = [...used].filter((name) => name !== '' && !defined.has(name) && !/^[\d.]+$/.test(name));
  const upstreams = missing.map((name) => `upstream ${name} { server 127.0.0.1:9; }`).join(' ');

  const lines = text.split('\n').map((line) => {
    let out = line.replace(
      /^(\s*(?:proxy_)?ssl_(certificate_key|certificate|client_certificate|trusted_certificate)\s+)([^;\s]+)(\s*;)/,
      (_all, head: string, kind: string, _path: string, tail: string) =>
        `${head}${kind === 'certificate_key' ? options.keyFile : kind === 'certificate' ? options.certFile : options.caFile}${tail}`,
    );
    for (const [directive, since] of Object.entries(NEWER_DIRECTIVES)) {
      if (!versionAtLeast(options.nginxVersion, since) && new RegExp(`^\\s*${directive}\\s`).test(out)) {
        skipped.push(`${directive} (nginx ${since}+)`);
        out = `# ${out}`;
      }
    }
    if (context === 'main') {
      out = out.replace(/^(\s*http\s*\{)/, `$1 ${httpPreamble(options.dir)} ${upstreams}`);
    }
    return out;
  });

  const head = [
    `# Generated by tests/integration/nginx-snippets.test.ts; the guide's snippet starts below.`,
    options.streamModule !== undefined && /\bstream\s*\{/.test(text) ? `load_module ${options.streamModule};` : '',
    `pid ${join(options.dir, 'nginx.pid')};`,
    /\bevents\s*\{/.test(text) ? '' : 'events {}',
  ];
  if (context === 'http') head.push(`http { ${httpPreamble(options.dir)} ${upstreams}`);
  if (context === 'server') {
    head.push(`http { ${httpPreamble(options.dir)} ${upstreams}`, `server { listen 127.0.0.1:${options.port};`);
  }
  const tail = context === 'main' ? [] : context === 'http' ? ['}'] : ['}', '}'];
  return {
    config: `${[...head, ...lines, ...tail].join('\n')}\n`,
    firstLine: head.length + 1,
    context,
    skipped,
  };
}
