import { defineConfig } from 'vitest/config';

/**
 * Unit, property and differential tests for src/lib (tests/unit) and island tests (tests/components).
 * Loopback integration tests have their own config (vitest.integration.config.ts): they time real network
 * stacks and must not share the CPU with other test files. Browser tests live in tests/e2e (Playwright).
 */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/components/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    setupFiles: ['tests/support/dom-tests-setup.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts'],
      exclude: ['src/lib/**/index.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // The whole of src/lib meets the first line; the established models, which every guide and playground relies
      // on, meet the stricter bar of the second. The playgrounds added last (dns, nat, proxy and their view models)
      // are below it today: raise the global numbers as their tests grow, never lower them.
      thresholds: {
        statements: 96,
        branches: 91,
        functions: 98,
        lines: 97,
        'src/lib/{bounds,diagram,dns,examples,format,handshake,http,ip,packet,playground,subnet-calculator}/**/*.ts': {
          statements: 97,
          branches: 95,
          functions: 97,
          lines: 97,
        },
      },
    },
  },
});
