/**
 * Auto-download and the queue's retention (retention.ts): a finished download leaves queue.json
 * after a day, so a task older than that, seen again (a list refresh), must not be fetched again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskView } from '../../../preload/contract';
import { EventBus } from '../../core/bus';
import { systemClock } from '../../core/ports';
import { createMediaClient } from '../../platform/media';
import { capturingLogger } from '../../testing/capturing-logger';
import { defaultSettings } from '../settings';
import { createDownloadEngine } from './engine';
import { DownloadQueue } from './queue';
import { KEEP_FINISHED_MS } from './retention';
import { DownloadService } from './service';

const NOW = Date.UTC(2026, 11, 2, 12);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const task = (localId: string, finishedAt: number): TaskView => ({
  localId, taskid: `T-${localId}`, transno: 'TR', modelId: 'M', modelName: 'Vidu Q3', llmid: 'M', catalog: 't2v', prompt: '江南古镇', params: {}, inputImages: [],
  status: 'SUCCEEDED', terminal: true, createdAt: finishedAt - 60_000, updatedAt: finishedAt, finishedAt, hidden: false, origin: 'local',
  // An unreachable loopback port: the test looks at what is queued, not at the download.
  resultUrls: [`http://127.0.0.1:9/${localId}.mp4`],
});

async function service() {
  const root = mkdtempSync(join(tmpdir(), 'yj-svc-retention-'));
  const clock = { ...systemClock, now: () => NOW };
  const engine = createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.example', cookieHeader: () => null }) });
  const queue = await DownloadQueue.open({ engine, dataDir: join(root, 'data'), clock, maxAttempts: 1 });
  const bus = new EventBus();
  const settings = { ...defaultSettings('https://platform.example'), autoDownload: true };
  const svc = new DownloadService({
    queue, bus, clock, logger: capturingLogger(), task: () => null, tasks: () => [], settings: { get: () => settings, update: () => settings },
    folder: () => join(root, 'videos'), folderPicker: null, opener: { open: async () => {} }, badge: null, serverUrl: () => 'https://platform.example',
  });
  svc.start();
  cleanups.push(async () => {
    svc.dispose();
    await queue.close();
    rmSync(root, { recursive: true, force: true });
  });
  return { bus, queue };
}

describe('auto-download and retention', () => {
  it('queues a task that just succeeded, never one older than the retention seen again', async () => {
    const { bus, queue } = await service();
    bus.publish('task.changed', task('OLD', NOW - KEEP_FINISHED_MS - 60_000));
    bus.publish('task.changed', task('NEW', NOW - 5_000));
    expect(queue.list().map((i) => i.id)).toEqual(['NEW']);
  });
});
