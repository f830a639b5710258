#!/usr/bin/env node
/**
 * Orders view scroll smoothness with 10 000 rows: the simulator (seeded), the browser host and
 * headless Debian Chromium; sign in, open #/orders?pageSize=10000, scroll the virtual list from
 * top to bottom over ~3 s while the page records requestAnimationFrame intervals.
 * Budgets: median frame ≤ 16.7 ms (60 fps), p95 ≤ 50 ms. Exit 1 when over budget.
 *
 * The simulator and the host are TypeScript; tsx's tsImport loads them in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { ensureRendererBuilt } from '../scripts/lib/renderer-build.mjs';
import { CHROMIUM_ARGS, MEDIAN_BUDGET_MS, P95_BUDGET_MS, judge, measureScroll, signIn } from './lib/scroll.mjs';

/** `--rows N` measures a smaller list (diagnosis only; the budget is defined for 10 000). */
const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000;
if (!Number.isInteger(ROWS) || ROWS < 10) {
  console.error('usage: node bench/orders-scroll.mjs [--rows N]   (N ≥ 10, default 10000)');
  process.exit(2);
}
const PHONE = '13900000001';
const SCROLLERS = ['[data-testid="orders-scroll"]', '.n-data-table-base-table-body', '.v-vl'];

const root = process.cwd();
await ensureRendererBuilt(root);
const { startSimulator } = await tsImport('../simulator/index.ts', import.meta.url);
const { startBrowserHost } = await tsImport('../main/host/server.ts', import.meta.url);
const { silentLogger } = await tsImport('../main/lib/logger.ts', import.meta.url);

const dataDir = mkdtempSync(join(tmpdir(), 'yj-bench-'));
let sim;
let host;
let browser;
let exitCode = 1;

try {
  sim = await startSimulator({ port: 0, quiet: true });
  await sim.control.seedOrders({ phone: PHONE, count: ROWS });
  host = await startBrowserHost({ port: 0, dataDir, serverUrl: sim.url, rendererDir: join(root, 'out/renderer'), logger: silentLogger, print: () => {} });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);

  // Rows loaded = what orders.list returned to the page (the virtual list renders only a window).
  let loadedRows = 0;
  let loadError = null;
  page.on('response', async (response) => {
    if (!response.url().endsWith('/__yj/invoke')) return;
    try {
      const request = JSON.parse(response.request().postData() ?? '{}');
      if (request.route !== 'orders.list') return;
      const result = await response.json();
      if (result.ok) loadedRows = Math.max(loadedRows, result.data.rows.length);
      else loadError = `${result.error.code}: ${result.error.message}`;
    } catch {
      /* not ours */
    }
  });

  await signIn(page, host.pageUrl('/#/login'), PHONE);

  await page.goto(host.pageUrl(`/#/orders?pageSize=${ROWS}`));
  const firstRow = page.locator('[data-testid="orders-row"], .n-data-table-tbody .n-data-table-tr').first();
  const deadline = Date.now() + 30_000;
  while (!loadError && (loadedRows < ROWS || !(await firstRow.isVisible())) && Date.now() < deadline) await page.waitForTimeout(100);
  if (loadedRows === 0) throw new Error(`no order rows loaded${loadError ? ` — orders.list answered ${loadError}` : ''}`);
  if (loadedRows < ROWS) console.log(`warning: only ${loadedRows} of ${ROWS} rows loaded${loadError ? ` (${loadError})` : ''}`);
  await firstRow.waitFor();

  const result = await measureScroll(page, SCROLLERS);
  if (result.error) throw new Error(result.error);

  const { median, p95, withinBudget } = judge(result.frames);
  console.log(`orders rows loaded: ${loadedRows} of ${ROWS} (scroll container ${result.which}, ${result.distance} px, ${result.frames.length} frames${result.reachedBottom ? '' : ', did NOT reach the bottom'})`);
  console.log(`orders scroll (${ROWS} rows): median frame ${median.toFixed(1)} ms (budget ${MEDIAN_BUDGET_MS} ms), p95 ${p95.toFixed(1)} ms (budget ${P95_BUDGET_MS} ms)`);
  const ok = withinBudget && loadedRows === ROWS && result.reachedBottom;
  if (!ok) console.log('OVER BUDGET (or not all rows loaded / bottom not reached)');
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`orders scroll bench failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  await host?.close().catch(() => {});
  await sim?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
