import { defineConfig } from 'vitest/config';

/**
 * Loopback integration tests against real protocol stacks (Node's tls, http, http2) through a latency-injecting
 * proxy. They measure wall-clock time, so they run one file at a time, after the unit tests, never beside them.
 */
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    fileParallelism: false,
    // Only when to give up: a machine with both cores hogged ran the nginx routing comparison for 51 s. A test that
    // measures time decides for itself when the machine is too busy (tests/support/faithful-sampling.ts).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
