#!/usr/bin/env node
// Bundle budget: the gzip size of all JavaScript the sign-in screen loads (the entry chunk,
// its static imports and the LoginView chunk with its imports) against 200 KB, and each lazy
// screen's own JavaScript (what it adds beyond the entry) against 100 KB. Reads the chunk graph
// from Vite's manifest of `npm run build`; exits 1 when a budget is exceeded, or when any built
// renderer JavaScript contains a test hook (test code must never ship to users).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findTestHooks, TEST_HOOK_NAMES } from '../scripts/lib/test-hooks.mjs';


const KB = 1024;
const SIGN_IN_BUDGET = 200 * KB;
const LAZY_BUDGET = 100 * KB;
const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'out/renderer');
const manifestPath = resolve(outDir, '.vite/manifest.json');

if (!existsSync(manifestPath)) {
  console.error('No build manifest: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const gzipSizes = new Map();
const gzipOf = (file) => {
  if (!gzipSizes.has(file)) gzipSizes.set(file, gzipSync(readFileSync(resolve(outDir, file)), { level: 9 }).length);
  return gzipSizes.get(file);
};

/** Files (JS only) reachable from a manifest key through static imports. */
function staticClosure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  if (chunk.file.endsWith('.js')) seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, seen);
  return seen;
}
const sum = (files) => [...files].reduce((total, file) => total + gzipOf(file), 0);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entryFiles = staticClosure(entryKey);
const viewKey = (name) => Object.keys(manifest).find((key) => key.endsWith(`views/${name}.vue`));

const failures = [];
const loginKey = viewKey('LoginView');
if (!loginKey) failures.push('LoginView is not a lazy chunk');
const signInFiles = new Set([...entryFiles, ...(loginKey ? staticClosure(loginKey) : [])]);
const signIn = sum(signInFiles);
console.log(`sign-in screen JavaScript: ${kb(signIn)} gzip in ${signInFiles.size} files (budget ${kb(SIGN_IN_BUDGET)})`);
if (signIn > SIGN_IN_BUDGET) failures.push('sign-in screen over budget');
// A dark UI also loads Naive UI's dark theme (its own chunk): the budget holds for that case too.
const darkKey = Object.keys(manifest).find((key) => key.endsWith('theme/dark.ts'));
if (darkKey) {
  const darkFiles = new Set([...signInFiles, ...staticClosure(darkKey)]);
  const dark = sum(darkFiles);
  console.log(`sign-in screen JavaScript, dark theme: ${kb(dark)} gzip in ${darkFiles.size} files (budget ${kb(SIGN_IN_BUDGET)})`);
  if (dark > SIGN_IN_BUDGET) failures.push('sign-in screen (dark theme) over budget');
}

// Every lazily loaded chunk: what loading it adds beyond what the entry already loaded.
const lazy = Object.entries(manifest)
  .filter(([, chunk]) => chunk.isDynamicEntry)
  .map(([key]) => {
    const added = [...staticClosure(key)].filter((file) => !entryFiles.has(file));
    return { name: key.replace(/^.*\//, ''), bytes: sum(added) };
  })
  .sort((a, b) => b.bytes - a.bytes);
for (const { name, bytes } of lazy) {
  console.log(`  lazy ${name.padEnd(28)} ${kb(bytes).padStart(9)} gzip (budget ${kb(LAZY_BUDGET)})`);
  if (bytes > LAZY_BUDGET) failures.push(`${name} over budget`);
}
if (lazy.length) console.log(`largest lazy chunk: ${lazy[0].name} ${kb(lazy[0].bytes)} (budget ${kb(LAZY_BUDGET)})`);

// Test hooks: every file under out/renderer, not only the manifest's chunks (one list with the
// packaging check: scripts/lib/test-hooks.mjs).
const hooks = findTestHooks(root, ['out/renderer']).map((hit) => `${hit.file} contains "${hit.name}"`);
for (const hook of hooks) console.error(`test hook in the renderer build: ${hook}`);
if (hooks.length) failures.push(`test hooks in the renderer build (${hooks.length})`);
else console.log(`no test hook in the renderer build (checked ${TEST_HOOK_NAMES.join(', ')})`);

if (failures.length) {
  console.error(`bundle budget FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('bundle budget ok');
