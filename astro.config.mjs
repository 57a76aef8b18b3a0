// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import starlightLinksValidator from 'starlight-links-validator';
import { writeDeployFiles } from './src/lib/deploy/build-files.ts';
import { CSP_DIRECTIVES, CSP_SCRIPT_RESOURCES, CSP_STYLE_ATTR_RESOURCES } from './src/lib/deploy/csp.ts';
import { cspHash, inlineScriptBodies } from './src/lib/deploy/inline-scripts.ts';
import { baseLinksPlugin } from './src/lib/markdown/base-links.ts';
import { rowHeadersPlugin } from './src/lib/markdown/row-headers.ts';
import { scrollableTablesPlugin } from './src/lib/markdown/scrollable-tables.ts';
import { sidebar } from './src/sidebar.ts';

/**
 * Where the site is deployed. SITE_URL is the origin used for canonical URLs and the sitemap;
 * BASE_PATH hosts the site under a sub-path (e.g. "/packet-journey" on a project page).
 */
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/';

/** Hashes of Starlight's `<script is:inline>` bodies, which Astro's CSP does not hash itself. */
const starlightInlineScriptHashes = [
  'components/ThemeProvider',
  'components/Search',
  'components/ThemeSelect',
  'components/SidebarPersister',
  'user-components/Tabs',
].flatMap((component) =>
  inlineScriptBodies(
    readFileSync(new URL(`./node_modules/@astrojs/starlight/dist/${component}.astro`, import.meta.url), 'utf8'),
  ).map(cspHash),
);

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // Component styles as files under /_astro/ (style-src 'self'): Astro's CSP does not hash the <style> elements it
  // inlines for components used inside MDX pages, so inlined styles would be blocked.
  build: { inlineStylesheets: 'never' },
  // A strict, hash-based CSP in every page's <meta> (src/lib/deploy/csp.ts says what is allowed and why).
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: /** @type {any} */ ([...CSP_DIRECTIVES]),
      scriptDirective: { resources: [...CSP_SCRIPT_RESOURCES], hashes: starlightInlineScriptHashes },
      styleDirective: {
        // style-src itself stays at Astro's default, 'self' plus the hashes it computes (CSP_STYLE_RESOURCES says
        // so); naming 'self' here as well would only make Astro warn that style-src-attr does not inherit it.
        resources: [
          ...CSP_STYLE_ATTR_RESOURCES.map((resource) => ({ resource, kind: /** @type {const} */ ('attribute') })),
        ],
      },
    },
  },
  markdown: {
    // Code blocks are Expressive Code's (Starlight), which styles them with classes; Astro's own Shiki pass, which
    // writes inline styles a strict CSP would block, is not used by any page.
    syntaxHighlight: false,
    // Authors write root-relative links ("/names/dns/"); this prefixes BASE_PATH when it is set.
    processor: satteri({
      hastPlugins: /** @type {import('satteri').HastPluginEntry[]} */ ([
        baseLinksPlugin(base),
        scrollableTablesPlugin(),
        rowHeadersPlugin(),
      ]),
    }),
  },
  integrations: [
    starlight({
      title: 'Packet Journey',
      description:
        'How the web really connects: DNS, addressing, NAT, TCP and UDP, HTTP/1.0 to HTTP/3, TLS, proxies and load balancers — with live playgrounds.',
      logo: { src: './src/assets/logo.svg', alt: '' }, // decorative: the site title is text beside it
      favicon: '/favicon.svg',
      customCss: ['./src/styles/custom.css'],
      lastUpdated: false,
      sidebar,
      components: {
        Search: './src/components/overrides/Search.astro',
        DraftContentNotice: './src/components/overrides/DraftContentNotice.astro',
        // "On this page" with a script that finds the sections to watch without :has() (overrides/toc/toc.ts).
        TableOfContents: './src/components/overrides/TableOfContents.astro',
        MobileTableOfContents: './src/components/overrides/MobileTableOfContents.astro',
      },
      plugins: [starlightLinksValidator({ errorOnInvalidHashes: true, errorOnLocalLinks: true })],
    }),
    mdx(),
    preact(),
    {
      // After the build: _headers (Netlify / Cloudflare Pages), nginx-headers.conf and .well-known/security.txt,
      // from the CSP the pages carry (src/lib/deploy). SECURITY_CONTACT sets security.txt's contact.
      name: 'deploy-files',
      hooks: {
        'astro:build:done': ({ dir, logger }) => {
          writeDeployFiles({
            outDir: fileURLToPath(dir),
            site,
            base,
            securityContact: process.env.SECURITY_CONTACT,
            now: new Date(),
          });
          logger.info('wrote _headers, nginx-headers.conf and .well-known/security.txt');
        },
      },
    },
  ],
  vite: {
    // Astro marks every MDX page's propagated-assets module with the directive "use astro:head-inject", and Vite 8's
    // bundler (Rolldown) warns once per page that it may not preserve module-level directives. Astro reads the
    // marker before bundling, so nothing is lost: upstream withastro/astro#18087 (open). A per-message `onwarn`
    // filter is not reached through Astro's per-environment build config (tried), so this turns off Rolldown's
    // module-level-directive check; the only such directives in this build are those Astro markers.
    //
    // Two view-model indexes only re-export (src/lib is pure: .dependency-cruiser.cjs keeps the DOM, Preact and Astro
    // out of it). Each is shared by an island and the practice pages, so Rolldown gave it a chunk of its own that did
    // nothing but `import"./state.js"`, one more request and about 70 B of gzip on those pages. Declared free of side
    // effects, they are dropped. (The same rule for every module of src/lib was tried: it reshuffled the shared
    // chunks, and the subnet and packet pages grew by 190 and 300 B.)
    build: {
      rolldownOptions: {
        checks: { moduleLevelDirective: false },
        treeshake: {
          moduleSideEffects: (/** @type {string} */ id) =>
            /[\\/]src[\\/]lib[\\/](http-timeline|tls-calculator)[\\/]index\.ts$/.test(id) ? false : undefined,
        },
      },
    },
  },
});
