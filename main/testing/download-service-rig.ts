/**
 * The DownloadService over the REAL queue and engine against a loopback file server, writing real
 * files in a temporary folder, with recording ports (bus events, taskbar, folder picker, opener,
 * logger) and a clock whose `now` a test sets. The shared set-up of the service's unit tests
 * (the module tests in core/modules run the same service inside the whole app). Tests only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { DownloadView, Settings, TaskView } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { systemClock, type Clock } from '../core/ports';
import { createMediaClient } from '../platform/media';
import { createDownloadEngine } from '../services/downloads/engine';
import { DownloadQueue } from '../services/downloads/queue';
import { DownloadService, type DownloadServiceDeps } from '../services/downloads/service';
import { defaultSettings } from '../services/settings';
import { capturingLogger } from './capturing-logger';
import { startMediaServer, type MediaServer } from './media-server';
import { recordingProgressBadge, scriptedFolderPicker } from './memory-ports';

export const NOW = Date.UTC(2026, 11, 2, 12);

export interface ServiceSetup {
  autoDownload?: boolean;
  fileNameTemplate?: string;
  /** Omit the folder picker / taskbar port (the browser host has neither). */
  noPicker?: boolean;
  noBadge?: boolean;
  folderAnswers?: (string | null)[];
  hasVideoFor?: DownloadServiceDeps['hasVideoFor'];
  modelNameOf?: DownloadServiceDeps['modelNameOf'];
  /** The data folder (the queue's): another start on the same one is a restart. */
  dataDir?: string;
  /** Tasks the ledger already holds when the service starts. */
  tasks?: TaskView[];
  maxAttempts?: number;
}

export function useDownloadServiceRig(bytes: Buffer) {
  let server: MediaServer;
  let root: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await startMediaServer(bytes);
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'yj-dlsvc-'));
    server.requests.length = 0;
    server.plan(() => ({}));
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  /** A succeeded task with one result video on the loopback server (`/<localId>.mp4`). */
  const task = (localId: string, over: Partial<TaskView> = {}): TaskView => ({
    localId, taskid: `T${localId}`, transno: 'TR1', modelId: 'm-q3', modelName: 'Vidu Q3', llmid: 'viduq3-pro', catalog: 't2v',
    prompt: '江南古镇', params: { duration: 5 }, inputImages: [], status: 'SUCCEEDED', terminal: true,
    createdAt: NOW - 120_000, updatedAt: NOW - 1_000, finishedAt: NOW - 1_000, hidden: false, origin: 'local',
    resultUrls: [`${server.url}/${localId}.mp4`],
    ...over,
  });

  async function start(setup: ServiceSetup = {}) {
    const time = { now: NOW };
    const clock = { ...systemClock, now: () => time.now } satisfies Clock;
    const dataDir = setup.dataDir ?? join(root, 'data');
    const folder = join(root, 'videos');
    const engine = createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.example', cookieHeader: () => null }) });
    const queue = await DownloadQueue.open({ engine, dataDir, clock, backoff: { baseMs: 5, maxMs: 20 }, maxAttempts: setup.maxAttempts ?? 2 });
    const bus = new EventBus();
    const events: DownloadView[] = [];
    bus.subscribe((e) => e.event === 'download.changed' && events.push(e.payload));
    let settings: Settings = {
      ...defaultSettings('https://platform.example'),
      autoDownload: setup.autoDownload ?? true,
      ...(setup.fileNameTemplate ? { fileNameTemplate: setup.fileNameTemplate } : {}),
    };
    const tasks = new Map((setup.tasks ?? []).map((t) => [t.localId, t]));
    const badge = recordingProgressBadge();
    const picker = scriptedFolderPicker(setup.folderAnswers ?? []);
    const opened: string[] = [];
    const logger = capturingLogger();
    const svc = new DownloadService({
      queue, bus, clock, logger,
      task: (localId) => tasks.get(localId) ?? null,
      tasks: () => [...tasks.values()],
      settings: { get: () => settings, update: (patch) => (settings = { ...settings, ...patch }) },
      folder: () => (settings.downloadDir === '' ? folder : settings.downloadDir),
      folderPicker: setup.noPicker ? null : picker,
      opener: { open: async (url) => void opened.push(url) },
      badge: setup.noBadge ? null : badge,
      serverUrl: () => 'https://platform.example',
      ...(setup.hasVideoFor ? { hasVideoFor: setup.hasVideoFor } : {}),
      ...(setup.modelNameOf ? { modelNameOf: setup.modelNameOf } : {}),
    });
    svc.start();
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      svc.dispose();
      await queue.close();
      await svc.settled();
    };
    cleanups.push(stop);
    /** A task the ledger now holds, announced as the tracker does. */
    const publish = (t: TaskView) => {
      tasks.set(t.localId, t);
      bus.publish('task.changed', t);
    };
    /** The service's last published view of a download reaching `state`. */
    const reached = (id: string, state: DownloadView['state'] = 'done', timeoutMs = 10_000) =>
      new Promise<DownloadView>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${id} never ${state}: ${JSON.stringify(events.filter((e) => e.id === id))}`)), timeoutMs);
        const check = () => {
          const hit = events.find((e) => e.id === id && e.state === state);
          if (!hit) return;
          clearTimeout(timer);
          off();
          resolve(hit);
        };
        const off = bus.subscribe(check);
        check();
      });
    return { svc, queue, bus, events, tasks, badge, picker, opened, logger, folder, dataDir, time, publish, reached, stop, settings: () => settings };
  }

  async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  return { server: () => server, root: () => root, task, start, until };
}
