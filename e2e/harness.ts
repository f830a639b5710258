/**
 * End-to-end harness: the real simulator and the real browser host (in this process), the
 * built renderer, and one headless Debian Chromium per test file. Each test gets a fresh
 * browser context; `restartHost()` simulates quitting and reopening the app on the same data.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../main/host/server';
import { silentLogger } from '../main/lib/logger';
import { startSimulator } from '../simulator/index';

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type SimulatorOptions = Parameters<typeof startSimulator>[0];

export const RENDERER_DIR = resolve('out/renderer');
export const RESULTS_DIR = resolve('test-results');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SMS_CODE = '123456';

export interface Harness {
  sim: Simulator;
  host: BrowserHost;
  browser: Browser;
  dataDir: string;
  /** A fresh context (own storage, clipboard permissions) and page at the host's URL (with its token). */
  newPage(path?: string): Promise<{ context: BrowserContext; page: Page }>;
  /** Close the host gracefully and start a new one on the same data folder (an app restart; a crash: host-kill.test.ts). */
  restartHost(): Promise<BrowserHost>;
  /**
   * Close the host and start one on a NEW data folder (a clean install, signed out).
   * `serverUrl` points it at another address of the simulator (e.g. http://localhost:<port>).
   */
  freshHost(options?: { serverUrl?: string }): Promise<BrowserHost>;
  /** URLs the host handed to the system opener. */
  opened(): Promise<string[]>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { simulator?: Partial<NonNullable<SimulatorOptions>>; /** What the host's "pick images" answers with (it has no dialog). */ pickDir?: string } = {},
): Promise<Harness> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`e2e: ${join(RENDERER_DIR, 'index.html')} is missing — run npm run build first`);
  }
  if (!existsSync('/usr/bin/chromium')) throw new Error('e2e: /usr/bin/chromium is missing — apt-get install -y chromium fonts-wqy-microhei');

  const root = mkdtempSync(join(tmpdir(), 'yj-e2e-'));
  let dataDir = join(root, 'data-1');
  let dataDirs = 1;
  const sim = await startSimulator({ port: 0, quiet: true, ...options.simulator } as SimulatorOptions);
  let serverUrl = sim.url;
  const launchHost = (port = 0) =>
    startBrowserHost({
      port,
      dataDir,
      serverUrl,
      rendererDir: RENDERER_DIR,
      testHooks: true,
      logger: silentLogger,
      print: () => {},
      ...(options.pickDir ? { pickDir: options.pickDir } : {}),
    });
  let host = await launchHost();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const contexts = new Set<BrowserContext>();

  const harness: Harness = {
    sim,
    get host() {
      return host;
    },
    browser,
    get dataDir() {
      return dataDir;
    },
    async newPage(path = '/') {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(host.pageUrl(path));
      return { context, page };
    },
    async restartHost() {
      // Same port: the page's origin (and its granted permissions) stay valid across the restart.
      const port = host.port;
      await host.close();
      host = await launchHost(port);
      return host;
    },
    async freshHost(options = {}) {
      await host.close();
      serverUrl = options.serverUrl ?? sim.url;
      dataDir = join(root, `data-${++dataDirs}`);
      host = await launchHost();
      return host;
    },
    async opened() {
      const res = await fetch(`${host.url}/__yj/test/opened`, { headers: { 'X-Yj-Token': host.token } });
      return ((await res.json()) as { opened: string[] }).opened;
    },
    async screenshot(page, name) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      for (const context of [...contexts]) await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await host.close().catch(() => {});
      await sim.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
  return harness;
}
