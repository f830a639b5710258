#!/usr/bin/env node
/**
 * Packaging check without the Electron runtime (toolchain.md): runs
 *   electron-builder --dir --linux -c.electronDist=<stub>
 * against a stub Electron distribution (an executable `electron` script and an empty
 * resources/), which validates electron-builder.yml and its file globs and writes the real
 * app.asar. Then it inspects what would ship, and FAILS (exit 1) when:
 *   - out/main/index.js, out/preload/index.cjs or out/renderer/index.html is missing;
 *   - anything under simulator/ or e2e/, a *.test.* file, a TypeScript file or a .map ships;
 *   - the preload requires anything but 'electron' (a sandboxed preload cannot);
 *   - the browser host (a development tool) was bundled into main;
 *   - a test-hook name (scripts/lib/test-hooks.mjs: resetForTests, testing/, …) appears in the
 *     built main or preload, on disk or in the asar;
 *   - a dependency main imports is missing from the asar or fails to load in Node;
 *   - the Electron fuses of electron-builder.yml were not flipped in the packaged binary (the
 *     stub carries a fuse wire like Electron's, with Electron's defaults).
 * Prints the asar size and file count. Needs a build: runs `electron-vite build` when out/ is
 * missing. Options: --keep (keep the temp folder and print its path), --arch=<x64|arm64>,
 * --config=<file> (another electron-builder config, e.g. to prove the check catches a bad one).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFuses, ELECTRON_DEFAULT_FUSES, findFuses, FUSE_SENTINEL, fuseMismatches } from './lib/fuses.mjs';
import { findTestHooks } from './lib/test-hooks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const config = args.find((arg) => arg.startsWith('--config='))?.slice('--config='.length);
const arch = args.find((arg) => arg.startsWith('--arch='))?.slice('--arch='.length) ?? (process.arch === 'arm64' ? 'arm64' : 'x64');

const REQUIRED = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const FORBIDDEN = [
  { test: (p) => /(^|\/)simulator\//.test(p), why: 'the simulator' },
  { test: (p) => /(^|\/)e2e\//.test(p), why: 'an e2e spec' },
  { test: (p) => /\.test\./.test(p), why: 'a test file' },
  { test: (p) => /\.(ts|mts|cts|tsx)$/.test(p), why: 'a TypeScript file' },
  { test: (p) => /\.map$/.test(p), why: 'a source map' },
];

function fail(message) {
  console.error(`package-check: ${message}`);
  process.exitCode = 1;
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function ensureBuilt() {
  if (REQUIRED.every((file) => existsSync(join(root, file)))) return;
  console.log('package-check: out/ is incomplete — running `electron-vite build` first (npm run build).');
  const status = run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build']);
  if (status !== 0) {
    console.error('package-check: the build failed; fix it and run `npm run build`.');
    process.exit(1);
  }
}

/** A folder that looks like an unpacked Electron for Linux: an executable and resources/. */
function makeStubElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = `${FUSE_SENTINEL}\x01${String.fromCharCode(ELECTRON_DEFAULT_FUSES.length)}${ELECTRON_DEFAULT_FUSES}`;
  writeFileSync(join(dir, 'electron'), Buffer.from(`#!/bin/sh\necho "stub Electron for package-check: not runnable" >&2\nexit 1\n# ${wire}\n`, 'latin1'));
  chmodSync(join(dir, 'electron'), 0o755);
}

function findAsar(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const candidate = join(dir, entry.name, 'resources', 'app.asar');
    if (entry.isDirectory() && existsSync(candidate)) return candidate;
  }
  return null;
}

function walk(dir, base = dir, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, files);
    else files.push(relative(base, full).split(sep).join('/'));
  }
  return files;
}

/** Bare imports of the main bundle (node: builtins and electron excluded). */
function mainDependencies(mainSource) {
  const names = new Set();
  // `import … from '…'` / `export … from '…'` statements and `import('…')`; a bare "from '…'" in a
  // comment is not an import.
  for (const match of mainSource.matchAll(/\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"'.][^"']*)["']|\bimport\(\s*["']([^"'.][^"']*)["']\s*\)/g)) {
    const spec = match[1] ?? match[2];
    if (spec.startsWith('node:') || spec === 'electron') continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return [...names].sort();
}

/**
 * Imports every dependency of main from the extracted asar with plain Node, with a throwaway
 * 'electron' stub so electron-store's top-level `import electron` resolves. Catches globs
 * that stripped a file a dependency needs at run time.
 */
function probeDependencies(extracted, names) {
  const stub = join(extracted, 'node_modules', 'electron');
  mkdirSync(stub, { recursive: true });
  writeFileSync(join(stub, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.js' }));
  writeFileSync(join(stub, 'index.js'), 'export default {};\n');
  const probe = join(extracted, 'out', 'main', '__probe.mjs');
  writeFileSync(
    probe,
    `const failed = [];\nfor (const name of ${JSON.stringify(names)}) {\n  try { await import(name); } catch (error) { failed.push(name + ': ' + error.message.split('\\n')[0]); }\n}\nif (failed.length) { console.error(failed.join('\\n')); process.exit(1); }\n`,
  );
  return spawnSync(process.execPath, [probe], { cwd: join(extracted, 'out', 'main'), encoding: 'utf8' });
}

/** The icons electron-builder takes from build/ (made by build/make-icons.mjs). */
function checkIcons() {
  const read = (name) => {
    try {
      return readFileSync(join(root, 'build', name));
    } catch {
      fail(`build/${name} is missing (run node build/make-icons.mjs)`);
      return null;
    }
  };
  const isPng = (data, size) => data.subarray(1, 4).toString('latin1') === 'PNG' && data.readUInt32BE(16) === size && data.readUInt32BE(20) === size;
  const png = read('icon.png');
  if (png && !isPng(png, 1024)) fail('build/icon.png is not a 1024×1024 PNG');
  const ico = read('icon.ico');
  if (ico) {
    const count = ico.readUInt16LE(4);
    const has256 = Array.from({ length: count }, (_, i) => 6 + 16 * i).some((at) => ico[at] === 0 && ico[at + 1] === 0);
    if (ico.readUInt16LE(2) !== 1 || !has256) fail('build/icon.ico has no 256×256 image');
  }
  const icns = read('icon.icns');
  if (icns) {
    let at = 8;
    let found = false;
    while (at + 8 <= icns.length) {
      const length = icns.readUInt32BE(at + 4);
      if (icns.toString('latin1', at, at + 4) === 'ic10' && isPng(icns.subarray(at + 8, at + length), 1024)) found = true;
      if (length < 8) break;
      at += length;
    }
    if (icns.toString('latin1', 0, 4) !== 'icns' || !found) fail("build/icon.icns has no 1024×1024 PNG 'ic10' entry");
  }
}

/** The switch names of main/shell/launch-switches.ts, read from its source (one list, not two). */
function forbiddenLaunchSwitches() {
  const source = readFileSync(join(root, 'main/shell/launch-switches.ts'), 'utf8');
  const list = /FORBIDDEN_LAUNCH_SWITCHES = \[([\s\S]*?)\] as const/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/^\s*'([a-z0-9-]+)',/gm)].map((match) => match[1]);
}

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

async function main() {
  ensureBuilt();
  checkIcons();
  const work = mkdtempSync(join(tmpdir(), 'yj-package-check-'));
  try {
    const electronDist = join(work, 'electron-dist');
    const output = join(work, 'release');
    makeStubElectron(electronDist);

    const builder = require.resolve('electron-builder/cli.js');
    console.log(`package-check: electron-builder --dir --linux --${arch} (stub Electron in ${electronDist})`);
    const status = run(process.execPath, [builder, '--dir', '--linux', `--${arch}`, '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`, ...(config ? ['--config', config] : [])], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    });
    if (status !== 0) return fail(`electron-builder exited with ${status}`);

    const asarPath = findAsar(output);
    if (!asarPath) return fail(`no app.asar under ${output}`);
    const fuses = findFuses(join(asarPath, '..', '..'))?.fuses ?? null;
    if (!fuses) fail('no fuse wire in the packaged executable');
    const wrongFuses = fuses ? fuseMismatches(fuses) : [];
    for (const line of wrongFuses) fail(line);
    const asar = await import('@electron/asar');
    const extracted = join(work, 'asar');
    (asar.default ?? asar).extractAll(asarPath, extracted);
    const files = walk(extracted);

    for (const file of REQUIRED) if (!files.includes(file)) fail(`app.asar lacks ${file}`);
    const forbidden = files.flatMap((file) => {
      const rule = FORBIDDEN.find((candidate) => candidate.test(file));
      return rule ? [`app.asar contains ${rule.why}: ${file}`] : [];
    });
    for (const line of forbidden.slice(0, 20)) fail(line);
    if (forbidden.length > 20) fail(`… and ${forbidden.length - 20} more files that must not ship`);

    const preload = readFileSync(join(extracted, 'out/preload/index.cjs'), 'utf8');
    const requires = [...new Set([...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
    if (requires.some((name) => name !== 'electron')) fail(`the preload requires ${requires.join(', ')} (only 'electron' works sandboxed)`);
    if (/^\s*(import|export)\s/m.test(preload)) fail('the preload is not CommonJS');

    const mainSource = readFileSync(join(extracted, 'out/main/index.js'), 'utf8');
    if (mainSource.includes('/__yj/invoke')) fail('the browser host (main/host) is bundled into main');
    const refusedSwitches = forbiddenLaunchSwitches();
    const unguarded = refusedSwitches.filter((name) => !mainSource.includes(`"${name}"`) && !mainSource.includes(`'${name}'`));
    if (refusedSwitches.length === 0) fail('no launcher switches found in main/shell/launch-switches.ts');
    for (const name of unguarded) fail(`the packaged main does not refuse --${name} (main/shell/launch-switches.ts is not bundled)`);
    for (const [where, base] of [['out/', root], ['app.asar', extracted]]) {
      for (const hit of findTestHooks(base)) fail(`${where}: ${hit.file} contains the test hook '${hit.name}'`);
    }

    const dependencies = mainDependencies(mainSource);
    const missing = dependencies.filter((name) => !existsSync(join(extracted, 'node_modules', name, 'package.json')));
    for (const name of missing) fail(`main imports ${name}, which is not in app.asar`);
    const probe = probeDependencies(extracted, dependencies.filter((name) => !missing.includes(name)));
    if (probe.status !== 0) fail(`a packaged dependency fails to load:\n${probe.stderr.trim()}`);

    const asarBytes = statSync(asarPath).size;
    const appFiles = files.filter((file) => !file.startsWith('node_modules/'));
    console.log(`package-check: app.asar ${formatBytes(asarBytes)} (${asarBytes} bytes), ${files.length} files (${appFiles.length} app, ${files.length - appFiles.length} in node_modules)`);
    console.log(`package-check: preload ${Buffer.byteLength(preload)} bytes, requires: ${requires.join(', ') || 'nothing'}`);
    console.log(`package-check: main imports ${dependencies.join(', ')} — all present and loadable`);
    if (!unguarded.length) console.log(`package-check: the packaged app refuses ${refusedSwitches.length} launcher switches (${refusedSwitches.map((name) => `--${name}`).join(', ')})`);
    if (fuses && !wrongFuses.length) console.log(`package-check: fuses ${describeFuses(fuses)}`);
    if (!process.exitCode) console.log('package-check: OK');
  } finally {
    if (keep) console.log(`package-check: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`package-check: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
