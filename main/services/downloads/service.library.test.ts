/**
 * The service and what is already on disk (service.ts): the library check before auto-download,
 * sidecars completed after a restart, billing that settles after the download, a video deleted
 * since. Real queue, engine and files against a loopback server (main/testing/download-service-rig.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../../preload/contract';
import { NOW, useDownloadServiceRig } from '../../testing/download-service-rig';
import { parseSidecar, sidecarPathFor } from '../library/sidecar';

const BYTES = randomBytes(50_000);
const rig = useDownloadServiceRig(BYTES);
const { task } = rig;

/** A library check the test answers by hand. */
function manualCheck() {
  const asked: string[] = [];
  const answers: ((inLibrary: boolean | Error) => void)[] = [];
  const has = (t: TaskView) =>
    new Promise<boolean>((resolve, reject) => {
      asked.push(t.localId);
      answers.push((a) => (a instanceof Error ? reject(a) : resolve(a)));
    });
  const answer = async (a: boolean | Error) => {
    answers.shift()?.(a);
    await new Promise((r) => setTimeout(r, 5));
  };
  return { has, asked, answer };
}

const sidecarOf = (video: string) => parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'));

describe('DownloadService and the library', () => {
  it('a task whose video the library has is not fetched (and says so); one it has not is; a check that fails downloads', async () => {
    const check = manualCheck();
    const s = await rig.start({ hasVideoFor: check.has, fileNameTemplate: '{prompt}' });
    s.publish(task('H1'));
    s.publish(task('H1')); // a second announcement while the check runs asks nothing more
    expect(check.asked).toEqual(['H1']);
    expect(s.queue.get('H1')).toBeNull();
    await check.answer(true);
    expect(s.queue.get('H1')).toBeNull();
    expect(s.logger.lines.some((l) => l.includes('"info"') && l.includes('"localId":"H1"'))).toBe(true);
    // Once answered, a later announcement asks again.
    s.publish(task('H1'));
    expect(check.asked).toEqual(['H1', 'H1']);
    await check.answer(false);
    expect(s.queue.get('H1')?.name).toBe('江南古镇.mp4');

    s.publish(task('H2'));
    await check.answer(new Error('library folder unreadable'));
    expect(s.queue.get('H2')).not.toBeNull();
    expect(s.logger.lines.some((l) => l.includes('"warn"') && l.includes('library folder unreadable'))).toBe(true);
  });

  it('the check answering after the task changed queues the task as the ledger holds it now', async () => {
    const check = manualCheck();
    const s = await rig.start({ hasVideoFor: check.has, fileNameTemplate: '{prompt}' });
    s.publish(task('N1', { prompt: 'first words' }));
    s.tasks.set('N1', task('N1', { prompt: 'edited words' }));
    await check.answer(false);
    expect(s.queue.get('N1')?.name).toBe('edited-words.mp4');
    // A task the ledger no longer holds: the one announced.
    s.publish(task('N2', { prompt: 'announced' }));
    s.tasks.delete('N2');
    await check.answer(false);
    expect(s.queue.get('N2')?.name).toBe('announced.mp4');
  });

  it('a check that answers after the user started (and cancelled) the download, or after dispose, queues nothing', async () => {
    rig.server().plan(() => ({ stallAfter: 1_000 }));
    const check = manualCheck();
    const s = await rig.start({ hasVideoFor: check.has });
    s.publish(task('U1'));
    s.svc.startTask('U1');
    s.svc.cancel('U1');
    await check.answer(false);
    expect(s.queue.get('U1')?.state).toBe('cancelled');

    s.publish(task('U2'));
    s.svc.dispose();
    await check.answer(false);
    expect(s.queue.get('U2')).toBeNull();
  });

  it('after a restart: a download renamed before its sidecar was written gets it; its view shows the size on disk', async () => {
    const dataDir = join(rig.root(), 'data');
    const first = await rig.start({ dataDir, autoDownload: false, fileNameTemplate: '{taskid}' });
    first.tasks.set('R1', task('R1'));
    first.svc.startTask('R1');
    await first.reached('R1');
    await first.stop();
    const video = join(first.folder, 'tr1.mp4');
    rmSync(sidecarPathFor(video)); // as if the app stopped right after the rename

    const second = await rig.start({ dataDir, autoDownload: false, tasks: [task('R1')] });
    const done = await second.reached('R1');
    expect(sidecarOf(video)).toMatchObject({ localId: 'R1', bytes: BYTES.length });
    // The reopened queue knows no progress: the size comes from the file.
    expect(done).toMatchObject({ bytesDone: BYTES.length, bytesTotal: BYTES.length, file: video });
    expect(second.svc.list()[0]).toMatchObject({ bytesDone: BYTES.length, bytesTotal: BYTES.length });
    // Asked for again while its file is there: the done entry, nothing fetched.
    expect(second.svc.startTask('R1')).toMatchObject([{ state: 'done' }]);
    expect(rig.server().requests).toHaveLength(1);
    // Read once per run: the list does not stat every finished video each time it is asked.
    writeFileSync(video, 'shorter');
    expect(second.svc.list()[0]).toMatchObject({ bytesDone: BYTES.length, bytesTotal: BYTES.length });
    await second.stop();

    // A video deleted since is left alone (no sidecar for nothing); its size is unknown.
    rmSync(sidecarPathFor(video));
    rmSync(video);
    const third = await rig.start({ dataDir, autoDownload: false, tasks: [task('R1')] });
    await third.svc.settled();
    expect(existsSync(sidecarPathFor(video))).toBe(false);
    expect(third.svc.list()[0]).toMatchObject({ state: 'done', bytesDone: 0, bytesTotal: null, file: video });
  });

  it('a finished video whose task is unknown still says done (no sidecar, a warning)', async () => {
    const s = await rig.start({ autoDownload: false });
    s.tasks.set('Z1', task('Z1'));
    s.svc.startTask('Z1');
    s.tasks.delete('Z1');
    const done = await s.reached('Z1');
    expect(done).toMatchObject({ state: 'done', taskid: null });
    expect(existsSync(sidecarPathFor(done.file ?? ''))).toBe(false);
    expect(s.logger.lines.some((l) => l.includes('"warn"') && l.includes('"id":"Z1"'))).toBe(true);
  });

  it('a sidecar that cannot be written is logged with its code and the download still says done', async () => {
    const s = await rig.start({ autoDownload: false, fileNameTemplate: '{taskid}' });
    // Once the name is chosen, a folder where the sidecar goes: its atomic write cannot replace it.
    s.queue.onChange((item) => item.state === 'running' && mkdirSync(sidecarPathFor(join(s.folder, 'tw1.mp4')), { recursive: true }));
    s.tasks.set('W1', task('W1'));
    s.svc.startTask('W1');
    const done = await s.reached('W1');
    expect(done.state).toBe('done');
    expect(statSync(join(s.folder, 'tw1.mp4')).size).toBe(BYTES.length);
    expect(s.logger.lines.some((l) => l.includes('"warn"') && l.includes('"id":"W1"') && l.includes('"code":"'))).toBe(true);
  });

  it('billing that settles after the download reaches the sidecar, after the sidecar is first written', async () => {
    const s = await rig.start({ fileNameTemplate: '{taskid}' });
    const video = join(s.folder, 'tb1.mp4');
    s.publish(task('B1'));
    await s.reached('B1');
    // Announced while the task is unbilled: nothing to follow.
    s.publish(task('B1'));
    await s.svc.settled();
    expect(sidecarOf(video)).toMatchObject({ amount: null, billing: null });
    s.publish(task('B1', { amount: 0.5 })); // an amount without a state is news
    await s.svc.settled();
    expect(sidecarOf(video)).toMatchObject({ amount: 0.5, billing: null });
    s.publish(task('B1', { billing: 'failed' })); // a state without an amount is news too
    await s.svc.settled();
    expect(sidecarOf(video)).toMatchObject({ amount: null, billing: 'failed' });
    s.publish(task('B1', { billing: 'accounted', amount: 1.25 }));
    await s.svc.settled();
    expect(sidecarOf(video)).toMatchObject({ amount: 1.25, billing: 'accounted' });
    // An announcement that knows nothing of billing never wipes what the sidecar holds.
    s.publish(task('B1'));
    await s.svc.settled();
    expect(sidecarOf(video)).toMatchObject({ amount: 1.25, billing: 'accounted' });
    // Only a done download's sidecar follows: a queued one has none yet.
    rig.server().plan(() => ({ stallAfter: 1_000 }));
    s.publish(task('B3', { billing: 'accounted', amount: 2 })); // billed before any download of it exists
    s.publish(task('B2'));
    s.publish(task('B2', { billing: 'accounted', amount: 2 }));
    await s.svc.settled();
    expect(s.logger.lines.filter((l) => l.includes('billing not updated'))).toEqual([]);
  });

  it('billing settling while the sidecar is still being written waits for it (no lost update)', async () => {
    const s = await rig.start({ fileNameTemplate: '{taskid}' });
    const video = join(s.folder, 'tc1.mp4');
    // Heard right after the service heard `done` (it listens first) and began the sidecar with the unbilled task.
    const off = s.queue.onChange((item) => {
      if (item.state !== 'done') return;
      off();
      s.publish(task('C1', { billing: 'accounted', amount: 3 }));
    });
    s.publish(task('C1'));
    await s.reached('C1');
    await s.svc.settled();
    expect(sidecarOf(video)).toMatchObject({ amount: 3, billing: 'accounted' });
  });

  it('a done download whose video was deleted is fetched again under its old name; while the file is there it is not', async () => {
    const s = await rig.start({ autoDownload: false, fileNameTemplate: '{taskid}' });
    s.tasks.set('G1', task('G1'));
    s.svc.startTask('G1');
    const first = await s.reached('G1');
    await s.svc.settled();
    expect(s.svc.startTask('G1')[0]?.state).toBe('done');
    rmSync(first.file ?? '');
    writeFileSync(join(s.folder, 'tg1 (2).mp4'), 'another video');
    const again = s.svc.startTask('G1');
    expect(again[0]).toMatchObject({ id: 'G1', name: 'tg1.mp4' });
    expect(again[0]?.state).not.toBe('done');
    s.events.length = 0;
    const done = await s.reached('G1');
    expect(readFileSync(done.file ?? '')).toEqual(BYTES);
    // The sidecar is written again for the new file (the old one's finishing was forgotten).
    await s.svc.settled();
    expect(sidecarOf(done.file ?? '')?.downloadedAt).toBe(new Date(NOW).toISOString());
    expect(rig.server().requests).toHaveLength(2);
  });
});
