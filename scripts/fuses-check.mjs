#!/usr/bin/env node
/**
 * `node scripts/fuses-check.mjs <unpacked app folder>`: reads the Electron fuses back from a
 * built app (release/win-unpacked, release/mac*\/*.app, …) and fails unless they match the table
 * electron-builder.yml asks for. The release workflow runs it on every installer it builds.
 */
import { existsSync } from 'node:fs';
import { describeFuses, findFuses, fuseMismatches } from './lib/fuses.mjs';

const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  console.error('usage: node scripts/fuses-check.mjs <unpacked app folder>');
  process.exit(2);
}
const found = findFuses(dir);
if (!found) {
  console.error(`fuses-check: no Electron fuse wire in any file under ${dir}`);
  process.exit(1);
}
const wrong = fuseMismatches(found.fuses);
console.log(`fuses-check: ${found.file}: ${describeFuses(found.fuses)}`);
for (const line of wrong) console.error(`fuses-check: ${line}`);
process.exit(wrong.length === 0 ? 0 : 1);
