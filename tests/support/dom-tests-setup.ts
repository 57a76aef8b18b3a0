/**
 * Vitest setup for the island tests (tests/components, happy-dom). `waitFor` and `findBy…` give up after 1 s by
 * default; an island's first background run loads its model with a dynamic import, which Vitest transforms and
 * instruments for coverage on first use, and a busy CI machine can take longer than that. A wait only lasts until its
 * state is reached, so a longer limit costs a passing test nothing; a missing state still fails, after 10 s.
 */
export {};

if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/preact');
  configure({ asyncUtilTimeout: 10_000 });
}
