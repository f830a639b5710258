/**
 * Video journeys: text-to-video and image-to-video from 创作 to 任务 without a click, one
 * platform submit per click (even a double click), the balance guard, a stream cut before and
 * after the taskid, a restart mid-task, a task made elsewhere, and a failure with its kind.
 * Clicked in Chromium against the built renderer, the browser host and the simulator (short
 * task timers). Reference-to-video: video-reference.test.ts; a killed host: host-kill.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL } from '../simulator/index';
import { Client } from '../simulator/testkit';
import { signIn, waitForRoute } from './flows';
import { startHarness, type Harness } from './harness';
import {
  SUBMIT_PATH, expectQuote, ledgerText, openModel, openTasks, platformTasksFor as platformTasksOn, png, rowStatus, submitFrom, submitsFor as submitsOn,
  taskRow, typePrompt, uniquePrompt, waitForStatus,
} from './video-steps';

const PHONE = '13900000001';
const TASK_TIMINGS = { processingAfterMs: 300, succeedAfterMs: 2_500, billingDelayMs: 500 };
/**
 * How long a task that only the poller can finish may take to show 已完成. The poller lists every
 * 20 s while tasks run, but at most 12 list calls a minute (§3.14), and this file's earlier tasks
 * share that minute: a tick can wait up to a minute for the budget. 45 s failed once in CI.
 */
const POLLER_FINISHES_MS = 90_000;
const POLLED_TEST_MS = POLLER_FINISHES_MS + 60_000;

let h: Harness;
let context: BrowserContext | undefined;
let pickRoot: string;

beforeAll(async () => {
  pickRoot = mkdtempSync(join(tmpdir(), 'yj-e2e-pick-'));
  const pickDir = join(pickRoot, 'images');
  mkdirSync(pickDir);
  writeFileSync(join(pickDir, 'first-frame.png'), png(320, 180));
  h = await startHarness({ simulator: { taskTimings: TASK_TIMINGS, switches: { streamForm: 'lines' } }, pickDir });
});
afterAll(async () => {
  await h?.close();
  if (pickRoot) rmSync(pickRoot, { recursive: true, force: true });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  h.sim.control.resetSwitches();
  h.sim.control.setSwitches({ streamForm: 'lines' });
  h.sim.control.clearFaults();
});

/** A clean host (signed out) and a signed-in page on it. */
async function signedInPage(phone = PHONE): Promise<Page> {
  await h.freshHost();
  const opened = await h.newPage();
  context = opened.context;
  await signIn(opened.page, phone);
  return opened.page;
}

/** What the simulator received and made for `prompt`. */
const submitsFor = (prompt: string) => submitsOn(h.sim, prompt);
const platformTasksFor = (prompt: string) => platformTasksOn(h.sim, prompt);

describe('text to video', () => {
  it('submits once, appears in 任务 and reaches 已完成 without a click, with an in-page notice', async () => {
    const page = await signedInPage();
    await openModel(page, 't2v', MODEL.q3Pro);
    const prompt = uniquePrompt('海边日落的延时摄影');
    await typePrompt(page, prompt);
    await expectQuote(page);
    await page.getByTestId('studio-submit').click();
    await page.getByTestId('studio-submitted').waitFor();

    await openTasks(page);
    await taskRow(page, prompt).first().waitFor();
    await expect.poll(() => rowStatus(page, prompt), { timeout: 30_000, interval: 250 }).toBe('已完成');
    await page.locator('.n-notification').first().waitFor({ timeout: 10_000 });
    expect(submitsFor(prompt)).toHaveLength(1);
    expect(platformTasksFor(prompt)).toHaveLength(1);
    await h.screenshot(page, 'video-t2v');
  });
});

/** Signs in fresh, opens the model, types the prompt and waits for the price. */
async function studioWith(prompt: string, catalog: 't2v' | 'i2v' = 't2v', modelId: string = MODEL.q3Pro): Promise<Page> {
  const page = await signedInPage();
  await openModel(page, catalog, modelId);
  await typePrompt(page, prompt);
  return page;
}

describe('submit', () => {
  it('a double click on 提交生成 sends one platform request', async () => {
    const prompt = uniquePrompt('双击只提交一次');
    const page = await studioWith(prompt);
    await expectQuote(page);
    await page.getByTestId('studio-submit').dblclick();
    await page.getByTestId('studio-submitted').waitFor();
    await openTasks(page);
    await waitForStatus(page, prompt, '已完成');
    expect(submitsFor(prompt)).toHaveLength(1);
    expect(platformTasksFor(prompt)).toHaveLength(1);
    expect(await taskRow(page, prompt).count()).toBe(1);
  });

  it('insufficient balance: says how much is missing, offers recharge, and sends nothing', async () => {
    // An earlier test's success is charged a moment after it shows 已完成: let that land first,
    // or it would take the ¥2.00 set below below zero.
    await expect.poll(() => h.sim.control.tasks().filter((t) => t.status === 'SUCCEEDED' && t.accountingStatus === 'created').length, { timeout: 10_000 }).toBe(0);
    const before = h.sim.control.getBalance({ phone: PHONE });
    h.sim.control.setBalance({ phone: PHONE, balance: 2 });
    try {
      const prompt = uniquePrompt('余额不足');
      const page = await studioWith(prompt);
      await expectQuote(page);
      const allSubmits = () => h.sim.control.requests().filter((r) => r.path === SUBMIT_PATH).length;
      const sentBefore = allSubmits();
      await page.getByTestId('studio-submit').click();
      const shortfall = page.getByTestId('studio-shortfall');
      await shortfall.waitFor();
      // The guard holds the model's max_cost (¥16 for Vidu Q3) against a ¥2.00 balance.
      const text = await shortfall.innerText();
      // "余额 ¥2.00 不够：平台按每个任务最高 ¥16.00 预留（…），需要 ¥16.00，还差 ¥14.00。"
      const match = /余额\s*¥([\d.]+).*需要\s*¥([\d.]+).*还差\s*¥([\d.]+)/s.exec(text);
      expect(match, text).not.toBeNull();
      const [balance, needed, missing] = match!.slice(1).map(Number) as [number, number, number];
      expect(balance).toBe(2);
      expect(missing).toBeGreaterThan(0);
      expect(missing).toBeCloseTo(needed - balance, 2);
      await page.getByTestId('studio-recharge').click();
      await page.getByTestId('recharge-dialog').waitFor();
      await page.waitForTimeout(500);
      expect(submitsFor(prompt)).toHaveLength(0);
      expect(allSubmits()).toBe(sentBefore);
    } finally {
      h.sim.control.setBalance({ phone: PHONE, balance: before.balance });
    }
  });
});

describe('failure', () => {
  it('a moderation failure is shown as 生成失败 with the platform reason', async () => {
    h.sim.control.setSwitches({ taskOutcome: 'moderation' });
    const prompt = uniquePrompt('审核失败');
    const page = await studioWith(prompt);
    await expectQuote(page);
    await page.getByTestId('studio-submit').click();
    await page.getByTestId('studio-submitted').waitFor();
    await openTasks(page);
    await waitForStatus(page, prompt, '失败');
    const row = taskRow(page, prompt).first();
    expect(await row.getByTestId('task-failure').innerText()).toContain('生成失败（未扣费）');
    expect(await row.getByTestId('task-reason').innerText()).toContain('内容审核未通过');
    expect(submitsFor(prompt)).toHaveLength(1);
  });
});

describe('image to video', () => {
  it('a picked image is submitted as multipart and the task reaches 已完成', async () => {
    const prompt = uniquePrompt('让画面动起来');
    const page = await studioWith(prompt, 'i2v', MODEL.q3I2v);
    await page.getByTestId('studio-control-image_file-pick').click();
    await page.getByTestId('studio-control-image_file-item').waitFor();
    expect(await page.getByTestId('studio-control-image_file-item').locator('img').getAttribute('alt')).toBe('first-frame.png');
    await expectQuote(page);
    await page.getByTestId('studio-submit').click();
    await page.getByTestId('studio-submitted').waitFor();
    await openTasks(page);
    await waitForStatus(page, prompt, '已完成');
    const submits = submitsFor(prompt);
    expect(submits).toHaveLength(1);
    expect(submits[0]!.bodyKind).toBe('multipart');
    expect(platformTasksFor(prompt)).toHaveLength(1);
  });
});

describe('a broken stream', () => {
  it('the stream ends after the taskid without a final state: the poller completes the task once', async () => {
    h.sim.control.setSwitches({ streamForm: 'single' });
    const prompt = uniquePrompt('流在任务号之后结束');
    const page = await studioWith(prompt);
    await submitFrom(page);
    await openTasks(page);
    await waitForStatus(page, prompt, '已完成', POLLER_FINISHES_MS);
    expect(submitsFor(prompt)).toHaveLength(1);
    expect(platformTasksFor(prompt)).toHaveLength(1);
    expect(await taskRow(page, prompt).count()).toBe(1);
  }, POLLED_TEST_MS);

  it('the stream is cut before the taskid: the task is found by its transno, never sent twice', async () => {
    h.sim.control.setFault({ kind: 'resetMidBody', path: SUBMIT_PATH, times: 1 });
    const prompt = uniquePrompt('流在任务号之前断开');
    const page = await studioWith(prompt);
    await expectQuote(page);
    await page.getByTestId('studio-submit').click();
    await openTasks(page);
    await waitForStatus(page, prompt, '已完成', POLLER_FINISHES_MS);
    expect(submitsFor(prompt)).toHaveLength(1);
    expect(platformTasksFor(prompt)).toHaveLength(1);
    expect(await taskRow(page, prompt).count()).toBe(1);
  }, POLLED_TEST_MS);
});

describe('a stream cut after the taskid', () => {
  it('the connection is reset after the taskid line: the task keeps its taskid and the poller completes it once', async () => {
    h.sim.control.setSwitches({ streamFailure: 'resetAfterTaskid' });
    const prompt = uniquePrompt('流在任务号之后断开');
    const page = await studioWith(prompt);
    // Submitted, not refused: the cut came after the platform made the task.
    await submitFrom(page);
    const [task, ...more] = platformTasksFor(prompt);
    expect(more).toHaveLength(0);
    expect(task?.taskid).toMatch(/^\d{18}$/);
    expect(ledgerText(h.dataDir)).toContain(task!.taskid);
    await openTasks(page);
    // The poller's next list tick sees the end (POLLER_FINISHES_MS says how long that can take).
    await waitForStatus(page, prompt, '已完成', POLLER_FINISHES_MS);
    expect(submitsFor(prompt)).toHaveLength(1);
    expect(platformTasksFor(prompt)).toHaveLength(1);
    expect(await taskRow(page, prompt).count()).toBe(1);
  }, POLLED_TEST_MS);
});

describe('restart', () => {
  it('the host restarts mid-task on the same data: the task is still listed and completes, one platform task', async () => {
    h.sim.control.setSwitches({ streamForm: 'single' });
    const prompt = uniquePrompt('重启之后继续');
    const page = await studioWith(prompt);
    await submitFrom(page);
    const taskid = platformTasksFor(prompt)[0]?.taskid;
    expect(taskid).toBeTruthy();
    expect(h.sim.control.tasks().find((t) => t.taskid === taskid)?.status).not.toBe('SUCCEEDED');

    await h.restartHost();
    await page.goto(h.host.pageUrl('/#/tasks'));
    await waitForRoute(page, '/tasks');
    await taskRow(page, prompt).first().waitFor();
    await waitForStatus(page, prompt, '已完成', POLLER_FINISHES_MS);
    expect(submitsFor(prompt)).toHaveLength(1);
    expect(platformTasksFor(prompt)).toHaveLength(1);
    expect(await taskRow(page, prompt).count()).toBe(1);
  }, POLLED_TEST_MS);
});

describe('adoption', () => {
  it('a task made by another client (the web page, a script) is adopted into the list', async () => {
    const prompt = uniquePrompt('在网页上提交的任务');
    const other = new Client(h.sim.url);
    await other.login(PHONE);
    const res = await other.post(SUBMIT_PATH, { llmid: MODEL.q3Pro, prompt, duration: 5, resolution: '720p' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('taskid');

    const page = await signedInPage();
    await openTasks(page);
    const row = taskRow(page, prompt).first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('来自其他设备或网页');
    await waitForStatus(page, prompt, '已完成');
  });
});
