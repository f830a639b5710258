/**
 * No test hook ships: names that exist only for tests must never appear in the built main or
 * preload (package-check.mjs scans out/ on disk and the same files inside app.asar).
 * The renderer bundle (out/renderer) is not scanned yet: its `resetForTests` is being removed
 * in the renderer's own change; add 'out/renderer' to HOOK_SCAN_DIRS once it is gone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Names of test-only code: helpers, the main test kit's modules, the test kit folder. */
export const TEST_HOOK_NAMES = ['resetForTests', 'account-harness', 'electron-fake', 'memory-ports', 'simple-http', 'createHarness', 'capturingLogger', 'testing/'];

/** Folders of a build (relative to the app root) that are scanned. */
export const HOOK_SCAN_DIRS = ['out/main', 'out/preload'];

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
