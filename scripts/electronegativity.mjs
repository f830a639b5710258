#!/usr/bin/env node
// Electronegativity (Doyensec's Electron security scanner) over the sources and over `out/`,
// failing on any finding nobody reviewed. Run by `npm test` as one step; by hand:
//   node scripts/electronegativity.mjs [--sources dir,dir,…] [--built dir]
//
// - Sources: main/, preload/ and renderer/ are copied into one temporary folder and scanned
//   together, so the app-wide checks (navigation limits, permission handler, CSP) see the whole
//   app. TypeScript is read by the scanner's Babel parser (its bundled typescript-estree 4 is
//   only a fallback). .vue files are not read by the scanner: the built renderer in out/ is.
// - Built: out/ (plain JS after `electron-vite build`, which runs before this step).
// - A reviewed exception is annotated at its line: `// eng-disable CHECK_ID` with the reason in
//   a comment just above. The build drops JS comments, so a finding in out/ counts as reviewed
//   when its line, without comments, is a source line annotated for the same check.
// - Any file the scanner could not parse fails the step: an unread file is an unreviewed file.
// - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is excluded: it downloads Electron's release list at
//   run time (no network in CI); the Electron version is kept current through package.json.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const SOURCE_EXTENSIONS = /\.(ts|tsx|js|mjs|cjs|html)$/;

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const sourceDirs = option('--sources', 'main,preload,renderer').split(',').map((dir) => resolve(root, dir));
const builtDir = resolve(root, option('--built', 'out'));

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** The scanner logs through winston and console; keep its chatter (translation fetch, progress) out of the report. */
async function quietly(work) {
  const { log, warn, info } = console;
  console.log = console.warn = console.info = () => {};
  try {
    return await work();
  } finally {
    Object.assign(console, { log, warn, info });
  }
}

async function scan(input) {
  const run = require('@doyensec/electronegativity');
  const version = electronVersion();
  return quietly(() => run({ input, isRelative: true, excludeFromScan: EXCLUDED, ...(version ? { electronVersionOverride: version } : {}) }));
}

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === 'node_modules') continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else if (SOURCE_EXTENSIONS.test(entry)) yield path;
  }
}

/** `check id → source lines (comments removed) annotated with it`, for findings in out/. */
function annotatedLines(dirs) {
  const byCheck = new Map();
  for (const dir of dirs) {
    for (const file of files(dir)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const match = /(?:\/\/|\/\*|<!--)[ \t]*eng-disable[ \t]+([\w \t]+)/.exec(line);
        if (!match) continue;
        const code = line.slice(0, match.index).trim();
        for (const id of match[1].trim().split(/[ \t]+/)) {
          if (!byCheck.has(id)) byCheck.set(id, new Set());
          byCheck.get(id).add(code);
        }
      }
    }
  }
  return byCheck;
}

function describe(issue) {
  return `${issue.id}  ${issue.file}:${issue.location.line}:${issue.location.column}  ${String(issue.sample ?? '').trim().slice(0, 90)}\n    ${issue.description}`;
}

async function main() {
  const problems = [];
  const staging = mkdtempSync(join(tmpdir(), 'yj-eng-'));
  try {
    for (const [index, dir] of sourceDirs.entries()) {
      if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
      cpSync(dir, join(staging, `${index}-${basename(dir)}`), { recursive: true, filter: (path) => !path.includes('node_modules') });
    }
    const sources = await scan(staging);
    for (const error of sources.errors.filter((e) => !e.tolerable)) problems.push(`could not parse ${relative(staging, error.file)}: ${error.message}`);
    for (const issue of sources.issues) problems.push(`sources: ${describe(issue)}`);
    console.log(`sources (${sourceDirs.map((d) => relative(root, d)).join(', ')}): ${sources.issues.length} unreviewed finding(s), ${sources.errors.length} parse error(s)`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  if (!existsSync(builtDir)) problems.push(`${relative(root, builtDir)}/ is missing: run electron-vite build first`);
  else {
    const built = await scan(builtDir);
    const reviewed = annotatedLines(sourceDirs);
    const open = built.issues.filter((issue) => !reviewed.get(issue.id)?.has(String(issue.sample ?? '').trim()));
    for (const error of built.errors.filter((e) => !e.tolerable)) problems.push(`could not parse ${error.file}: ${error.message}`);
    for (const issue of open) problems.push(`${relative(root, builtDir)}: ${describe(issue)}`);
    console.log(`${relative(root, builtDir)}/: ${built.issues.length} finding(s), ${built.issues.length - open.length} reviewed at their source line, ${open.length} unreviewed`);
  }

  if (problems.length) {
    console.error(`\nElectronegativity: ${problems.length} unreviewed finding(s) or unread file(s). Fix each, or annotate the line`);
    console.error('with `// eng-disable CHECK_ID` and the reason in a comment above it:\n');
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log('Electronegativity: no unreviewed findings');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
