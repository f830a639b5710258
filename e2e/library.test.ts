/**
 * The library journey (issue 8): a finished text-to-video task's video reaches the disk and
 * appears in 本地视频库 without a click on any download, then plays inside the app through the
 * browser host's media route. Clicked in Chromium against the built renderer, the browser host
 * and the simulator (short task timers).
 *
 * The simulator serves its real 3 s WebM (`mediaKind: 'playable'`), so "plays" is the element's
 * own word: the card's poster frame decodes, the player reaches HAVE_CURRENT_DATA, its clock runs
 * past 0.5 s, and a seek near the end lands — all through Range requests answered 206.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadView, Result } from '../preload/contract';
import { MODEL } from '../simulator/index';
import { mediaFile } from '../simulator/media';
import { navigate, signIn, waitForRoute } from './flows';
import { startHarness, type Harness } from './harness';

const PHONE = '13900000001';
const SUBMIT_PATH = '/llmage/vidu_inference.dspy';
const TASK_TIMINGS = { processingAfterMs: 300, succeedAfterMs: 2_500, billingDelayMs: 500 };

let h: Harness;
let context: BrowserContext | undefined;

beforeAll(async () => {
  h = await startHarness({ simulator: { taskTimings: TASK_TIMINGS, switches: { streamForm: 'lines', mediaKind: 'playable' } } });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** The platform task made for `prompt`, matched by the transno the app sent with it. */
function platformTaskFor(prompt: string) {
  const transnos = new Set(
    h.sim.control
      .requests()
      .filter((r) => r.path === SUBMIT_PATH && JSON.stringify(r.body ?? '').includes(prompt))
      .map((r) => (r.body as Record<string, unknown> | null)?.['transno']),
  );
  return h.sim.control.tasks().find((t) => transnos.has(t.transno));
}

/** What main says about its downloads, asked the way the page asks (the host's bridge). */
async function downloadsOf(page: Page): Promise<DownloadView[]> {
  // A string: the e2e files are type-checked without the DOM library.
  const typed = await page.evaluate<Result<DownloadView[]>>("window.yj.invoke('downloads.list')");
  if (!typed.ok) throw new Error(`downloads.list failed: ${typed.error.message}`);
  return typed.data;
}

async function submitTextToVideo(page: Page, prompt: string): Promise<void> {
  await navigate(page, '创作');
  await waitForRoute(page, '/studio');
  await page.getByTestId('studio-tab-t2v').click();
  await page.getByTestId(`studio-model-${MODEL.q3Pro}`).click();
  await page.getByTestId('studio-form').waitFor();
  await page.getByTestId('studio-control-prompt').locator('textarea, input').first().fill(prompt);
  await expect.poll(() => page.getByTestId('studio-quote').innerText(), { timeout: 10_000 }).toMatch(/¥\s?\d/);
  await page.getByTestId('studio-submit').click();
  await page.getByTestId('studio-submitted').waitFor();
}

describe('本地视频库', () => {
  it('a finished task\'s video appears without a click, is on disk intact, and plays in the app', async () => {
    await h.freshHost();
    const opened = await h.newPage();
    context = opened.context;
    const page = opened.page;
    await signIn(page, PHONE);

    const prompt = `图书馆里的白鹭 ${Date.now().toString(36)}`;
    await submitTextToVideo(page, prompt);

    // Straight to the library and wait: no click on any download button.
    await navigate(page, '本地视频库');
    await waitForRoute(page, '/library');
    const card = page.locator('[data-testid^="library-item-"]').filter({ hasText: prompt }).first();
    await card.waitFor({ timeout: 60_000 });
    expect(await card.getAttribute('data-missing')).toBe('false');
    // The grid's poster is the video itself at 0.5 s: a real frame, decoded.
    const cardId = await card.getAttribute('data-testid');
    await card.locator('video').first().waitFor({ timeout: 15_000 });
    const posterState = () =>
      page.evaluate<{ ready: number; width: number; error: number | null }>(`(() => {
        const poster = document.querySelector('[data-testid="${cardId}"] video');
        return { ready: poster.readyState, width: poster.videoWidth, error: poster.error ? poster.error.code : null };
      })()`);
    await expect.poll(posterState, { timeout: 15_000 }).toMatchObject({ width: 320, error: null });
    expect((await posterState()).ready).toBeGreaterThanOrEqual(1);
    await h.screenshot(page, 'library-grid');

    // On disk, complete: the same bytes as the vendor's file.
    const task = platformTaskFor(prompt);
    expect(task?.taskid).toBeTruthy();
    const source = mediaFile(task!.taskid!, 0, undefined, 'playable').bytes;
    const download = (await downloadsOf(page)).find((view) => view.state === 'done' && view.file && view.name && existsSync(view.file));
    expect(download, 'a finished download with its file').toBeDefined();
    // The simulator names a playable result `.webm`; the download keeps the URL's extension.
    expect(download!.name).toMatch(/\.webm$/);
    const onDisk = readFileSync(download!.file!);
    expect(onDisk.length).toBe(source.length);
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(createHash('sha256').update(source).digest('hex'));
    expect(existsSync(`${download!.file}.yj.json`) || existsSync(join(download!.dir, `${download!.name}.yj.json`))).toBe(true);

    // Play: Chromium's media request and the element's own verdict.
    const mediaResponses: Response[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/__yj/media/')) mediaResponses.push(response);
    });
    // Media events do not bubble: listen in the capture phase for the player's element.
    await page.evaluate(`(() => {
      const state = (window.__libraryE2e = { events: [] });
      for (const name of ['loadedmetadata', 'loadeddata', 'canplay', 'error', 'timeupdate']) {
        document.addEventListener(name, (event) => {
          if (event.target instanceof HTMLVideoElement && event.target.dataset.testid === 'library-video') state.events.push(name);
        }, true);
      }
    })()`);
    await card.getByTestId('library-play').click();
    const video = page.getByTestId('library-video');
    await video.waitFor();

    await expect.poll(() => mediaResponses.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const first = mediaResponses[0]!;
    expect(first.status()).toBe(206);
    expect(first.headers()['content-type']).toBe('video/webm');
    expect(first.headers()['content-range']).toMatch(new RegExp(`^bytes \\d+-\\d+/${source.length}$`));

    // Seeking works: a Range read in the middle returns exactly those bytes of the source.
    const mediaUrl = await page.evaluate<string>(`document.querySelector('[data-testid="library-video"]').currentSrc`);
    const ranged = await fetch(mediaUrl, { headers: { Range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(source.subarray(1000, 2000))).toBe(true);

    const state = () =>
      page.evaluate<{ readyState: number; currentTime: number; duration: number; paused: boolean; error: number | null; width: number; events: string[] }>(`(() => {
        const media = document.querySelector('[data-testid="library-video"]');
        return { readyState: media.readyState, currentTime: media.currentTime, duration: media.duration, paused: media.paused,
          error: media.error ? media.error.code : null, width: media.videoWidth, events: [...window.__libraryE2e.events] };
      })()`);
    // Decoded: a frame is there, the real size is known, and it plays on its own (the player autoplays).
    await expect.poll(async () => (await state()).readyState, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await state()).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
    const playing = await state();
    expect(playing).toMatchObject({ error: null, width: 320 });
    expect(playing.events).toEqual(expect.arrayContaining(['loadedmetadata', 'loadeddata', 'canplay', 'timeupdate']));
    expect(playing.duration).toBeGreaterThan(2.5);
    expect(playing.duration).toBeLessThan(4);
    await h.screenshot(page, 'library-player');

    // Seek near the end: it lands there, still without an error, over Range requests the host answered 206.
    const target = playing.duration - 0.3;
    await page.evaluate(`new Promise((resolve) => {
      const media = document.querySelector('[data-testid="library-video"]');
      media.addEventListener('seeked', resolve, { once: true });
      media.currentTime = ${target};
    })`);
    const seeked = await state();
    expect(seeked.error).toBeNull();
    expect(seeked.currentTime).toBeGreaterThanOrEqual(target - 0.05);
    const ranged206 = mediaResponses.filter((r) => r.request().headers()['range'] !== undefined && r.status() === 206);
    expect(ranged206.length).toBeGreaterThan(0);
    await page.getByTestId('library-player-failed').waitFor({ state: 'detached', timeout: 1_000 });
  });
});
