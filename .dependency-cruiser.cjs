/**
 * The architecture, enforced (`npm run deps`, part of `npm test`):
 * - no import cycles anywhere in src/;
 * - src/lib is pure TypeScript: it imports nothing from Preact, Astro, Starlight or src/components (DOM use is
 *   caught by tsconfig.lib.json, which type-checks src/lib without the DOM library);
 * - a model (src/lib/<topic>/) never imports a playground's view model (src/lib/<name>-playground/,
 *   subnet-calculator/, tls-calculator/, http-timeline/), and one view model never imports another's;
 * - the composers, src/lib/practice/ (exercises from every model) and src/lib/journey/ (one request through every
 *   model), sit above the models and the view models: they may read a playground's URL codec to link to it
 *   preloaded, and nothing below them (a model, or a playground's view model other than their own) imports them.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const VIEW_MODELS = '(subnet-calculator|tls-calculator|http-timeline|[a-z0-9-]+-playground)';
/** Layers that compose several models and link into the playgrounds (with each playground's own codec). */
const COMPOSERS = '(practice|journey)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make load order fragile and defeat code splitting.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'lib-is-pure',
      severity: 'error',
      comment: 'src/lib holds the models: no Preact, Astro, Starlight or components (STYLE.md rule 1).',
      from: { path: '^src/lib/' },
      to: { path: '(^node_modules/(preact|@preact|astro|@astrojs)/|^src/components/|^src/pages/|\\.astro$)' },
    },
    {
      name: 'model-not-to-view-model',
      severity: 'error',
      comment: "A model is shared by every view; it must not depend on one playground's view model.",
      from: { path: '^src/lib/', pathNot: `^src/lib/(${VIEW_MODELS}|${COMPOSERS})/` },
      to: { path: `^src/lib/${VIEW_MODELS}/` },
    },
    {
      name: 'nothing-below-a-composer-imports-it',
      severity: 'error',
      comment: 'Practice and the journey compose the models; a model or another playground must not depend on them.',
      from: { path: '^src/lib/', pathNot: `^src/lib/(${COMPOSERS}|practice-page|journey-playground)/` },
      to: { path: `^src/lib/${COMPOSERS}/` },
    },
    {
      name: 'view-model-not-to-other-view-model',
      severity: 'error',
      comment: "One playground's view model must not reach into another's: share through a model or the toolkit.",
      from: { path: `^src/lib/${VIEW_MODELS}/` },
      to: { path: `^src/lib/${VIEW_MODELS}/`, pathNot: '^src/lib/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.astro/|^dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    extraExtensionsToScan: ['.astro', '.mdx'],
  },
};
