#!/usr/bin/env node
// `npm test`: every check the project has, in order, then ONE closing line
// `N passed, N failed` (CI reads it; vitest's own closing line is not one CI understands).
// Each non-vitest step (lint, type-check, build, packaging, bundle budget) counts as one check;
// every vitest test (unit, component, end-to-end) counts as one. All steps run even after a
// failure so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
const reportFile = resolve(root, '.tmp/vitest-report.json');

const steps = [
  { name: 'lint', cmd: bin('eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'type-check (main, preload, simulator)', cmd: bin('tsc'), args: ['-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'type-check (renderer)', cmd: bin('vue-tsc'), args: ['-p', 'tsconfig.web.json', '--noEmit'] },
  { name: 'build', cmd: bin('electron-vite'), args: ['build'] },
  { name: 'electronegativity (sources and out/)', cmd: process.execPath, args: ['scripts/electronegativity.mjs'] },
  { name: 'vitest', vitest: true, cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`] },
  { name: 'packaging (electron-builder --dir)', cmd: process.execPath, args: ['scripts/package-check.mjs'] },
  { name: 'bundle budget', cmd: process.execPath, args: ['bench/bundle.mjs'] },
];

let passed = 0;
let failed = 0;
const lines = [];

mkdirSync(resolve(root, '.tmp'), { recursive: true });
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  if (step.vitest) rmSync(reportFile, { force: true });
  const run = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.vitest) {
    const counts = readVitestCounts();
    passed += counts.passed;
    failed += counts.failed;
    lines.push(`${run.status === 0 && counts.failed === 0 ? 'ok  ' : 'FAIL'} vitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
    // A crash before any test ran (config error) must not read as green.
    if (run.status !== 0 && counts.failed === 0) failed += 1;
  } else if (run.status === 0) {
    passed += 1;
    lines.push(`ok   ${step.name} (${seconds} s)`);
  } else {
    failed += 1;
    lines.push(`FAIL ${step.name} (exit ${run.status ?? run.signal}, ${seconds} s)`);
  }
}

function readVitestCounts() {
  if (!existsSync(reportFile)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  // A file that failed without a failing test (it did not load, a hook threw) counts once;
  // vitest's numFailedTestSuites would count describe blocks of failing tests a second time.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
