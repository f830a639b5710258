/** After the rename: input copies, the streamed SHA-256, the sidecar, and billing that settles later. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../testing/capturing-logger';
import type { TaskView } from '../../../preload/contract/models';
import { inputsDirFor, parseSidecar, sidecarPathFor } from '../library/sidecar';
import { copyInputs, sha256File, updateSidecarBilling, writeSidecar } from './finish';

const folder = () => mkdtempSync(join(tmpdir(), 'yj-finish-'));

function task(over: Partial<TaskView> = {}): TaskView {
  return {
    localId: 'local-1', transno: 'T123', taskid: '861203947562318336', modelId: 'm1', modelName: 'Vidu Q3', llmid: 'viduq3-pro',
    catalog: 'i2v', prompt: '猫转头', params: { duration: 5, image_file: '/data/inputs/a.png' }, inputImages: [], status: 'SUCCEEDED',
    terminal: true, createdAt: Date.UTC(2026, 11, 2, 1), submittedAt: Date.UTC(2026, 11, 2, 1, 0, 2), updatedAt: 0,
    finishedAt: Date.UTC(2026, 11, 2, 1, 3), resultUrls: ['https://cdn.example/v.mp4'], hidden: false, origin: 'local', quotedPrice: 1.5,
    ...over,
  };
}

describe('finish', () => {
  it('hashes a file as it streams (same digest as hashing the bytes)', async () => {
    const dir = folder();
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(join(dir, 'v.mp4'), bytes);
    expect(await sha256File(join(dir, 'v.mp4'))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('copies the input images as 1.png, 2.jpg … and skips one that is gone', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.PNG'), 'png-bytes');
    writeFileSync(join(dir, 'b.jpg'), 'jpg-bytes');
    const video = join(dir, 'clip.mp4');
    const copied = await copyInputs(video, [join(dir, 'a.PNG'), join(dir, 'missing.png'), join(dir, 'b.jpg')]);
    expect(copied).toEqual(['clip.inputs/1.png', 'clip.inputs/3.jpg']);
    expect(readFileSync(join(inputsDirFor(video), '1.png'), 'utf8')).toBe('png-bytes');
    expect(readFileSync(join(inputsDirFor(video), '3.jpg'), 'utf8')).toBe('jpg-bytes');
  });

  it('logs which input could not be copied (its place and the OS code, never its path)', async () => {
    const dir = folder();
    const logger = capturingLogger();
    await copyInputs(join(dir, 'clip.mp4'), [join(dir, 'secret-name.png')], logger);
    expect(logger.lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ level: 'warn', message: expect.any(String), fields: { index: 0, code: 'ENOENT' } }]);
    expect(logger.lines.join('')).not.toContain('secret-name');
  });

  it('an image without an extension is kept as .png; no images, no inputs folder', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'upload'), 'bytes');
    expect(await copyInputs(join(dir, 'clip.mp4'), [join(dir, 'upload')])).toEqual(['clip.inputs/1.png']);
    expect(await copyInputs(join(dir, 'other.mp4'), [])).toEqual([]);
    expect(existsSync(inputsDirFor(join(dir, 'other.mp4')))).toBe(false);
  });

  it('copies again into an inputs folder that is already there (a video fetched again after it was deleted)', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.png'), 'first');
    expect(await copyInputs(join(dir, 'clip.mp4'), [join(dir, 'a.png')])).toEqual(['clip.inputs/1.png']);
    writeFileSync(join(dir, 'a.png'), 'second');
    expect(await copyInputs(join(dir, 'clip.mp4'), [join(dir, 'a.png')])).toEqual(['clip.inputs/1.png']);
    expect(readFileSync(join(inputsDirFor(join(dir, 'clip.mp4')), '1.png'), 'utf8')).toBe('second');
  });

  it('writes a sidecar the library parses, with every field; billing that settles later updates it', async () => {
    const dir = folder();
    const video = join(dir, 'clip.mp4');
    writeFileSync(video, 'video-bytes');
    writeFileSync(join(dir, 'in.webp'), 'webp');
    await writeSidecar({ file: video, sourceUrl: 'https://cdn.example/v.mp4?Expires=1', task: task({ inputImages: [join(dir, 'in.webp')] }), downloadedAt: Date.UTC(2026, 11, 2, 2) });
    const sidecar = parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'));
    expect(sidecar).toEqual({
      kind: 'yuanjing.video', version: 1, video: 'clip.mp4', localId: 'local-1', taskid: '861203947562318336', transno: 'T123',
      modelId: 'm1', modelName: 'Vidu Q3', llmid: 'viduq3-pro', catalog: 'i2v', prompt: '猫转头',
      params: { duration: 5, image_file: '/data/inputs/a.png' }, inputImages: ['clip.inputs/1.webp'], quotedPrice: 1.5, amount: null,
      billing: null, createdAt: '2026-12-02T01:00:00.000Z', submittedAt: '2026-12-02T01:00:02.000Z', finishedAt: '2026-12-02T01:03:00.000Z',
      downloadedAt: '2026-12-02T02:00:00.000Z', sourceUrl: 'https://cdn.example/v.mp4?Expires=1', bytes: 11,
      sha256: createHash('sha256').update('video-bytes').digest('hex'),
    });

    expect(await updateSidecarBilling(video, { billing: 'accounted', amount: 1.2 })).toBe(true);
    expect(parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'))).toEqual({ ...sidecar, billing: 'accounted', amount: 1.2 });
    expect(await updateSidecarBilling(video, { billing: 'accounted', amount: 1.2 })).toBe(false);
    expect(await updateSidecarBilling(join(dir, 'none.mp4'), { billing: 'accounted', amount: 1 })).toBe(false);
  });

  it('a task the platform has not numbered or billed yet: nulls, not missing fields', async () => {
    const dir = folder();
    const video = join(dir, 'clip.mp4');
    writeFileSync(video, 'v');
    const written = await writeSidecar({ file: video, sourceUrl: 'https://cdn.example/v.mp4', task: task({ taskid: undefined, quotedPrice: undefined, submittedAt: undefined, finishedAt: undefined, amount: 2.5, billing: 'created' }), downloadedAt: 0 });
    expect(written).toMatchObject({ taskid: null, quotedPrice: null, submittedAt: null, finishedAt: null, amount: 2.5, billing: 'created' });
    expect(parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'))).toEqual(written);
  });

  it('billing updates when either the amount or the state changed, and not for a damaged sidecar', async () => {
    const dir = folder();
    const video = join(dir, 'clip.mp4');
    writeFileSync(video, 'v');
    await writeSidecar({ file: video, sourceUrl: 'https://cdn.example/v.mp4', task: task({ amount: 1, billing: 'created' }), downloadedAt: 0 });
    expect(await updateSidecarBilling(video, { amount: 1.5, billing: 'created' })).toBe(true);
    expect(await updateSidecarBilling(video, { amount: 1.5, billing: 'accounted' })).toBe(true);
    expect(parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'))).toMatchObject({ amount: 1.5, billing: 'accounted' });
    expect(await updateSidecarBilling(video, {})).toBe(true);
    expect(parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'))).toMatchObject({ amount: null, billing: null });
    writeFileSync(sidecarPathFor(video), '{"kind": "something else"}');
    expect(await updateSidecarBilling(video, { amount: 9 })).toBe(false);
    expect(readFileSync(sidecarPathFor(video), 'utf8')).toBe('{"kind": "something else"}');
  });
});
