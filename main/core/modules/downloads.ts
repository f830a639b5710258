/**
 * Downloads of finished videos (issue 8): the media client (its own got, the platform cookie
 * only for /idfile, the network settings' proxy), the engine, the durable queue in
 * `<dataDir>/downloads` (reopened in `ready`, so downloads in flight resume after a restart)
 * and the service that follows the tasks. A fresh link after a 403 is one §3.14 query.
 */
import type { BeforeRequestHook } from 'got';
import { createDownloadsRoutes, type DownloadsRoute } from '../../ipc/handlers/downloads';
import { AppError } from '../../lib/errors';
import { createMediaClient, type MediaTimeouts } from '../../platform/media';
import { fetchTaskStatus } from '../../platform/tasks';
import type { PlatformHttp } from '../../platform/types';
import { createDownloadEngine } from '../../services/downloads/engine';
import type { DownloadFs } from '../../services/downloads/fs-port';
import { downloadDir } from '../../services/downloads/folder';
import { DownloadQueue, type QueueOptions } from '../../services/downloads/queue';
import { splitDownloadId } from '../../services/downloads/items';
import { DownloadService } from '../../services/downloads/service';
import type { TaskTracker } from '../../services/tasks/tracker';
import { toTaskView } from '../../services/tasks/view';
import type { TaskView } from '../../../preload/contract/models';
import type { CoreModule, Kernel } from '../module';
import type { SettingsModule } from './settings';

export interface DownloadsModule extends CoreModule<DownloadsRoute> {
  /** The service once the queue is open (after `ready`); null before. */
  service(): DownloadService | null;
  /** The folder downloads go to now (the library reads the same one). */
  folder(): string;
}

export interface DownloadsModuleDeps {
  settings: SettingsModule;
  http: PlatformHttp;
  tracker: TaskTracker;
  /** The task ledger is open (the tasks module's `ready`). */
  tasksReady: Promise<void>;
  cookieHeader(url: string): Promise<string | null>;
  beforeRequest?: BeforeRequestHook;
  /** The library already holds this task's video (file on disk): auto-download skips it. */
  hasVideoFor?(task: TaskView): Promise<boolean>;
  /** A model's display name from the video module's catalog cache; null when unknown. */
  modelNameOf?(modelIdOrLlmid: string, catalog: TaskView['catalog']): string | null;
  /** Tests: faster timeouts and backoff, an injected file system. */
  mediaTimeouts?: Partial<MediaTimeouts>;
  queue?: Pick<QueueOptions, 'backoff' | 'maxAttempts' | 'concurrency'>;
  fs?: DownloadFs;
  progressIntervalMs?: number;
}

export function createDownloadsModule(kernel: Kernel, deps: DownloadsModuleDeps): DownloadsModule {
  const { ports, bus, clock, logger } = kernel;
  const settings = deps.settings.settings;
  const folder = () => downloadDir(settings.get().downloadDir, ports.dataPaths);
  const media = createMediaClient({
    platformBaseUrl: () => deps.settings.serverUrl() ?? '',
    cookieHeader: () => {
      const base = deps.settings.serverUrl();
      return base ? deps.cookieHeader(base) : null;
    },
    ...(deps.mediaTimeouts ? { timeouts: deps.mediaTimeouts } : {}),
    ...(deps.beforeRequest ? { beforeRequest: deps.beforeRequest } : {}),
  });
  const engine = createDownloadEngine({ media, clock, ...(deps.fs ? { fs: deps.fs } : {}), ...(deps.progressIntervalMs ? { progressIntervalMs: deps.progressIntervalMs } : {}) });
  const task = (localId: string) => {
    const record = deps.tracker.ledger().get(localId);
    return record ? toTaskView(record) : null;
  };

  /** §10.8: one fresh status query; the task's current result URL, or null. The task itself is not touched. */
  const refreshUrl = async (item: { id: string }): Promise<string | null> => {
    const { localId, index } = splitDownloadId(item.id);
    const taskid = task(localId)?.taskid;
    if (!taskid || index > 0) return null;
    const state = await fetchTaskStatus(deps.http, taskid);
    return typeof state.video === 'string' && state.video !== '' ? state.video : null;
  };

  let queue: DownloadQueue | null = null;
  let service: DownloadService | null = null;
  let disposed = false;
  const ready = (async () => {
    await deps.tasksReady;
    const opened = await DownloadQueue.open({ engine, dataDir: ports.dataPaths.dataDir(), clock, logger, refreshUrl, ...deps.queue });
    if (disposed) {
      await opened.close();
      return;
    }
    queue = opened;
    service = new DownloadService({
      queue,
      bus,
      clock,
      logger,
      task,
      tasks: () => deps.tracker.list(true),
      settings,
      folder,
      folderPicker: ports.folderPicker ?? null,
      opener: ports.opener,
      badge: ports.progressBadge ?? null,
      serverUrl: deps.settings.serverUrl,
      ...(deps.hasVideoFor ? { hasVideoFor: deps.hasVideoFor } : {}),
      ...(deps.modelNameOf ? { modelNameOf: deps.modelNameOf } : {}),
    });
    service.start();
  })().catch((error: unknown) => logger.error('download queue failed to open', { error: String(error) }));

  const require = (): DownloadService => {
    if (!service) throw new AppError('internal', '下载队列尚未就绪 / The download queue is not open yet');
    return service;
  };
  return {
    routes: createDownloadsRoutes(require),
    ready,
    service: () => service,
    folder,
    async dispose() {
      disposed = true;
      await ready;
      service?.dispose();
      // Keeps every .part and saves the states: the next start continues them.
      await queue?.close();
      await service?.settled();
    },
  };
}
