import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the unit tests of main/
 * only, as in the `unit` project of vitest.config.ts. Component and e2e tests are left out: they
 * do not exercise the mutated folders directly, and a Chromium per mutant would not fit the
 * 30-minute budget on a 2-core machine.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['main/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
