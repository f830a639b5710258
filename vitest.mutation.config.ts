import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the unit tests that live
 * beside the mutated code — `main/platform`, `main/services` and the `main/lib` helpers they use.
 *
 * Left out, each for a reason:
 * - the module, IPC and host tests (`main/core`, `main/ipc`, `main/host`): they reach the mutated
 *   code only through a whole running app, cost seconds per file per mutant, and a mutant only
 *   they can kill is a gap in the unit tests that should be closed there;
 * - component and e2e tests: a Chromium per mutant does not fit any budget;
 * - `*.crash.test.ts` (kill-the-process tests): they run the code under test in child processes,
 *   where Stryker never switches a mutant on, so they cannot kill one.
 *
 * Stryker's `vitest.related` is off (stryker.config.json): with it on, every mutant run asked
 * vitest to walk the import graph of all test files again, about 1.5 s a mutant; off, the dry run
 * records which tests cover which mutant once and each mutant runs only those.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['main/platform/**/*.test.ts', 'main/services/**/*.test.ts', 'main/lib/**/*.test.ts'],
    exclude: ['main/**/*.crash.test.ts'],
    // Instrumented code with per-test coverage runs several times slower than plain code: the
    // stream parser's property test (random chunkings) passes in seconds plain but went past the
    // unit project's 20 s in Stryker's first run on a shared machine.
    testTimeout: 120_000,
  },
});
