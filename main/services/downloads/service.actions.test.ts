/**
 * What the user does with downloads (service.ts): start, pause, resume, cancel, retry, open in
 * the browser, choose the folder; the list and its views; the taskbar fraction. Real queue,
 * engine and files against a loopback server (main/testing/download-service-rig.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { NOW, useDownloadServiceRig } from '../../testing/download-service-rig';
import { partPaths } from './engine';

const BYTES = randomBytes(50_000);
const rig = useDownloadServiceRig(BYTES);
const { task } = rig;

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('DownloadService actions', () => {
  it('startTask queues a finished task (autoDownload off) and answers its views; not_found for an unknown or unfinished task', async () => {
    const s = await rig.start({ autoDownload: false, fileNameTemplate: '{taskid}' });
    s.tasks.set('S1', task('S1'));
    s.tasks.set('RUN', task('RUN', { status: 'RUNNING' }));
    s.tasks.set('NOURL', task('NOURL', { resultUrls: [] }));
    expect(code(() => s.svc.startTask('NOPE'))).toBe('not_found: 没有这个任务 / No such task');
    expect(code(() => s.svc.startTask('RUN'))).toBe('not_found: 这个任务还没有可下载的视频 / This task has no video to download yet');
    expect(code(() => s.svc.startTask('NOURL'))).toMatch(/^not_found: /);
    const views = s.svc.startTask('S1');
    expect(views).toMatchObject([{ id: 'S1', localId: 'S1', taskid: 'TS1', name: 'ts1.mp4', dir: s.folder, addedAt: NOW }]);
    expect(['queued', 'running']).toContain(views[0]?.state);
    await s.reached('S1');
    // Asked again while done and the file is there: the done entry, no second fetch.
    expect(s.svc.startTask('S1')).toMatchObject([{ id: 'S1', state: 'done' }]);
    expect(rig.server().requests).toHaveLength(1);
  });

  it('pause keeps the .part, resume continues it; a view while running shows speed and eta, paused shows none', async () => {
    rig.server().plan((_r, i) => (i === 0 ? { stallAfter: 20_000 } : {}));
    const s = await rig.start({ fileNameTemplate: '{taskid}' });
    s.publish(task('P1'));
    const part = partPaths(s.folder, 'tp1.mp4').part;
    await rig.until(() => (s.queue.get('P1')?.bytesDone ?? 0) > 0);
    const running = s.svc.list()[0];
    expect(running).toMatchObject({ state: 'running', bytesDone: 20_000, bytesTotal: BYTES.length, file: null });
    expect(running?.speed).toBe(s.queue.get('P1')?.speed);
    expect(running?.etaSeconds).toBe(s.queue.get('P1')?.etaSeconds);
    const paused = s.svc.pause('P1');
    expect(paused).toMatchObject({ id: 'P1', state: 'paused', speed: 0, etaSeconds: null });
    await rig.until(() => existsSync(part) && s.events.some((e) => e.id === 'P1' && e.state === 'paused'));
    await new Promise((r) => setTimeout(r, 30));
    expect(existsSync(part)).toBe(true);
    // Queued, or already running when the paused run had wound down.
    expect(['queued', 'running']).toContain(s.svc.resume('P1').state);
    await s.reached('P1');
    expect(rig.server().requests.map((r) => r.range)).toEqual([null, 'bytes=20000-']);
  });

  it('cancel removes the .part; retry of a cancelled download starts it again from zero (the cancelled one gave its name back)', async () => {
    rig.server().plan((_r, i) => (i === 0 ? { stallAfter: 20_000 } : {}));
    const s = await rig.start({ fileNameTemplate: '{taskid}' });
    s.publish(task('K1'));
    const part = partPaths(s.folder, 'tk1.mp4').part;
    await rig.until(() => existsSync(part));
    expect(s.svc.cancel('K1')).toMatchObject({ id: 'K1', state: 'cancelled' });
    await rig.until(() => !existsSync(part));
    const again = s.svc.retry('K1');
    expect(again.id).toBe('K1');
    const done = await s.reached('K1');
    expect(done.name).toBe('tk1.mp4');
    expect(rig.server().requests.map((r) => r.range)).toEqual([null, null]);
    expect(readdirSync(s.folder).sort()).toEqual(['tk1.mp4', 'tk1.mp4.yj.json']);
  });

  it('retry of a failed download tries again with fresh tries; pause/resume/cancel/retry of an unknown id is not_found', async () => {
    rig.server().plan((_r, i) => (i < 2 ? { status: 500 } : {}));
    const s = await rig.start({ maxAttempts: 2 });
    s.publish(task('F1'));
    const failed = await s.reached('F1', 'failed');
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'server' }, canOpenInBrowser: false, file: null, speed: 0, etaSeconds: null });
    expect(s.svc.retry('F1')).toMatchObject({ state: 'running', error: null });
    await s.reached('F1');
    // downloads.start on a failed or paused download continues it too.
    rig.server().plan((_r, i) => (i === 3 || i === 4 ? { status: 500 } : i === 5 ? { stallAfter: 1_000 } : {}));
    s.publish(task('F2'));
    await s.reached('F2', 'failed');
    expect(s.svc.startTask('F2')).toMatchObject([{ id: 'F2', state: 'running', error: null }]);
    await rig.until(() => rig.server().requests.length === 6);
    s.svc.pause('F2');
    await rig.until(() => s.queue.get('F2')?.state === 'paused');
    expect(s.svc.startTask('F2')[0]?.state).not.toBe('paused');
    await s.reached('F2');
        for (const action of ['pause', 'resume', 'cancel', 'retry'] as const) {
      expect(code(() => s.svc[action]('NOPE'))).toBe('not_found: 没有这个下载 / No such download');
    }
  });

  it('a dead link ends in a view that offers the browser; openInBrowser hands the checked URL to the opener and refuses others', async () => {
    rig.server().plan(() => ({ status: 403 }));
    const s = await rig.start();
    s.publish(task('D1', { resultUrls: ['https://127.0.0.1:9/v/D1.mp4'] }));
    // Nothing listens on port 9: the download fails at once; what matters is the URL the opener gets.
    await s.svc.openInBrowser('D1');
    expect(s.opened).toEqual(['https://127.0.0.1:9/v/D1.mp4']);

    s.publish(task('D2'));
    const dead = await s.reached('D2', 'failed');
    expect(dead).toMatchObject({ error: { code: 'expired_link' }, canOpenInBrowser: true });
    // The loopback link is plain http on another host than the platform: refused.
    await expect(s.svc.openInBrowser('D2')).rejects.toMatchObject({ code: 'url_refused' });
    await expect(s.svc.openInBrowser('NOPE')).rejects.toMatchObject({ code: 'not_found' });
    expect(s.opened).toHaveLength(1);
  });

  it('chooseFolder stores the picked folder (asked with the current one); a cancel or no picker changes nothing', async () => {
    const s = await rig.start({ folderAnswers: ['/picked/videos', null] });
    expect(await s.svc.chooseFolder()).toEqual({ dir: '/picked/videos' });
    expect(s.settings().downloadDir).toBe('/picked/videos');
    expect(s.picker.asked).toEqual([{ title: '选择下载文件夹 / Choose the download folder', defaultPath: s.folder }]);
    expect(await s.svc.chooseFolder()).toBeNull();
    expect(s.settings().downloadDir).toBe('/picked/videos');
    expect(s.picker.asked[1]?.defaultPath).toBe('/picked/videos');

    const none = await rig.start({ noPicker: true });
    expect(await none.svc.chooseFolder()).toBeNull();
    expect(none.settings().downloadDir).toBe('');
  });

  it('lists the newest first', async () => {
    rig.server().plan(() => ({ stallAfter: 1_000 }));
    const s = await rig.start();
    s.publish(task('A'));
    s.time.now = NOW + 1_000;
    s.publish(task('B', { finishedAt: NOW + 500 }));
    s.time.now = NOW + 2_000;
    s.publish(task('C', { finishedAt: NOW + 500 }));
    expect(s.svc.list().map((v) => v.id)).toEqual(['C', 'B', 'A']);
  });

  it('the taskbar shows the active downloads’ fraction and clears when none is left; dispose clears it and stops listening', async () => {
    rig.server().plan(() => ({ stallAfter: 25_000 }));
    const s = await rig.start({ fileNameTemplate: '{taskid}' });
    expect(s.badge.values).toEqual([]); // nothing active at start: nothing to clear
    s.publish(task('B1'));
    await rig.until(() => s.badge.values.includes(0.5));
    expect(s.badge.values.every((v, i) => i === 0 || v !== s.badge.values[i - 1])).toBe(true); // only changes
    s.svc.pause('B1');
    await rig.until(() => s.badge.values.at(-1) === null);
    s.svc.resume('B1');
    await rig.until(() => s.badge.values.at(-1) === 0.5);
    const before = s.events.length;
    s.svc.dispose();
    expect(s.badge.values.at(-1)).toBeNull();
    s.publish(task('B2'));
    expect(s.queue.get('B2')).toBeNull();
    expect(s.events).toHaveLength(before);
  });

  it('without a taskbar port downloads still finish', async () => {
    const s = await rig.start({ noBadge: true });
    s.publish(task('NB'));
    expect((await s.reached('NB')).file).toBe(join(s.folder, s.queue.get('NB')?.name ?? ''));
  });
});
