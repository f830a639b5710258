#!/usr/bin/env node
/**
 * npm run web -- [--server <url>] [--port <port>] [--data <dir>]
 * The renderer in your own browser, with the real main-side services behind it (browser host).
 * Builds the renderer first when out/renderer is missing or older than its sources.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureRendererBuilt } from './lib/renderer-build.mjs';

const root = process.cwd();
const args = process.argv.slice(2);

try {
  await ensureRendererBuilt(root);
} catch (error) {
  console.error(`构建失败 / build failed: ${error.message}`);
  process.exit(1);
}

const tsx = join(root, 'node_modules/.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const child = spawn(tsx, ['main/host/cli.ts', ...args], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

// Forward stop signals (from a terminal the child gets Ctrl+C too; stopping twice is harmless),
// let the host dispose its core, and exit with it.
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('error', (error) => {
  console.error(`cannot start the browser host: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
