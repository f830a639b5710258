/** VideoJobs.submit with pictures: the local copies are read and sent as files, by name and type, in order. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../../simulator/index';
import type { PickedImage } from '../../../preload/contract/models/tasks';
import { importImage } from './images';
import { pngBytes, useJobsSimulator } from '../../testing/video-jobs-rig';

const env = useJobsSimulator();
let formCounter = 0;
const formId = () => `jobs-images-${Date.now()}-${(formCounter += 1)}`;

/** SOI, then SOF2 (progressive) with the size: all the client reads of a JPEG. */
function jpegBytes(width: number, height: number): Buffer {
  const sof = Buffer.alloc(11);
  sof.writeUInt16BE(0xffc2, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from('ffd8', 'hex'), sof]);
}

/** VP8X WebP header with the size. */
function webpBytes(width: number, height: number): Buffer {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0);
  b.write('WEBP', 8);
  b.write('VP8X', 12);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return b;
}

/** The user's file, picked into the inputs folder the way video.pickImages does it. */
async function picked(inputsDir: string, name: string, bytes: Buffer): Promise<PickedImage> {
  const dir = mkdtempSync(join(tmpdir(), 'yj-jobs-pick-'));
  writeFileSync(join(dir, name), bytes);
  const result = await importImage(join(dir, name), inputsDir);
  if (!('path' in result)) throw new Error(`the test image was refused: ${result.problem}`);
  return result;
}

/** How the simulator's request log shows a file part. */
interface LoggedFile {
  file: string;
  contentType: string;
  size: number;
}

describe('VideoJobs.submit with images', () => {
  it('sends the first frame as a file part named like the copy, with its type by extension', async () => {
    const r = await env.rig();
    const image = await picked(r.inputsDir, 'cat.jpg', jpegBytes(800, 600));
    const view = await r.jobs.submit({ modelId: MODEL.q3I2v, catalog: 'i2v', values: { prompt: '猫转头', image_file: image.path }, formId: formId() });
    expect(view.inputImages).toEqual([image.path]);
    const [sent] = env.sent();
    expect(sent?.bodyKind).toBe('multipart');
    expect(sent?.body?.image_file).toEqual({ file: basename(image.path), contentType: 'image/jpeg', size: jpegBytes(800, 600).length });
  });

  it('sends reference images in the order picked, each with its own type', async () => {
    const r = await env.rig();
    const first = await picked(r.inputsDir, 'a.webp', webpBytes(640, 480));
    const second = await picked(r.inputsDir, 'b.png', pngBytes(500, 500, 'second'));
    const view = await r.jobs.submit({ modelId: MODEL.q2R2v, catalog: 'r2v', values: { prompt: '两张参考图', images: [first.path, second.path] }, formId: formId() });
    expect(view.inputImages).toEqual([first.path, second.path]);
    expect(env.sent()[0]?.body?.images as LoggedFile[]).toEqual([
      { file: basename(first.path), contentType: 'image/webp', size: 40 },
      { file: basename(second.path), contentType: 'image/png', size: pngBytes(500, 500, 'second').length },
    ]);
  });

  it('refuses a picked image that has since been deleted, naming it, before any entry or request', async () => {
    const r = await env.rig();
    const image = await picked(r.inputsDir, 'gone.png', pngBytes(300, 300, 'gone'));
    rmSync(image.path);
    const failure = r.jobs.submit({ modelId: MODEL.q3I2v, catalog: 'i2v', values: { prompt: 'p', image_file: image.path }, formId: formId() });
    await expect(failure).rejects.toMatchObject({ code: 'invalid_input', message: `图片已不存在，请重新选择：${basename(image.path)} / The image is gone; pick it again` });
    expect(r.ledger.size).toBe(0);
    expect(env.sent()).toHaveLength(0);
  });

  it('refuses a copy whose bytes are no longer an acceptable image before the ledger holds anything', async () => {
    const r = await env.rig();
    const image = await picked(r.inputsDir, 'cat.png', pngBytes(300, 300, 'shrinks'));
    // The copy was overwritten with a picture too small for the platform.
    writeFileSync(image.path, pngBytes(20, 20));
    await expect(r.jobs.submit({ modelId: MODEL.q3I2v, catalog: 'i2v', values: { prompt: 'p', image_file: image.path }, formId: formId() })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(r.ledger.size).toBe(0);
    expect(env.sent()).toHaveLength(0);
  });
});
