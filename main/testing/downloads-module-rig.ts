/**
 * The downloads module as core builds it (with the tasks, video and, when asked, library modules)
 * against the signed-in simulator on loopback and real files in a temporary data folder: the
 * shared set-up of the downloads module tests. Call at the top of a test file. Tests only.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeAll } from 'vitest';
import type { DownloadView, TaskView, User } from '../../preload/contract';
import { MODEL } from '../../simulator/index';
import { createDownloadsModule, type DownloadsModule } from '../core/modules/downloads';
import { createLibraryModule, libraryDir } from '../core/modules/library';
import { createSettingsModule } from '../core/modules/settings';
import { recordingProgressBadge, scriptedFolderPicker } from './memory-ports';
import { signIn, type TestHttp } from './simple-http';
import { useSignedInSimulator } from './signed-in-sim';
import { createVideoHarness, type VideoHarness } from './video-harness';

export interface DownloadsSetup {
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

 
export function useDownloadsModuleRig() {
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

  async function start(setup: DownloadsSetup = {}) {
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

  return { signed, start, t2v, succeeded, until, sha256, requestsTo, running };
}
