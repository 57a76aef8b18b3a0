import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { MIN_DESCRIPTION_LENGTH } from './lib/content/description.ts';

/**
 * Every page must carry a real description: it is the meta description and the search snippet.
 * A page without one fails the build, and Astro's error names the entry's file.
 */
export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        description: z
          .string({
            error: 'every page needs a `description` in its frontmatter (the meta description and search snippet)',
          })
          .min(MIN_DESCRIPTION_LENGTH, {
            error: `description must be at least ${MIN_DESCRIPTION_LENGTH} characters: say what the reader will learn`,
          }),
      }),
    }),
  }),
  // Starlight's UI strings: src/content/i18n/en.json overrides English defaults (none yet).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
