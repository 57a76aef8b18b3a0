/**
 * Hashes for `<script is:inline>` bodies, which Astro copies into pages verbatim but does not hash for its CSP
 * (Starlight's theme, search-shortcut, sidebar-state and synced-tabs scripts are such). The config reads those
 * components' sources and passes these hashes to `security.csp.scriptDirective.hashes`; the CSP browser test
 * (tests/e2e/csp.spec.ts) catches a Starlight update that changes them.
 */
import { createHash } from 'node:crypto';

/** At most this many scripts are taken from one source (a component has a handful). */
const MAX_SCRIPTS = 50;

/** The bodies of every `<script is:inline …>…</script>` in an Astro component's source, in order. */
export function inlineScriptBodies(source: string): string[] {
  const bodies: string[] = [];
  const pattern = /<script\b[^>]*\bis:inline\b[^>]*>([\s\S]*?)<\/script>/g;
  for (const match of source.matchAll(pattern)) {
    if (bodies.length >= MAX_SCRIPTS) break;
    bodies.push(match[1] ?? '');
  }
  return bodies;
}

/** The CSP source expression allowing exactly `body` as an inline script or style: `sha256-<base64>`. */
export function cspHash(body: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}`;
}
