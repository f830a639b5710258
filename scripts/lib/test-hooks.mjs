/**
 * No test hook ships: names that exist only for tests must never appear in the built main,
 * preload or renderer. One list, read by package-check.mjs (out/ on disk and the same files
 * inside app.asar) and by bench/bundle.mjs (the renderer build it measures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Names of test-only code: helpers, the main test kit's modules, the test kit folder. */
export const TEST_HOOK_NAMES = [
  'resetForTests',
  'account-harness',
  'electron-fake',
  'memory-ports',
  'simple-http',
  'createHarness',
  'capturingLogger',
  'fake-bridge',
  '__test',
  'testing/',
];

/** Folders of a build (relative to the app root) that are scanned. */
export const HOOK_SCAN_DIRS = ['out/main', 'out/preload', 'out/renderer'];

/** Every (file, name) where a test-hook name occurs in a .js/.cjs/.mjs/.html file under `dirs` of `root`. */
export function findTestHooks(root, dirs = HOOK_SCAN_DIRS, names = TEST_HOOK_NAMES) {
  const found = [];
  for (const dir of dirs) {
    for (const file of listFiles(join(root, dir))) {
      if (!/\.(c|m)?js$|\.html$/.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const name of names) if (text.includes(name)) found.push({ file: relative(root, file).split(sep).join('/'), name });
    }
  }
  return found;
}

function listFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}
