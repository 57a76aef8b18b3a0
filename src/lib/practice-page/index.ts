/**
 * The practice pages' view model (no DOM): URL state of a problem set, which exercise each position holds (one
 * family, or the journey quiz across all), the "next" rule, and progress and streaks over an injected storage.
 * The island (`src/components/Practice/`) renders it; the Astro pages render the server default from it.
 */
export * from './progress.ts';
export * from './sequence.ts';
export * from './url.ts';
