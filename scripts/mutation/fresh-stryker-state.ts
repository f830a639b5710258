/**
 * Run first in every test file of the mutation run (vitest.mutation.config.ts, `firstSetupFiles`).
 *
 * Stryker keeps one file's state in a global namespace — `__stryker__`, or `__stryker2__` when Stryker
 * mutates Stryker: the dry run's coverage counts, the hit count and its limit, the mutant that is on.
 * A fresh thread starts without it. A kept thread (kept-threads.ts) would still hold the previous
 * file's: the dry run's counts would add up from file to file, and with them every mutant's hit
 * limit (measured: 13 times higher, so a mutant that loops forever ran into Stryker's 23-second
 * timeout and a worker restart instead of the hit limit); and a mutant switched on at import for one
 * run would still be on while the next run's test file imports.
 */
for (const namespace of ['__stryker__', '__stryker2__']) {
  delete (globalThis as Record<string, unknown>)[namespace];
}

// A module, so that its test can import it.
export {};
