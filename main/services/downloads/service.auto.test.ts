/**
 * Auto-download (service.ts): which finished tasks are fetched by themselves, under which names,
 * and that `done` is said only once the sidecar is there. Real queue, engine and files against a
 * loopback server (main/testing/download-service-rig.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOW, useDownloadServiceRig } from '../../testing/download-service-rig';
import { inputsDirFor, parseSidecar, sidecarPathFor } from '../library/sidecar';
import { KEEP_FINISHED_MS } from './retention';

const BYTES = randomBytes(50_000);
const rig = useDownloadServiceRig(BYTES);
const { task } = rig;
const TEMPLATE = '{prompt}_{taskid}';
const HOUR = 3_600_000;

describe('DownloadService auto-download', () => {
  it('fetches a task that just succeeded into the folder under its template name; `done` comes once, after the sidecar', async () => {
    const s = await rig.start({ fileNameTemplate: TEMPLATE });
    let sidecarAtDone: boolean | null = null;
    s.bus.subscribe((e) => {
      if (e.event === 'download.changed' && e.payload.state === 'done') sidecarAtDone = existsSync(sidecarPathFor(e.payload.file ?? ''));
    });
    s.publish(task('L1'));
    const done = await s.reached('L1');
    const video = join(s.folder, '江南古镇_tl1.mp4');
    expect(done).toEqual({
      id: 'L1', localId: 'L1', taskid: 'TL1', name: '江南古镇_tl1.mp4', dir: s.folder, state: 'done', bytesDone: BYTES.length, bytesTotal: BYTES.length,
      speed: 0, etaSeconds: null, expiresAt: NOW - 1_000 + HOUR, addedAt: NOW, error: null, file: video, canOpenInBrowser: false,
    });
    expect(sidecarAtDone).toBe(true);
    expect(readFileSync(video)).toEqual(BYTES);
    expect(parseSidecar(readFileSync(sidecarPathFor(video), 'utf8'))).toMatchObject({
      localId: 'L1', taskid: 'TL1', modelName: 'Vidu Q3', sourceUrl: `${rig.server().url}/L1.mp4`, bytes: BYTES.length, downloadedAt: new Date(NOW).toISOString(),
    });
    await s.svc.settled();
    const states = s.events.filter((e) => e.id === 'L1').map((e) => e.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.filter((st) => st === 'done')).toHaveLength(1);
  });

  it('fetches every result of a task: `<localId>`, `<localId>#2`, with distinct names', async () => {
    const s = await rig.start({ fileNameTemplate: TEMPLATE });
    const url = rig.server().url;
    s.publish(task('L2', { resultUrls: [`${url}/a.mp4`, `${url}/b.webm`] }));
    await Promise.all([s.reached('L2'), s.reached('L2#2')]);
    expect(Object.fromEntries(s.svc.list().map((v) => [v.id, `${v.localId} ${v.name}`]))).toEqual({ L2: 'L2 江南古镇_tl2.mp4', 'L2#2': 'L2 江南古镇_tl2.webm' });
  });

  it('leaves alone what is not a fresh, visible, succeeded task with a video, or what autoDownload is off for', async () => {
    const s = await rig.start();
    s.publish(task('RUN', { status: 'RUNNING', terminal: false }));
    s.publish(task('NOURL', { resultUrls: [] }));
    s.publish(task('HID', { hidden: true }));
    s.publish(task('EDGE', { finishedAt: NOW - KEEP_FINISHED_MS })); // exactly a day: still fetched
    s.publish(task('OLD', { finishedAt: NOW - KEEP_FINISHED_MS - 1 }));
    s.publish(task('UPD', { finishedAt: undefined, updatedAt: NOW - KEEP_FINISHED_MS - 1 }));
    expect(s.queue.list().map((i) => i.id)).toEqual(['EDGE']);

    const off = await rig.start({ autoDownload: false });
    off.publish(task('OFF'));
    expect(off.queue.list()).toEqual([]);
  });

  it('never queues again by itself a download the user cancelled', async () => {
    rig.server().plan(() => ({ stallAfter: 1_000 }));
    const s = await rig.start();
    s.publish(task('C1'));
    s.svc.cancel('C1');
    s.publish(task('C1', { amount: 1.5 }));
    expect(s.queue.get('C1')?.state).toBe('cancelled');
    expect(s.queue.list()).toHaveLength(1);
  });

  it('at start, queues the tasks that finished while the app was closed while their links still work', async () => {
    const s = await rig.start({
      autoDownload: false, // the same rules as a task.changed: off means none
      tasks: [task('ALIVE', { resultExpiresAt: NOW + 1 })],
    });
    expect(s.queue.list()).toEqual([]);
    await s.stop();

    const on = await rig.start({
      tasks: [
        task('ALIVE', { resultExpiresAt: NOW + 1 }),
        task('EXPIRED', { resultExpiresAt: NOW }),
        task('HOUR', { finishedAt: NOW - HOUR + 1 }), // no expiry in the URL: one hour after it was seen
        task('PASTHOUR', { finishedAt: NOW - HOUR }),
        task('UPDATED', { finishedAt: undefined, updatedAt: NOW - HOUR + 1 }),
        task('UPDATEDPAST', { finishedAt: undefined, updatedAt: NOW - HOUR }),
      ],
    });
    expect(on.queue.list().map((i) => i.id).sort()).toEqual(['ALIVE', 'HOUR', 'UPDATED']);
  });

  it('names: the template filled in; a name taken by a file, its .part, sidecar, inputs folder or another download gets (2)', async () => {
    rig.server().plan(() => ({ stallAfter: 1_000 }));
    const s = await rig.start({ fileNameTemplate: '{prompt}' });
    mkdirSync(s.folder, { recursive: true });
    const taken = ['file', 'part', 'sidecar', 'inputs'];
    writeFileSync(join(s.folder, 'file.mp4'), 'x');
    writeFileSync(join(s.folder, 'part.mp4.part'), 'x');
    writeFileSync(sidecarPathFor(join(s.folder, 'sidecar.mp4')), '{}');
    mkdirSync(inputsDirFor(join(s.folder, 'inputs.mp4')));
    for (const word of taken) s.publish(task(word.toUpperCase(), { prompt: word }));
    expect(taken.map((w) => s.queue.get(w.toUpperCase())?.name)).toEqual(taken.map((w) => `${w} (2).mp4`));

    // Another download in the same folder, whatever the case (Windows and macOS ignore it).
    s.publish(task('X1', { prompt: 'Clip' }));
    s.publish(task('X2', { prompt: 'clip' }));
    expect([s.queue.get('X1')?.name, s.queue.get('X2')?.name]).toEqual(['clip.mp4', 'clip (2).mp4']);
    // A cancelled download gives its name back; one in another folder never held it here.
    s.svc.cancel('X1');
    s.publish(task('X3', { prompt: 'clip' }));
    expect(s.queue.get('X3')?.name).toBe('clip.mp4');
    s.settings().downloadDir = join(rig.root(), 'other');
    s.publish(task('X4', { prompt: 'clip' }));
    expect(s.queue.get('X4')).toMatchObject({ name: 'clip.mp4', dir: join(rig.root(), 'other') });
    s.publish(task('X5', { prompt: 'file' }));
    expect(s.queue.get('X5')?.name).toBe('file.mp4');
  });

  it("names and sidecars carry the catalog's display name (by model id, then llmid), else the record's", async () => {
    const names: Record<string, string> = { 'm-known': 'Kling 2', 'llm-known': 'Hailuo' };
    const asked: string[] = [];
    const s = await rig.start({ fileNameTemplate: '{model}_{taskid}', modelNameOf: (key, catalog) => (asked.push(`${key}/${catalog}`), names[key] ?? null) });
    s.publish(task('M1', { modelId: 'm-known', llmid: 'llm-known' }));
    s.publish(task('M2', { modelId: 'm-unknown', llmid: 'llm-known' }));
    s.publish(task('M3', { modelId: 'm-unknown', llmid: 'llm-unknown', modelName: 'Vidu Q3' }));
    expect(['M1', 'M2', 'M3'].map((id) => s.queue.get(id)?.name)).toEqual(['kling-2_tm1.mp4', 'hailuo_tm2.mp4', 'vidu-q3_tm3.mp4']);
    expect(asked.slice(0, 4)).toEqual(['m-known/t2v', 'm-unknown/t2v', 'llm-known/t2v', 'm-unknown/t2v']);
    await s.reached('M2');
    await s.svc.settled();
    const sidecar = parseSidecar(readFileSync(sidecarPathFor(join(s.folder, 'hailuo_tm2.mp4')), 'utf8'));
    expect(sidecar?.modelName).toBe('Hailuo');
  });

  it('the expiry a link was seen with: the task\'s finish time, else when it was queued', async () => {
    rig.server().plan(() => ({ stallAfter: 1_000 }));
    const s = await rig.start({ autoDownload: false });
    s.tasks.set('E1', task('E1', { finishedAt: NOW - 10 * 60_000 }));
    s.tasks.set('E2', task('E2', { finishedAt: undefined, updatedAt: NOW - 10 * 60_000 }));
    s.svc.startTask('E1');
    s.svc.startTask('E2');
    expect([s.queue.get('E1')?.expiresAt, s.queue.get('E2')?.expiresAt]).toEqual([NOW - 10 * 60_000 + HOUR, NOW + HOUR]);
  });
});
