/**
 * The build step (run by the `deploy-files` integration in astro.config.mjs after `astro build`): reads the CSP of
 * every built page, and writes `_headers`, `nginx-headers.conf` and `.well-known/security.txt` into the output.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPolicy, mergePolicies, netlifyHeaders, nginxHeaders, type Policy, parsePolicy } from './headers.ts';
import { securityTxt } from './security-txt.ts';

/** Directories nested deeper than this are not searched for pages (the site is a few levels deep). */
const MAX_DEPTH = 12;

/** Every `.html` file under `dir`, bounded in depth. */
export function htmlFiles(dir: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path, depth + 1);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** The policy in a page's `<meta http-equiv="content-security-policy">`, or null when it has none. */
export function metaPolicy(html: string): Policy | null {
  const meta = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i.exec(html);
  return meta === null ? null : parsePolicy((meta[1] ?? '').replaceAll('&#39;', "'").replaceAll('&apos;', "'"));
}

export interface DeployFilesOptions {
  readonly outDir: string;
  readonly site: string;
  readonly base: string;
  readonly securityContact: string | undefined;
  readonly now: Date;
}

/** Writes the three files; returns the header CSP. Throws (failing the build) on a page without a CSP or a bad
 * SECURITY_CONTACT: both are deploy-time mistakes that must not ship. */
export function writeDeployFiles(options: DeployFilesOptions): string {
  const policies = htmlFiles(options.outDir).map((file) => {
    const policy = metaPolicy(readFileSync(file, 'utf8'));
    if (policy === null) throw new Error(`${file} has no Content-Security-Policy <meta>`);
    return policy;
  });
  const csp = formatPolicy(mergePolicies(policies));
  writeFileSync(join(options.outDir, '_headers'), netlifyHeaders(csp, options.base));
  writeFileSync(join(options.outDir, 'nginx-headers.conf'), nginxHeaders(csp, options.base));
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const canonical = new URL(`${base}.well-known/security.txt`, options.site).href;
  const txt = securityTxt(options.securityContact, canonical, options.now);
  if (!txt.ok) throw new Error(txt.error.message);
  mkdirSync(join(options.outDir, '.well-known'), { recursive: true });
  writeFileSync(join(options.outDir, '.well-known', 'security.txt'), txt.value);
  return csp;
}
