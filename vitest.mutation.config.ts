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
    // Kill-the-process tests run the code under test in child processes, where Stryker's active
    // mutant is never switched on: they cannot kill a mutant, and each took minutes per file.
    exclude: ['main/**/*.crash.test.ts'],
    // Instrumented code with per-test coverage runs several times slower than plain code: the
    // stream parser's property test (random chunkings) passes in seconds plain but went past the
    // unit project's 20 s in Stryker's first run on a shared machine.
    testTimeout: 120_000,
  },
});
