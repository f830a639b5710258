/**
 * The downloads module as core builds it, with the tasks and video modules, against the
 * simulator on loopback and real files in a temporary data folder: a finished task ends on disk
 * with its sidecar without any call, a restart resumes, a dead link is refreshed once, progress
 * stays ≤ 10/s, the taskbar fraction is set and cleared.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadView, TaskView, User } from '../../../preload/contract';
import { DEFAULT_FILE_NAME_TEMPLATE } from '../../../preload/contract/limits';
import { MODEL } from '../../../simulator/index';
import { mediaFile } from '../../../simulator/media';
import { downloadsSchemas } from '../../ipc/handlers/downloads';
import { TASK_STATUS_PATH } from '../../platform/tasks';
import { VIDEO_PATH } from '../../platform/video';
import { videoStem } from '../../services/downloads/naming';
import { parseSidecar, sidecarPathFor } from '../../services/library/sidecar';
import { recordingProgressBadge, scriptedFolderPicker } from '../../testing/memory-ports';
import { signIn, type TestHttp } from '../../testing/simple-http';
import { useSignedInSimulator } from '../../testing/signed-in-sim';
import { createVideoHarness, type VideoHarness } from '../../testing/video-harness';
import { createDownloadsModule, type DownloadsModule } from './downloads';
import { createSettingsModule } from './settings';
import { createLibraryModule, libraryDir } from './library';
import { writeLibraryVideo } from '../../testing/library-files';

const signed = useSignedInSimulator({ taskTimings: { processingAfterMs: 100, succeedAfterMs: 500, billingDelayMs: 150 } });
let user: User;
const running: { h: VideoHarness; d: DownloadsModule }[] = [];

beforeAll(async () => {
  user = await signIn(signed.http());
});
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of cleanups.splice(0)) await stop();
  for (const { h, d } of running.splice(0)) {
    await d.dispose();
    await h.dispose();
  }
});

interface Setup {
  dataDir?: string;
  store?: VideoHarness['store'];
  autoDownload?: boolean;
  fileNameTemplate?: string;
  backoffMs?: number;
  /** What the folder dialog answers, in order. */
  folderAnswers?: (string | null)[];
  /** Wire a library module over the same folder, as core does (auto-download asks it first). */
  withLibrary?: boolean;
  /** Runs after the settings are set and before the downloads module starts (files already in the folder). */
  beforeStart?: (folder: string) => void;
}

async function start(setup: Setup = {}) {
  const h = await createVideoHarness({ http: signed.http() as TestHttp, user, serverUrl: signed.sim().url, ...(setup.dataDir ? { dataDir: setup.dataDir } : {}), ...(setup.store ? { store: setup.store } : {}) });
  const badge = recordingProgressBadge();
  const picker = scriptedFolderPicker(setup.folderAnswers ?? []);
  Object.assign(h.kernel.ports, { progressBadge: badge, folderPicker: picker });
  const settings = createSettingsModule(h.kernel);
  settings.settings.update({
    serverProfile: 'custom',
    customServerUrl: signed.sim().url,
    ...(setup.autoDownload === false ? { autoDownload: false } : {}),
    ...(setup.fileNameTemplate ? { fileNameTemplate: setup.fileNameTemplate } : {}),
  });
  const library = setup.withLibrary ? createLibraryModule(h.kernel, { settings: settings.settings }) : null;
  if (library) cleanups.push(() => library.dispose?.());
  setup.beforeStart?.(libraryDir(settings.settings.get().downloadDir, h.kernel.ports.dataPaths));
  const d = createDownloadsModule(h.kernel, {
    settings,
    modelNameOf: (key: string, catalog: TaskView['catalog']) => h.video.catalog.cachedName(key, catalog),
    ...(library ? { hasVideoFor: (task: TaskView) => library.library.hasVideoFor(task) } : {}),
    http: signed.http(),
    tracker: h.tasks.tracker,
    tasksReady: h.tasks.ready ?? Promise.resolve(),
    cookieHeader: async () => null,
    queue: { backoff: { baseMs: setup.backoffMs ?? 50, maxMs: setup.backoffMs ?? 200 } },
  });
  await d.ready;
  running.push({ h, d });
  const downloads = (id: string) => h.payloads('download.changed').filter((v) => v.id === id);
  const settled = (id: string, state: DownloadView['state'] = 'done', timeoutMs = 10_000) =>
    h.waitFor('download.changed', (v) => v.id === id && v.state === state, timeoutMs);
  return { h, d, badge, picker, settings, downloads, settled, folder: d.folder() };
}

let counter = 0;
const t2v = (prompt = '清晨的江南古镇，一只白鹭掠过水面') => ({
  modelId: MODEL.q3Pro,
  catalog: 't2v' as const,
  values: { prompt, duration: 5, resolution: '1080p' },
  formId: `dl-form-${Date.now()}-${(counter += 1)}`,
});

async function succeeded(h: VideoHarness, input = t2v()) {
  const sent = await h.handlers['video.submit'](input);
  return h.waitFor('task.changed', (t) => t.localId === sent.localId && t.status === 'SUCCEEDED', 10_000);
}

async function until(test: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const requestsTo = (path: string) => signed.sim().control.requests().filter((r) => r.path === path);

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

describe('restarts and dead links', () => {
  it('a restart of the core with the same data folder resumes a half-done download from its .part', async () => {
    const first = await start({ autoDownload: false, backoffMs: 60_000 });
    const task = await succeeded(first.h);
    const mediaPath = `/media/${task.taskid}.mp4`;
    signed.sim().control.setFault({ kind: 'resetMidBody', path: mediaPath, times: 1 });
    await first.d.routes.handlers['downloads.start']({ localId: task.localId });
    const waiting = await first.settled(task.localId, 'waiting');
    expect(waiting.error?.code).toBe('network');
    const part = join(waiting.dir, `${waiting.name}.part`);
    const partBytes = statSync(part).size;
    const size = mediaFile(task.taskid!).bytes.length;
    expect(partBytes).toBeGreaterThan(0);
    expect(partBytes).toBeLessThan(size);
    const { h, d } = running.pop()!;
    await d.dispose();
    await h.dispose();

    const second = await start({ dataDir: first.h.dataDir, store: first.h.store, autoDownload: false });
    const done = await second.settled(task.localId);
    expect(sha256(readFileSync(done.file!))).toBe(sha256(mediaFile(task.taskid!).bytes));
    const fetches = requestsTo(mediaPath);
    expect(fetches).toHaveLength(2);
    expect(fetches[1]?.headers.range).toBe(`bytes=${partBytes}-`);
    expect(fetches[1]?.status).toBe(206);
    await until(() => existsSync(sidecarPathFor(done.file!)));

    // A third start: the finished download is listed with its size (no progress survives a restart, the file does).
    const { h: h2, d: d2 } = running.pop()!;
    await d2.dispose();
    await h2.dispose();
    const third = await start({ dataDir: first.h.dataDir, store: first.h.store, autoDownload: false });
    const listed = (await third.d.routes.handlers['downloads.list'](undefined)).find((v) => v.id === task.localId);
    expect(listed).toMatchObject({ state: 'done', bytesDone: size, bytesTotal: size, file: done.file });
    expect(requestsTo(mediaPath)).toHaveLength(2);
  });

  it('a 403 on the link → one status query → the new URL → done, and the task is untouched', async () => {
    const { h, settled } = await start({ autoDownload: false });
    const task = await succeeded(h);
    const mediaPath = `/media/${task.taskid}.mp4`;
    signed.sim().control.clearRequests();
    signed.sim().control.setFault({ kind: 'forbidden', path: mediaPath, times: 1 });
    const taskEventsBefore = h.payloads('task.changed').length;
    await running.at(-1)!.d.routes.handlers['downloads.start']({ localId: task.localId });
    const done = await settled(task.localId);
    expect(sha256(readFileSync(done.file!))).toBe(sha256(mediaFile(task.taskid!).bytes));
    expect(requestsTo(TASK_STATUS_PATH).filter((r) => r.query.taskid === task.taskid)).toHaveLength(1);
    const fetches = requestsTo(mediaPath);
    expect(fetches.map((r) => r.status)).toEqual([403, 200]);
    expect(fetches[1]?.headers.range).toBeNull();
    // Billing may still settle meanwhile; the download itself never changes the task or sends it again.
    for (const later of h.payloads('task.changed').slice(taskEventsBefore).filter((t) => t.localId === task.localId)) {
      expect(later).toMatchObject({ status: 'SUCCEEDED', resultUrls: task.resultUrls });
      expect(later.failureKind).toBeUndefined();
    }
    expect(requestsTo(VIDEO_PATH)).toEqual([]);
  });
});

describe('downloads.start on a finished download', () => {
  it('answers the done entry while the file is there; fetches again (refreshing a dead link once) after it was deleted', async () => {
    const { h, d, settled, downloads } = await start({ autoDownload: false });
    const task = await succeeded(h);
    const mediaPath = `/media/${task.taskid}.mp4`;
    await d.routes.handlers['downloads.start']({ localId: task.localId });
    const done = await settled(task.localId);
    await until(() => existsSync(sidecarPathFor(done.file!)));
    expect(requestsTo(mediaPath)).toHaveLength(1);

    const again = await d.routes.handlers['downloads.start']({ localId: task.localId });
    expect(again).toEqual([expect.objectContaining({ id: task.localId, state: 'done', file: done.file })]);
    expect(requestsTo(mediaPath)).toHaveLength(1);

    rmSync(done.file!);
    const doneEvents = downloads(task.localId).filter((v) => v.state === 'done').length;
    signed.sim().control.setFault({ kind: 'forbidden', path: mediaPath, times: 1 });
    const restarted = await d.routes.handlers['downloads.start']({ localId: task.localId });
    expect(restarted[0]?.state).not.toBe('done');
    await until(() => downloads(task.localId).filter((v) => v.state === 'done').length > doneEvents, 10_000);
    expect(readFileSync(done.file!).equals(mediaFile(task.taskid!).bytes)).toBe(true);
    expect(requestsTo(mediaPath).slice(1).map((r) => r.status)).toEqual([403, 200]);
    expect(parseSidecar(readFileSync(sidecarPathFor(done.file!), 'utf8'))?.sha256).toBe(sha256(mediaFile(task.taskid!).bytes));
  });
});

describe('progress and the taskbar', () => {
  let slow: Server;
  afterEach(() => slow?.close());

  it('progress events stay ≤ 10/s per item; the taskbar goes to a fraction and back to null', async () => {
    const body = Buffer.alloc(1_200_000, 3);
    slow = createServer((req, res) => {
      res.writeHead(200, { 'Content-Length': body.length, ETag: '"slow-1"', 'Content-Type': 'video/mp4' });
      let offset = 0;
      const tick = setInterval(() => {
        const chunk = body.subarray(offset, offset + 30_000);
        offset += chunk.length;
        res.write(chunk);
        if (offset >= body.length) {
          clearInterval(tick);
          res.end();
        }
      }, 40); // 40 chunks in ~1.6 s: far more chunks than allowed events
      req.on('close', () => clearInterval(tick));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/video/slow.mp4`;

    const { h, badge, downloads, settled } = await start();
    // Stamped on arrival, as the publisher would see them.
    const stamps: number[] = [];
    let slowId = '';
    h.kernel.bus.subscribe((e) => {
      // Only the slow item: the simulator's list may bring other finished tasks of this account.
      if (e.event === 'download.changed' && e.payload.id === slowId && e.payload.state === 'running' && e.payload.bytesDone > 0) stamps.push(Date.now());
    });
    // A succeeded task whose result lives on the slow server, written to the ledger as the poller would.
    const ledger = h.tasks.tracker.ledger();
    const pending = await ledger.createPending({ modelId: MODEL.q3Pro, modelName: 'Vidu Q3', llmid: 'viduq3-pro', catalog: 't2v', prompt: '慢慢下载', params: {} });
    slowId = pending.localId;
    await ledger.update(pending.localId, { taskid: '900000000000000001', status: 'SUCCEEDED', resultUrls: [url], finishedAt: Date.now() });
    const done = await settled(pending.localId, 'done', 15_000);

    expect(stamps.length).toBeGreaterThan(5);
    for (const [i, at] of stamps.entries()) {
      const inWindow = stamps.slice(i).filter((t) => t < at + 1000).length;
      expect(inWindow, `updates in the second after update ${i}`).toBeLessThanOrEqual(10);
    }
    expect(downloads(pending.localId).every((v) => v.bytesTotal === null || v.bytesTotal === body.length)).toBe(true);

    const fractions = badge.values.filter((v): v is number => v !== null);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(badge.values.at(-1)).toBeNull();
    // Compared as hashes: a deep equality of two 1 MB buffers takes seconds.
    expect(sha256(readFileSync(done.file!))).toBe(sha256(body));
  });
});

describe('routes', () => {
  it('reject junk input', () => {
    const bad: [keyof typeof downloadsSchemas, unknown][] = [
      ['downloads.pause', {}],
      ['downloads.pause', { id: '' }],
      ['downloads.pause', { id: 5 }],
      ['downloads.pause', { id: 'a'.repeat(100) }],
      ['downloads.pause', { id: 'x', extra: true }],
      ['downloads.resume', { id: 'x#1' }],
      ['downloads.cancel', { id: 'x#y' }],
      ['downloads.retry', { id: 'a b' }],
      ['downloads.openInBrowser', null],
      ['downloads.start', { localId: '' }],
      ['downloads.start', { localId: 7 }],
      ['downloads.start', { id: 'x' }],
      ['downloads.list', { all: true }],
      ['downloads.chooseFolder', 'C:\\\\Windows'],
    ];
    for (const [route, input] of bad) expect(downloadsSchemas[route].safeParse(input).success, `${route} ${JSON.stringify(input)}`).toBe(false);
    expect(downloadsSchemas['downloads.pause'].safeParse({ id: 'abc#2' }).success).toBe(true);
    expect(downloadsSchemas['downloads.list'].safeParse(undefined).success).toBe(true);
  });

  it('answers not_found for an unknown download or a task without a video', async () => {
    const { d } = await start({ autoDownload: false });
    await expect(d.routes.handlers['downloads.pause']({ id: 'no-such' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(d.routes.handlers['downloads.start']({ localId: 'no-such' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('chooseFolder stores the picked folder; the next download goes there; cancelling changes nothing', async () => {
    const chosen = mkdtempSync(join(tmpdir(), 'yj-dl-chosen-'));
    const { h, d, picker, settings, settled } = await start({ autoDownload: false, folderAnswers: [chosen] });
    expect(await d.routes.handlers['downloads.chooseFolder'](undefined)).toEqual({ dir: chosen });
    expect(settings.settings.get().downloadDir).toBe(chosen);
    expect(picker.asked[0]?.defaultPath).toBe(join(h.dataDir, 'videos', '元境'));
    expect(await d.routes.handlers['downloads.chooseFolder'](undefined)).toBeNull();
    expect(settings.settings.get().downloadDir).toBe(chosen);
    const task = await succeeded(h);
    await d.routes.handlers['downloads.start']({ localId: task.localId });
    const done = await settled(task.localId);
    expect(done.dir).toBe(chosen);
    expect(readdirSync(chosen)).toContain(done.name);
  });

  it('openInBrowser hands the checked result URL to the opener', async () => {
    const { h, d, settled } = await start();
    const task = await succeeded(h);
    await settled(task.localId);
    await d.routes.handlers['downloads.openInBrowser']({ id: task.localId });
    expect(h.opened).toEqual([task.resultUrls[0]]);
  });
});
