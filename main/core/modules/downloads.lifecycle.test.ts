/**
 * The downloads module as core builds it, against the simulator and real files: a restart
 * resumes, a dead link is refreshed once, downloads.start fetches a deleted video again,
 * progress stays ≤ 10/s, the taskbar fraction is set and cleared, the routes check their input.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mediaFile } from '../../../simulator/media';
import { downloadsSchemas } from '../../ipc/handlers/downloads';
import { TASK_STATUS_PATH } from '../../platform/tasks';
import { VIDEO_PATH } from '../../platform/video';
import { parseSidecar, sidecarPathFor } from '../../services/library/sidecar';
import { useDownloadsModuleRig } from '../../testing/downloads-module-rig';
import { MODEL } from '../../../simulator/index';

const { signed, start, succeeded, until, sha256, requestsTo, running } = useDownloadsModuleRig();

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
