/**
 * The browser host killed for real (SIGKILL: no shutdown, no flush) mid-task and started again
 * on the same data folder, as a user whose machine crashed would: once right after the taskid
 * reached the ledger, once between the ledger's write-ahead and the taskid (the simulator holds
 * the submit's answer back while the task already exists). Each time the page is opened from the
 * new start's printed URL, the task is there and completes, the platform holds exactly one task
 * for it, and nothing was submitted twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL, startSimulator } from '../simulator/index';
import { signIn, waitForRoute } from './flows';
import { CHROMIUM_ARGS, type Simulator } from './harness';
import { spawnHost, type HostProcess } from './host-process';
import {
  SUBMIT_PATH, expectQuote, ledgerText, openModel, platformTasksFor, submitFrom, submitsFor, taskRow, transnoOf, typePrompt, uniquePrompt, waitForStatus,
} from './video-steps';

const LISTS_PATH = '/llmage/get_my_asynctasks.dspy';
/** Long enough that the task is still running when the host dies, short enough to finish after. */
const TASK_TIMINGS = { processingAfterMs: 500, succeedAfterMs: 12_000, billingDelayMs: 500 };

let sim: Simulator;
let browser: Browser;
let root: string;
let context: BrowserContext | undefined;
const hosts = new Set<HostProcess>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'yj-e2e-kill-'));
  sim = await startSimulator({ port: 0, quiet: true, taskTimings: TASK_TIMINGS, switches: { streamForm: 'single' } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close().catch(() => {});
  await sim?.close().catch(() => {});
  if (root) rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await context?.close().catch(() => {});
  context = undefined;
  for (const host of [...hosts]) await host.kill('SIGTERM');
  hosts.clear();
  sim.control.clearFaults();
});

async function startHost(dataDir: string): Promise<HostProcess> {
  const host = await spawnHost({ serverUrl: sim.url, dataDir });
  hosts.add(host);
  return host;
}

async function killHard(host: HostProcess): Promise<void> {
  const ended = await host.kill('SIGKILL');
  hosts.delete(host);
  expect(ended.signal).toBe('SIGKILL');
}

/** A host on a new data folder, a signed-in page on it, the model open and the prompt typed. */
async function studioOnNewHost(prompt: string): Promise<{ dataDir: string; host: HostProcess; page: Page }> {
  const dataDir = join(root, `data-${Date.now().toString(36)}`);
  const host = await startHost(dataDir);
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(host.pageUrl());
  await signIn(page);
  await openModel(page, 't2v', MODEL.q3Pro);
  await typePrompt(page, prompt);
  return { dataDir, host, page };
}

/** Starts the host again on `dataDir` and opens 任务 from the URL the new start printed. */
async function reopenTasks(page: Page, dataDir: string): Promise<void> {
  const host = await startHost(dataDir);
  await page.goto(host.pageUrl('/#/tasks'));
  await waitForRoute(page, '/tasks');
}

async function expectOnceAndDone(page: Page, prompt: string): Promise<void> {
  // A crash leaves the task to the start-up reconciliation and the poller's 20 s list tick.
  await waitForStatus(page, prompt, '已完成', 75_000);
  expect(submitsFor(sim, prompt)).toHaveLength(1);
  expect(platformTasksFor(sim, prompt)).toHaveLength(1);
  expect(await taskRow(page, prompt).count()).toBe(1);
}

/** Two host starts, a sign-in and a task's life: more than the e2e default of 90 s on a busy machine. */
const KILL_TEST_TIMEOUT = 180_000;

describe('the host killed with SIGKILL', () => {
  it('right after the taskid reached the ledger: the task is there after a restart and completes once', async () => {
    const prompt = uniquePrompt('崩溃之后继续生成');
    const { dataDir, host, page } = await studioOnNewHost(prompt);
    await submitFrom(page);
    const [task] = platformTasksFor(sim, prompt);
    expect(task?.taskid).toBeTruthy();
    await expect.poll(() => ledgerText(dataDir).includes(task!.taskid)).toBe(true);

    await killHard(host);
    expect(sim.control.tasks().find((t) => t.taskid === task!.taskid)?.status).not.toBe('SUCCEEDED');
    await reopenTasks(page, dataDir);
    await taskRow(page, prompt).first().waitFor();
    await expectOnceAndDone(page, prompt);
  }, KILL_TEST_TIMEOUT);

  it('between the write-ahead and the taskid: the task is found by its transno after a restart and completes once', async () => {
    const prompt = uniquePrompt('写入之后任务号之前崩溃');
    const { dataDir, host, page } = await studioOnNewHost(prompt);
    await expectQuote(page);
    // The platform makes the task at once but answers late; the lists are down, so this host
    // cannot learn the taskid any other way before it dies.
    sim.control.setFault({ kind: 'slowAnswer', path: SUBMIT_PATH, delayMs: 20_000, times: 1 });
    sim.control.setFault({ kind: 'status500', path: LISTS_PATH });
    await page.getByTestId('studio-submit').click();
    await expect.poll(() => platformTasksFor(sim, prompt).length, { timeout: 20_000 }).toBe(1);
    const [task] = platformTasksFor(sim, prompt);
    const transno = transnoOf(submitsFor(sim, prompt)[0]?.body);
    expect(transno).toBeTruthy();
    const ledger = ledgerText(dataDir);
    expect(ledger).toContain(transno);
    expect(ledger).not.toContain(task!.taskid);
    expect(await page.getByTestId('studio-submitted').count()).toBe(0);

    await killHard(host);
    sim.control.clearFaults();
    await reopenTasks(page, dataDir);
    await taskRow(page, prompt).first().waitFor();
    await expectOnceAndDone(page, prompt);
    expect(ledgerText(dataDir)).toContain(task!.taskid);
  }, KILL_TEST_TIMEOUT);
});
