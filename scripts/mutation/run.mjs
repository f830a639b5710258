#!/usr/bin/env node
/**
 * `npm run test:mutation`: runs `stryker run` with the arguments given, then prints how long it took
 * beside the budget (a cold run on our 2-core machines, issue 12), and exits with Stryker's code.
 * A run over budget is reported, not failed: the budget is for a cold run on those machines.
 *
 * MUTATION_STRYKER_BIN replaces Stryker's command-line script (for this script's test).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BUDGET_MINUTES = 30;

/** 976 512 ms → "16 min 17 s". */
export function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function budgetLine(ms) {
  const verdict = ms <= BUDGET_MINUTES * 60_000 ? 'within' : 'OVER';
  return `变异测试用时 / mutation run: ${formatDuration(ms)} — ${verdict} the ${BUDGET_MINUTES}-minute budget (a cold run on 2 cores)`;
}

/** Stryker's own command-line script. By path: the package's exports do not include it. */
export function strykerBin() {
  return process.env.MUTATION_STRYKER_BIN ?? fileURLToPath(new URL('../../node_modules/@stryker-mutator/core/bin/stryker.js', import.meta.url));
}

function main() {
  const started = performance.now();
  const child = spawn(process.execPath, [strykerBin(), 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('error', (error) => {
    console.error(`变异测试无法启动 / could not start Stryker: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    console.log(budgetLine(performance.now() - started));
    process.exit(code ?? (signal ? 1 : 0));
  });
}

// Run when started as a script (a path with spaces or a Windows drive needs the URL form); not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
