/**
 * The site's Content-Security-Policy, one source for Astro's `security.csp` (the per-page `<meta>`, with hashes of
 * every inline script and style) and for the response headers written at build time (`headers.ts`).
 *
 * - Scripts: `'self'` plus Astro's hashes; no `'unsafe-inline'`, no `'unsafe-eval'`. `'wasm-unsafe-eval'` is the one
 *   extra: Pagefind compiles its search index reader from WebAssembly.
 * - Workers: `'self'` — the playgrounds' Vite-built workers (`/_astro/*.js`) and Pagefind's.
 * - Styles: `<style>` and stylesheets are hashed / `'self'`; only `style` *attributes* (`style-src-attr`) keep
 *   `'unsafe-inline'`: Preact islands and server-rendered diagrams set `style=` (widths, custom properties), which a
 *   hash cannot allow without `'unsafe-hashes'` and one hash per value. An attribute cannot run script.
 */

/** Directives other than script-src / style-src, in the order they are written. */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** Extra `script-src` sources beside Astro's hashes. */
export const CSP_SCRIPT_RESOURCES: readonly string[] = ["'self'", "'wasm-unsafe-eval'"];

/** Extra `style-src` sources beside Astro's hashes (`style-src-attr` is separate, see above). */
export const CSP_STYLE_RESOURCES: readonly string[] = ["'self'"]; // Astro's own default for style-src (astro.config.mjs)

/** Sources for `style-src-attr` (inline `style=` attributes only). */
export const CSP_STYLE_ATTR_RESOURCES: readonly string[] = ["'unsafe-inline'"];

/** Directives a `<meta>` CSP cannot carry (ignored there): only sent as a header. */
export const CSP_HEADER_ONLY_DIRECTIVES: readonly string[] = ["frame-ancestors 'none'"];
