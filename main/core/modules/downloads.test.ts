/**
 * The downloads module as core builds it, against the simulator and real files: a finished task
 * ends on disk with its sidecar without any call, named from the template; a reinstall does not
 * fetch again what the library has; adopted tasks carry the catalog's model name.
 * Restarts, dead links, progress and the routes: downloads.lifecycle.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_NAME_TEMPLATE } from '../../../preload/contract/limits';
import { mediaFile } from '../../../simulator/media';
import { videoStem } from '../../services/downloads/naming';
import { parseSidecar, sidecarPathFor } from '../../services/library/sidecar';
import { useDownloadsModuleRig } from '../../testing/downloads-module-rig';
import type { VideoHarness } from '../../testing/video-harness';
import { writeLibraryVideo } from '../../testing/library-files';
import { MODEL } from '../../../simulator/index';

const { signed, start, t2v, succeeded, until, sha256, requestsTo } = useDownloadsModuleRig();

describe('auto-download', () => {
  it('a finished task ends as a file + sidecar in the default folder without any call, named from the template', async () => {
    const { h, settled, folder } = await start();
    const task = await succeeded(h);
    const done = await settled(task.localId);

    const expectedName = `${videoStem(DEFAULT_FILE_NAME_TEMPLATE, { ...task, taskid: task.taskid! })}.mp4`;
    expect(done.name).toBe(expectedName);
    expect(folder).toBe(join(h.dataDir, 'videos', '元境'));
    expect(done.file).toBe(join(folder, expectedName));
    const source = mediaFile(task.taskid!).bytes;
    const onDisk = readFileSync(done.file!);
    expect(sha256(onDisk)).toBe(sha256(source));
    expect(existsSync(`${done.file!}.part`)).toBe(false);

    const sidecar = parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'));
    expect(sidecar).toMatchObject({
      video: expectedName, localId: task.localId, taskid: task.taskid, transno: task.transno, llmid: task.llmid,
      modelId: task.modelId, catalog: 't2v', prompt: task.prompt, bytes: source.length, sha256: sha256(source),
      sourceUrl: task.resultUrls[0], inputImages: [],
    });
    expect(sidecar?.params).toMatchObject({ duration: 5, resolution: '1080p' });
    expect(done).toMatchObject({ localId: task.localId, taskid: task.taskid, state: 'done', canOpenInBrowser: false, error: null });

    // Billing settles after the download: the sidecar follows.
    const billed = await h.waitFor('task.changed', (t) => t.localId === task.localId && t.billing === 'accounted', 10_000);
    await until(() => parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'))?.billing === 'accounted');
    expect(parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'))).toMatchObject({ billing: 'accounted', amount: billed.amount, sha256: sha256(source) });
  });

  it('a second task with the same prompt gets a distinct name: (2)', async () => {
    const { h, settled } = await start({ fileNameTemplate: '{date}_{prompt}' });
    const first = await succeeded(h, t2v('同一个提示词'));
    const a = await settled(first.localId);
    const second = await succeeded(h, t2v('同一个提示词'));
    const b = await settled(second.localId);
    expect(a.name).toMatch(/_同一个提示词\.mp4$/);
    expect(b.name).toBe(a.name.replace(/\.mp4$/, ' (2).mp4'));
    expect(sha256(readFileSync(b.file!))).toBe(sha256(mediaFile(second.taskid!).bytes));
  });

  it('an image task gets copies of its input images beside the video, listed in the sidecar', async () => {
    const pickDir = mkdtempSync(join(tmpdir(), 'yj-dl-picks-'));
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from('0000032000000258', 'hex'), Buffer.alloc(69, 1)]);
    writeFileSync(join(pickDir, 'cat.png'), png);
    const { h, settled } = await start();
    h.picker.answers.push([join(pickDir, 'cat.png')]);
    const { picked } = await h.handlers['video.pickImages']({ multiple: false });
    expect(picked).toHaveLength(1);
    const task = await succeeded(h, { modelId: MODEL.q3I2v, catalog: 'i2v' as const, values: { prompt: '猫转头', image_file: picked[0]!.path }, formId: `dl-i2v-${Date.now()}` } as never);
    const done = await settled(task.localId);
    const sidecar = parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'));
    expect(sidecar?.inputImages).toHaveLength(1);
    const copy = join(done.dir, sidecar!.inputImages[0]!);
    expect(readFileSync(copy)).toEqual(readFileSync(picked[0]!.path));
    expect(sidecar?.catalog).toBe('i2v');
  });

  it('with autoDownload off nothing is fetched until downloads.start', async () => {
    const { h, d, settled } = await start({ autoDownload: false });
    const task = await succeeded(h);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.payloads('download.changed')).toEqual([]);
    expect(requestsTo(`/media/${task.taskid}.mp4`)).toEqual([]);
    const started = await d.routes.handlers['downloads.start']({ localId: task.localId });
    expect(started.map((v) => v.id)).toEqual([task.localId]);
    const done = await settled(task.localId);
    expect(sha256(readFileSync(done.file!))).toBe(sha256(mediaFile(task.taskid!).bytes));
    expect(await d.routes.handlers['downloads.list'](undefined)).toEqual([expect.objectContaining({ id: task.localId, state: 'done' })]);
  });
});

describe('after a reinstall (a fresh data folder, the old download folder)', () => {
  it('a succeeded task whose video the library already has is not downloaded again; another task is; downloads.start still fetches it', async () => {
    const known = '900000000000000777';
    const { h, d, settled } = await start({
      withLibrary: true,
      // Before the library's deferred first scan: the check must wait for (or start) it.
      beforeStart: (folder) => void writeLibraryVideo(folder, 'old_cat.mp4', { sidecar: { taskid: known, localId: 'old-local', transno: 'old-tn' } }),
    });
    const url = `${signed.sim().url}/media/${known}.mp4`;
    const ledger = h.tasks.tracker.ledger();
    const adopted = await ledger.createPending({ modelId: MODEL.q3Pro, modelName: 'Vidu Q3', llmid: 'viduq3-pro', catalog: 't2v', prompt: '旧的视频', params: {} });
    await ledger.update(adopted.localId, { taskid: known, status: 'SUCCEEDED', resultUrls: [url], finishedAt: Date.now() });

    const fresh = await succeeded(h);
    const done = await settled(fresh.localId);
    expect(sha256(readFileSync(done.file!))).toBe(sha256(mediaFile(fresh.taskid!).bytes));
    // The known task was seen before the fresh one finished: had it been queued, it would show by now.
    expect(h.payloads('download.changed').filter((v) => v.localId === adopted.localId)).toEqual([]);
    expect(requestsTo(`/media/${known}.mp4`)).toEqual([]);
    expect((await d.routes.handlers['downloads.list'](undefined)).map((v) => v.id)).not.toContain(adopted.localId);

    // By hand it still downloads (the user asked for it).
    const started = await d.routes.handlers['downloads.start']({ localId: adopted.localId });
    expect(started.map((v) => v.id)).toEqual([adopted.localId]);
    await until(() => requestsTo(`/media/${known}.mp4`).length > 0);
  });

  it('a sidecar whose video file is gone does not stop the download', async () => {
    const gone = '900000000000000778';
    const { h } = await start({ withLibrary: true, beforeStart: (folder) => void writeLibraryVideo(folder, 'gone.mp4', { bytes: null, sidecar: { taskid: gone } }) });
    const ledger = h.tasks.tracker.ledger();
    const task = await ledger.createPending({ modelId: MODEL.q3Pro, modelName: 'Vidu Q3', llmid: 'viduq3-pro', catalog: 't2v', prompt: '被删掉的视频', params: {} });
    await ledger.update(task.localId, { taskid: gone, status: 'SUCCEEDED', resultUrls: [`${signed.sim().url}/media/${gone}.mp4`], finishedAt: Date.now() });
    await until(() => requestsTo(`/media/${gone}.mp4`).length > 0);
  });
});

describe('tasks adopted from the platform (only the model id is known)', () => {
  async function adopted(h: VideoHarness, taskid: string, modelId: string) {
    const ledger = h.tasks.tracker.ledger();
    // What reconcile writes for a task made elsewhere: the model id stands in for the name.
    const record = await ledger.createPending({ modelId, modelName: modelId, llmid: modelId, catalog: 't2v', prompt: '别处做的视频', params: {} });
    await ledger.update(record.localId, { taskid, status: 'SUCCEEDED', resultUrls: [`${signed.sim().url}/media/${taskid}.mp4`], finishedAt: Date.now() });
    return record.localId;
  }

  it('the file name and the sidecar carry the catalog display name, not the raw id', async () => {
    const { h, settled } = await start();
    const model = (await h.video.catalog.models('t2v')).find((m) => m.id === MODEL.q3Pro)!;
    expect(model.name).not.toBe(MODEL.q3Pro);
    const localId = await adopted(h, '900000000000000779', MODEL.q3Pro);
    const done = await settled(localId);
    expect(done.name).toBe(`${videoStem(DEFAULT_FILE_NAME_TEMPLATE, { createdAt: h.tasks.tracker.ledger().get(localId)!.createdAt, llmid: MODEL.q3Pro, modelName: model.name, prompt: '别处做的视频', taskid: '900000000000000779', catalog: 't2v' })}.mp4`);
    expect(done.name).not.toContain(MODEL.q3Pro);
    await until(() => existsSync(sidecarPathFor(done.file!)));
    expect(parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'))).toMatchObject({ modelName: model.name, modelId: MODEL.q3Pro, llmid: MODEL.q3Pro });
  });

  it('a model the catalog does not know keeps the record\'s name', async () => {
    const { h, settled } = await start();
    await h.video.catalog.models('t2v');
    const localId = await adopted(h, '900000000000000780', 'unknown-model-x');
    const done = await settled(localId);
    expect(done.name).toContain('unknown-model-x');
    await until(() => existsSync(sidecarPathFor(done.file!)));
    expect(parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'))?.modelName).toBe('unknown-model-x');
  });
});
