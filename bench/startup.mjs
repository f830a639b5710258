#!/usr/bin/env node
/**
 * Start-up as a user feels it, measured where we can: the browser host (main's services, the
 * same code the desktop app composes) started as its own process, and the built renderer in
 * headless Debian Chromium (already running, so its own launch is not counted).
 *
 * - cold: from spawning the host to the sign-in screen interactive (phone field editable), with
 *   a fresh data folder. Budget 1.5 s (median of 5).
 * - restored: from spawning the host on a data folder holding a saved session to the signed-in
 *   overview. Budget 2.5 s (median of 5).
 * - memory: the host process's resident set once the overview shows. Budget ≤ 150 MB.
 *
 * The host is bundled with esbuild first (as electron-vite bundles main for the packaged app),
 * so the figures do not include compiling TypeScript on load. Exit 1 when over a budget.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { ensureRendererBuilt } from '../scripts/lib/renderer-build.mjs';
import { stopChild } from '../scripts/lib/processes.mjs';

const RUNS = 5;
const COLD_BUDGET_MS = 1500;
const RESTORED_BUDGET_MS = 2500;
const MEMORY_BUDGET_MB = 150;
const PHONE = '13900000001';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const root = process.cwd();
await ensureRendererBuilt(root);
const { startSimulator } = await tsImport('../simulator/index.ts', import.meta.url);

const hostBundle = join(root, '.tmp/bench-startup/host.mjs');
await build({
  entryPoints: [join(root, 'main/host/cli.ts')],
  outfile: hostBundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
// The host serves its page-side bridge from a file beside its own module.
copyFileSync(join(root, 'main/host/bridge-client.js'), join(root, '.tmp/bench-startup/bridge-client.js'));

/** Spawns the bundled host CLI in its own node process, so its pid and memory are the host's. */
function spawnHost(serverUrl, dataDir) {
  const child = spawn(process.execPath, [hostBundle, '--server', serverUrl, '--port', '0', '--data', dataDir, '--renderer', join(root, 'out/renderer')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before it printed its address: ${stderr.trim()}`)));
  });
  return { child, url };
}

function residentMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return kb / 1024;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The page URL with a route: the printed address may carry a query (an access token). */
const at = (base, route) => `${base.replace(/\/?(\?|$)/, '/$1')}#${route}`;

let sim;
let browser;
let exitCode = 1;
const folders = [];
const freshFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-bench-startup-'));
  folders.push(dir);
  return dir;
};

async function timed(dataDir, route, ready) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const started = performance.now();
  const host = spawnHost(sim.url, dataDir);
  try {
    const url = await host.url;
    await page.goto(at(url, route));
    await ready(page);
    const ms = performance.now() - started;
    const mb = residentMb(host.child.pid);
    return { ms, mb };
  } finally {
    await context.close();
    await stopChild(host.child);
  }
}

const signInScreenReady = async (page) => {
  const phone = page.locator('#login-phone');
  await phone.waitFor({ state: 'visible' });
  while (!(await phone.isEditable())) await page.waitForTimeout(5);
};
const overviewReady = (page) => page.getByTestId('signed-in-user').waitFor({ state: 'visible' });

try {
  sim = await startSimulator({ port: 0, quiet: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });

  // One warm-up so the first measured run does not pay for cold disk caches.
  await timed(freshFolder(), '/login', signInScreenReady);

  const cold = [];
  for (let i = 0; i < RUNS; i += 1) cold.push(await timed(freshFolder(), '/login', signInScreenReady));

  // Sign in once (not measured) so the folder holds a saved session.
  const sessionFolder = freshFolder();
  await timed(sessionFolder, '/login', async (page) => {
    await page.locator('#login-phone').fill(PHONE);
    await page.getByTestId('send-code').click();
    await page.getByTestId('code-notice').waitFor();
    await page.locator('#login-code').fill('123456');
    await page.getByTestId('login-submit').click();
    await overviewReady(page);
  });
  const restored = [];
  for (let i = 0; i < RUNS; i += 1) restored.push(await timed(sessionFolder, '/', overviewReady));

  const coldMs = median(cold.map((run) => run.ms));
  const restoredMs = median(restored.map((run) => run.ms));
  const memoryMb = Math.max(...restored.map((run) => run.mb));
  const list = (runs) => runs.map((run) => run.ms.toFixed(0)).join(', ');
  console.log(`cold start → sign-in screen interactive: median ${coldMs.toFixed(0)} ms (budget ${COLD_BUDGET_MS} ms) [runs: ${list(cold)}]`);
  console.log(`restored session → signed-in overview: median ${restoredMs.toFixed(0)} ms (budget ${RESTORED_BUDGET_MS} ms) [runs: ${list(restored)}]`);
  console.log(`host process memory (RSS, largest of the restored runs): ${memoryMb.toFixed(0)} MB (budget ${MEMORY_BUDGET_MB} MB)`);
  const ok = coldMs <= COLD_BUDGET_MS && restoredMs <= RESTORED_BUDGET_MS && memoryMb <= MEMORY_BUDGET_MB;
  if (!ok) console.log('OVER BUDGET');
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`start-up bench failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser?.close().catch(() => {});
  await sim?.close().catch(() => {});
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
