import { defineConfig } from 'vitest/config';

/**
 * Loopback integration tests against real protocol stacks (Node's tls, http, http2) through a latency-injecting
 * proxy. They measure wall-clock time, so they run one file at a time, after the unit tests, never beside them.
 */
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
  },
});
