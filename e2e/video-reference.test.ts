/**
 * Reference-to-video (参考生视频) and the model's own text limits, clicked in Chromium against
 * the built renderer, the browser host and the simulator: several images picked one by one
 * (the host's pick folder holds one new file before each click, as if the user chose another
 * file), the counts the model states (1–7) held, every image sent as a multipart part, and a
 * prompt held to the model's `maxlength` (2000 for the simulator's Vidu Q3) by the form and by main.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL } from '../simulator/index';
import { signIn } from './flows';
import { startHarness, type Harness } from './harness';
import { SUBMIT_PATH, expectQuote, openModel, openTasks, platformTasksFor, png, promptBox, submitFrom, submitsFor, taskRow, typePrompt, uniquePrompt, waitForStatus } from './video-steps';

const TASK_TIMINGS = { processingAfterMs: 300, succeedAfterMs: 2_500, billingDelayMs: 500 };
/** The simulator's Vidu Q2 reference field: `min: 1, max: 7`. */
const MAX_IMAGES = 7;

let h: Harness;
let context: BrowserContext | undefined;
let pickRoot: string;
let pickDir: string;

beforeAll(async () => {
  pickRoot = mkdtempSync(join(tmpdir(), 'yj-e2e-pick-'));
  pickDir = join(pickRoot, 'images');
  mkdirSync(pickDir);
  h = await startHarness({ simulator: { taskTimings: TASK_TIMINGS, switches: { streamForm: 'lines' } }, pickDir });
});
afterAll(async () => {
  await h?.close();
  if (pickRoot) rmSync(pickRoot, { recursive: true, force: true });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function signedInPage(): Promise<Page> {
  await h.freshHost();
  const opened = await h.newPage();
  context = opened.context;
  await signIn(opened.page);
  return opened.page;
}

/** What the next "添加图片" picks: this one file, alone in the pick folder. Returns its size. */
function offer(name: string, image: Buffer): number {
  for (const old of readdirSync(pickDir)) rmSync(join(pickDir, old));
  writeFileSync(join(pickDir, name), image);
  return image.length;
}

const allSubmits = () => h.sim.control.requests().filter((r) => r.path === SUBMIT_PATH).length;

describe('reference to video', () => {
  it('several picked images, counts held to the model\'s 1–7, all sent as multipart parts; the task reaches 已完成', async () => {
    const page = await signedInPage();
    await openModel(page, 'r2v', MODEL.q2R2v);
    const prompt = uniquePrompt('三张参考图里的人物在海边奔跑');
    await typePrompt(page, prompt);
    const items = page.getByTestId('studio-control-images-item');
    const count = page.getByTestId('studio-control-images-count');
    const pick = page.getByTestId('studio-control-images-pick');
    expect((await count.innerText()).trim()).toBe(`已选 0 / ${MAX_IMAGES} 张`);

    // Too few: nothing is sent, and the field says why.
    const sentBefore = allSubmits();
    await page.getByTestId('studio-submit').click();
    await expect.poll(() => page.getByTestId('studio-field-images-error').innerText()).toBe('此项必填');
    expect(allSubmits()).toBe(sentBefore);

    // Up to the maximum, each pick another file; then the picker takes no more.
    const sizes: number[] = [];
    for (let n = 1; n <= MAX_IMAGES; n++) {
      sizes.push(offer(`reference-${n}.png`, png(300 + n * 20, 200 + n * 10)));
      await pick.click();
      await expect.poll(() => items.count()).toBe(n);
    }
    expect(await items.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')))).toEqual(
      Array.from({ length: MAX_IMAGES }, (_, i) => `reference-${i + 1}.png`),
    );
    expect((await count.innerText()).trim()).toBe(`已选 ${MAX_IMAGES} / ${MAX_IMAGES} 张`);
    expect(await pick.isDisabled()).toBe(true);

    // Keep the last three.
    for (let n = 0; n < MAX_IMAGES - 3; n++) await page.getByTestId('studio-control-images-remove').first().click();
    await expect.poll(() => items.count()).toBe(3);
    expect((await count.innerText()).trim()).toBe(`已选 3 / ${MAX_IMAGES} 张`);
    expect(await pick.isDisabled()).toBe(false);

    await submitFrom(page);
    const submits = submitsFor(h.sim, prompt);
    expect(submits).toHaveLength(1);
    const sent = submits[0]!;
    expect(sent.bodyKind).toBe('multipart');
    expect(sent.body).toMatchObject({ llmid: MODEL.q2R2v, llmcatelogid: 'r2v' });
    const parts = sent.body?.['images'] as { file: string; contentType: string; size: number }[];
    expect(parts.map((part) => [part.contentType, part.size])).toEqual(sizes.slice(-3).map((size) => ['image/png', size]));
    const tasks = platformTasksFor(h.sim, prompt);
    expect(tasks.map((task) => task.catalog)).toEqual(['r2v']);

    await openTasks(page);
    await waitForStatus(page, prompt, '已完成', 45_000);
    expect(await taskRow(page, prompt).count()).toBe(1);
    expect(platformTasksFor(h.sim, prompt)).toHaveLength(1);
  });
});

describe('the model\'s maxlength', () => {
  it('the prompt counts against the model\'s 2000, refuses 2001 in the form, and main takes all 2000', async () => {
    const page = await signedInPage();
    await openModel(page, 't2v', MODEL.q3Pro);
    const head = uniquePrompt('一段很长的分镜描述');
    const counter = page.getByTestId('studio-control-prompt-count');
    await typePrompt(page, head);
    expect((await counter.innerText()).trim()).toBe(`${[...head].length} / 2000`);

    const tooLong = head + '镜'.repeat(2001 - [...head].length);
    await promptBox(page).fill(tooLong);
    expect((await counter.innerText()).trim()).toBe('2001 / 2000');
    expect(await counter.getAttribute('class')).toContain('count--over');
    const sentBefore = allSubmits();
    await page.getByTestId('studio-submit').click();
    await expect.poll(() => page.getByTestId('studio-field-prompt-error').innerText()).toBe('最多 2000 个字符，当前 2001 个');
    expect(allSubmits()).toBe(sentBefore);

    // Over Vidu's default of 1500 but within the model's own limit: main's schema lets it through.
    const longest = tooLong.slice(0, -1);
    await promptBox(page).fill(longest);
    expect((await counter.innerText()).trim()).toBe('2000 / 2000');
    await expectQuote(page);
    await submitFrom(page);
    const submits = submitsFor(h.sim, head);
    expect(submits).toHaveLength(1);
    expect(submits[0]!.body?.['prompt']).toBe(longest);
  });
});
