#!/usr/bin/env node
/**
 * Task list scroll smoothness with 10 000 tasks: the simulator, the browser host and headless
 * Debian Chromium; sign in, open #/tasks, scroll the virtual list top to bottom over ~3 s while
 * the page records requestAnimationFrame intervals (the one shared clock ticks meanwhile, as in
 * use). Budgets as for the orders list: median frame ≤ 16.7 ms, p95 ≤ 50 ms. Exit 1 when over.
 *
 * Seeding needs main's side of the video half: tasks reach the page only through `tasks.list`
 * (main's ledger) and `task.changed`. The bench seeds through the first hook it finds:
 *   1. the simulator's `control.seedTasks({ phone, count })` (platform tasks that main adopts
 *      into its ledger, §10.1), or
 *   2. main's ledger route for tests, `tasks.seedForBench` (if the merge adds one).
 * With neither, or while `tasks.list` answers "not built yet", it says so and exits 2: it never
 * reports a figure it did not measure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { ensureRendererBuilt } from '../scripts/lib/renderer-build.mjs';
import { CHROMIUM_ARGS, MEDIAN_BUDGET_MS, P95_BUDGET_MS, judge, measureScroll, signIn } from './lib/scroll.mjs';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000;
if (!Number.isInteger(ROWS) || ROWS < 10) {
  console.error('usage: node bench/tasks-scroll.mjs [--rows N]   (N ≥ 10, default 10000)');
  process.exit(2);
}
const PHONE = '13900000001';
/** Exit code for "cannot measure here" (not a failure of the list, not a pass either). */
const CANNOT_RUN = 2;

const root = process.cwd();
await ensureRendererBuilt(root);
const { startSimulator } = await tsImport('../simulator/index.ts', import.meta.url);
const { startBrowserHost } = await tsImport('../main/host/server.ts', import.meta.url);
const { silentLogger } = await tsImport('../main/lib/logger.ts', import.meta.url);

const dataDir = mkdtempSync(join(tmpdir(), 'yj-bench-tasks-'));
let sim;
let host;
let browser;
let exitCode = 1;

class CannotRun extends Error {}

/** Calls a route from the page, as the renderer does. */
const invoke = (page, route, input) => page.evaluate(([name, payload]) => window.yj.invoke(name, payload), [route, input]);

try {
  sim = await startSimulator({ port: 0, quiet: true });
  host = await startBrowserHost({ port: 0, dataDir, serverUrl: sim.url, rendererDir: join(root, 'out/renderer'), logger: silentLogger, print: () => {} });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);

  await signIn(page, host.pageUrl('/#/login'), PHONE);

  const probe = await invoke(page, 'tasks.list', {});
  if (!probe.ok) throw new CannotRun(`tasks.list answers ${probe.error.code}: ${probe.error.message} (main's tasks module is not in this tree)`);

  if (typeof sim.control?.seedTasks === 'function') await sim.control.seedTasks({ phone: PHONE, count: ROWS });
  else {
    const seeded = await invoke(page, 'tasks.seedForBench', { count: ROWS });
    if (!seeded.ok) throw new CannotRun('nothing can seed tasks: the simulator has no control.seedTasks and main has no tasks.seedForBench');
  }
  await invoke(page, 'tasks.refresh');

  // Adoption streams a task.changed per row to the open page; wait for the ledger to fill
  // before opening the list, so the figure is the scroll, not the adoption.
  const adoptStart = Date.now();
  const deadline = adoptStart + 120_000;
  let listed = 0;
  while (listed < ROWS && Date.now() < deadline) {
    const answer = await invoke(page, 'tasks.list', {});
    listed = answer.ok ? answer.data.length : 0;
    if (listed < ROWS) await page.waitForTimeout(500);
  }
  if (listed < ROWS) throw new Error(`only ${listed} of ${ROWS} tasks reached the ledger`);
  console.log(`adopted ${listed} tasks into the ledger in ${((Date.now() - adoptStart) / 1000).toFixed(1)} s`);
  await page.goto(host.pageUrl('/#/tasks'), { timeout: 120_000 });
  await page.reload({ timeout: 120_000 }); // the page reads the ledger once, now that it is full
  await page.locator('[data-local-id]').first().waitFor();

  const result = await measureScroll(page, ['[data-testid="tasks-scroll"]']);
  if (result.error) throw new Error(result.error);

  const { median, p95, withinBudget } = judge(result.frames);
  console.log(`tasks listed: ${listed} (${result.which}, ${result.distance} px, ${result.frames.length} frames${result.reachedBottom ? '' : ', did NOT reach the bottom'})`);
  console.log(`tasks scroll (${ROWS} tasks): median frame ${median.toFixed(1)} ms (budget ${MEDIAN_BUDGET_MS} ms), p95 ${p95.toFixed(1)} ms (budget ${P95_BUDGET_MS} ms)`);
  const ok = withinBudget && result.reachedBottom;
  if (!ok) console.log('OVER BUDGET (or bottom not reached)');
  exitCode = ok ? 0 : 1;
} catch (error) {
  if (error instanceof CannotRun) {
    console.log(`tasks scroll bench cannot run yet: ${error.message}. No figure is reported.`);
    exitCode = CANNOT_RUN;
  } else {
    console.error(`tasks scroll bench failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
} finally {
  await browser?.close().catch(() => {});
  await host?.close().catch(() => {});
  await sim?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
