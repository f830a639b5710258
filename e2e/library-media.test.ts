/**
 * The library's media route in a real Chromium, under the app's own page and CSP: a real video
 * (recorded by Chromium itself, no fixture file) put in the library folder with its sidecar is
 * listed, loads in a <video> through /__yj/media/…?token=…, and seeks with Range requests. A
 * path out of the folder never plays. (The library screens and the downloads' journey belong to
 * their own e2e; this proves the route they play through.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLibraryVideo } from '../main/testing/library-files';
import { startHarness, type Harness } from './harness';

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  ({ context, page } = await h.newPage('/'));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await h?.close();
});

/** Three seconds of a moving canvas, recorded by the page as MP4 (fragmented, what MediaRecorder writes). */
async function recordClip(target: Page): Promise<Buffer> {
  // Page code as a string: tsconfig.node has no DOM types (and must not get them for all of main).
  const base64 = await target.evaluate<string>(`(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const g = canvas.getContext('2d');
    const stream = canvas.captureStream(25);
    const type = MediaRecorder.isTypeSupported('video/mp4') ? 'video/mp4' : 'video/webm';
    const recorder = new MediaRecorder(stream, { mimeType: type });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    let frame = 0;
    const timer = setInterval(() => {
      g.fillStyle = \`hsl(\${(frame * 12) % 360} 80% 50%)\`;
      g.fillRect(0, 0, 160, 120);
      g.fillStyle = '#fff';
      g.fillRect((frame * 4) % 160, 50, 20, 20);
      frame += 1;
    }, 40);
    recorder.start(500);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await new Promise((resolve) => {
      recorder.onstop = resolve;
      recorder.stop();
    });
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}

describe('library media in Chromium', () => {
  it('plays a library video through the media route and seeks with ranges', async () => {
    const clip = await recordClip(page);
    expect(clip.length).toBeGreaterThan(1000);
    const library = h.host.core.libraryDir();
    writeLibraryVideo(library, 'clip.mp4', { bytes: clip, sidecar: { prompt: 'a square running across' } });
    writeFileSync(join(library, '..', 'secret.mp4'), clip);
    await h.host.core.handlers['library.rescan'](undefined);
    const [item] = await h.host.core.handlers['library.list']({ query: 'square' });
    expect(item!.mediaUrl).toMatch(/^\/__yj\/media\/clip\.mp4\?token=/);

    const statuses: { status: number; range: string | null }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/__yj/media/')) statuses.push({ status: response.status(), range: response.request().headers()['range'] ?? null });
    });
    const played = await page.evaluate<{ first: string; second: string; currentTime: number; width: number }>(`(async () => {
      const video = document.createElement('video');
      video.muted = true;
      video.preload = 'auto';
      document.body.append(video);
      const once = (name) => new Promise((resolve) => {
        video.addEventListener(name, () => resolve(name), { once: true });
        video.addEventListener('error', () => resolve('error ' + (video.error && video.error.code)), { once: true });
      });
      const loaded = once('loadeddata');
      video.src = ${JSON.stringify(item!.mediaUrl)};
      const first = await loaded;
      // Fragmented MP4 may not know its duration up front; seek to a second in, inside any clip.
      const seeked = once('seeked');
      video.currentTime = 1;
      const second = await seeked;
      return { first, second, currentTime: video.currentTime, width: video.videoWidth };
    })()`);
    expect(played).toMatchObject({ first: 'loadeddata', second: 'seeked', width: 160 });
    expect(played.currentTime).toBeGreaterThan(0.5);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s.status === 200 || s.status === 206)).toBe(true);
    expect(statuses.some((s) => s.status === 206)).toBe(true);

    // Out of the folder: the same page, the same token, never plays.
    const escaped = item!.mediaUrl.replace('clip.mp4', '..%2fsecret.mp4');
    const refused = await page.evaluate<string>(`(async () => {
      const video = document.createElement('video');
      const result = new Promise((resolve) => {
        video.addEventListener('loadeddata', () => resolve('played'), { once: true });
        video.addEventListener('error', () => resolve('error'), { once: true });
      });
      video.src = ${JSON.stringify(escaped)};
      return result;
    })()`);
    expect(refused).toBe('error');
  }, 60_000);
});
