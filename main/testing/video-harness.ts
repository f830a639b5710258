/**
 * The studio and task routes as core builds them (tasks + video modules, the notifications
 * subscriber, a real BalanceService), against the simulator over loopback, with a ledger in a
 * fresh temporary data folder and every published event recorded. Tests only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEvent, EventName, Events, User } from '../../preload/contract';
import { EventBus } from '../core/bus';
import { BusyTracker } from '../core/busy';
import type { Kernel } from '../core/module';
import { createNotificationsModule } from '../core/modules/notifications';
import { createTasksModule, type TasksModule } from '../core/modules/tasks';
import { createVideoModule, type VideoModule } from '../core/modules/video';
import { systemClock, type FilePicker, type KeyValueStore, type Notifier } from '../core/ports';
import type { HandlerMap } from '../core/routes';
import type { TasksRoute } from '../ipc/handlers/tasks';
import type { VideoRoute } from '../ipc/handlers/video';
import type { PlatformHttpClient } from '../platform/http';
import { BalanceService } from '../services/balance';
import type { PollTimings } from '../services/tasks/poller';
import { memoryDataPaths, memorySecretBox, memoryStore, recordingProgressBadge, scriptedFilePicker } from './memory-ports';
import { capturingLogger, FakeSession, type TestHttp } from './simple-http';

export interface VideoHarness {
  handlers: Pick<HandlerMap, VideoRoute | TasksRoute>;
  /** What the modules were built with: more modules (downloads) can join the same bus and ports. */
  kernel: Kernel;
  video: VideoModule;
  tasks: TasksModule;
  session: FakeSession;
  store: KeyValueStore & { data: Map<string, unknown> };
  dataDir: string;
  picker: ReturnType<typeof scriptedFilePicker>;
  badge: ReturnType<typeof recordingProgressBadge>;
  notified: { title: string; body: string }[];
  opened: string[];
  events: AppEvent[];
  payloads<K extends EventName>(event: K): Events[K][];
  /** Resolves with the first payload of `event` that passes `test` (already published or later). */
  waitFor<K extends EventName>(event: K, test: (payload: Events[K]) => boolean, timeoutMs?: number): Promise<Events[K]>;
  dispose(): Promise<void>;
}

export interface VideoHarnessOptions {
  http: TestHttp | PlatformHttpClient;
  user: User;
  serverUrl: string;
  store?: KeyValueStore & { data: Map<string, unknown> };
  dataDir?: string;
  picker?: FilePicker;
  timings?: Partial<PollTimings>;
}

/** Fast enough for tests, still one round in flight and inside the request budget. */
export const TEST_POLL_TIMINGS: Partial<PollTimings> = { runningMs: 250, nudgeEveryMs: 1_000, stallMs: 2_000, notExistGraceMs: 500, nudgesPerMinute: 120 };

export async function createVideoHarness(options: VideoHarnessOptions): Promise<VideoHarness> {
  const logger = capturingLogger();
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const session = new FakeSession();
  session.set(options.user);
  const store = options.store ?? memoryStore();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'yj-video-'));
  const picker = scriptedFilePicker();
  const badge = recordingProgressBadge();
  const notified: { title: string; body: string }[] = [];
  const notifier: Notifier = { notify: (notice) => void notified.push(notice) };
  const opened: string[] = [];
  const kernel: Kernel = {
    ports: {
      store,
      secrets: memorySecretBox(),
      opener: { open: async (url) => void opened.push(url) },
      logger,
      dataPaths: memoryDataPaths(dataDir),
      filePicker: options.picker ?? picker,
      notifier,
      progressBadge: badge,
    },
    config: { runtime: 'browser-host', version: '0.0.0-test', officialServerUrl: '' },
    bus,
    clock: systemClock,
    logger,
    busy: new BusyTracker(),
  };
  const serverUrl = () => options.serverUrl;
  const balance = new BalanceService({ http: options.http, bus, clock: systemClock, logger });
  const tasks = createTasksModule(kernel, { http: options.http, session, serverUrl, timings: options.timings ?? TEST_POLL_TIMINGS, requestsPerMinute: 1_200 });
  const video = createVideoModule(kernel, { http: options.http, session, serverUrl, tracker: tasks.tracker, balance });
  const notifications = createNotificationsModule(kernel, { enabled: () => true, tracker: tasks.tracker, balance });
  await tasks.ready;
  const payloads = <K extends EventName>(event: K) => events.filter((e): e is Extract<AppEvent, { event: K }> => e.event === event).map((e) => e.payload as Events[K]);
  return {
    handlers: { ...video.routes.handlers, ...tasks.routes.handlers },
    kernel,
    video,
    tasks,
    session,
    store,
    dataDir,
    picker,
    badge,
    notified,
    opened,
    events,
    payloads,
    waitFor(event, test, timeoutMs = 8_000) {
      const seen = payloads(event).find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = bus.subscribe((e) => {
          if (e.event === event && test(e.payload as never)) {
            clearTimeout(timer);
            stop();
            resolve(e.payload as never);
          }
        });
      });
    },
    async dispose() {
      notifications.dispose();
      await video.dispose();
      await tasks.dispose();
      balance.dispose();
    },
  };
}
