import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { keepWorkerThreads } from './scripts/mutation/kept-threads';

/**
 * The order of test files within one mutant's run. Stryker stops at the first failing test (bail),
 * so a killed mutant costs the time of every file that runs before its killer. Vitest's own order
 * puts the files that failed last time first (a good guess: neighbouring mutants in one source file
 * tend to be killed by the same tests) and then the longest first — the opposite of what a run that
 * hopes to stop early wants. This keeps the first rule and runs the shortest first.
 */
class KillersThenShortestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (file: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`);
    const failedFirst = (file: TestSpecification) => (last(file)?.failed ? 0 : 1);
    const duration = (file: TestSpecification) => last(file)?.duration ?? Number.MAX_SAFE_INTEGER;
    return [...files].sort((a, b) => failedFirst(a) - failedFirst(b) || duration(a) - duration(b));
  }
}

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
  // Worker threads kept from one mutant's run to the next (scripts/mutation/kept-threads.ts): a new
  // thread per run was a third of the whole mutation run. Each test file first clears what Stryker
  // left in the thread's globals. MUTATION_FRESH_THREADS=1 turns it off, to check a result against
  // vitest's own pool.
  plugins:
    process.env.MUTATION_FRESH_THREADS === '1'
      ? []
      : [keepWorkerThreads({ firstSetupFiles: [fileURLToPath(new URL('./scripts/mutation/fresh-stryker-state.ts', import.meta.url))] })],
  test: {
    environment: 'node',
    include: ['main/platform/**/*.test.ts', 'main/services/**/*.test.ts', 'main/lib/**/*.test.ts'],
    exclude: ['main/**/*.crash.test.ts'],
    // Short waits, so a mutant that swallows an event costs 2 s and a worker that carries on: the
    // test waiting for that event (or a hook waiting for a connection to close) fails in-process and
    // the mutant counts as killed. With the old 120 s, Stryker's own timeout (6 s plus 1.5 × the
    // covering tests' time, often 30 s) fired first and restarted the worker: on the ledger alone,
    // 17 such mutants made a 7-minute run of what now takes 2. Every untagged unit test takes under
    // 0.3 s on its own, so 2 s leaves room for instrumentation and a busy machine; the tests tagged
    // `slow` wait out real delays by design (the longest, a sliding session, takes 3 s) and get 10.
    // The stream parser's property test is lightened under Stryker (STRYKER_MUTATOR_WORKER) instead.
    testTimeout: 2_000,
    hookTimeout: 4_000,
    tags: [{ name: 'slow', timeout: 10_000 }],
    sequence: { sequencer: KillersThenShortestFirst },
  },
});
