/**
 * The task ledger and its poller: the ledger in `<dataDir>/tasks` (opened in `ready`), the
 * platform as the poller's TaskSource, its gate driven by the session and the system events.
 */
import { join } from 'node:path';
import type { SessionState } from '../../../preload/contract';
import { createTasksRoutes, type TasksRoute } from '../../ipc/handlers/tasks';
import type { PlatformHttp } from '../../platform/types';
import { platformTaskSource } from '../../services/tasks/platform-source';
import type { PollTimings } from '../../services/tasks/poller';
import { TaskTracker } from '../../services/tasks/tracker';
import type { CoreModule, Kernel } from '../module';

export interface TasksModule extends CoreModule<TasksRoute> {
  tracker: TaskTracker;
}

export interface TasksModuleDeps {
  http: PlatformHttp;
  session: { isSignedIn(): boolean; onChange(listener: (state: SessionState) => void): () => void };
  serverUrl(): string | null;
  timings?: Partial<PollTimings>;
  requestsPerMinute?: number;
}

export function createTasksModule(kernel: Kernel, deps: TasksModuleDeps): TasksModule {
  const { ports, bus, clock, logger } = kernel;
  const tracker = new TaskTracker({
    dir: join(ports.dataPaths.dataDir(), 'tasks'),
    source: platformTaskSource(deps.http),
    bus,
    clock,
    logger,
    session: deps.session,
    ...(ports.systemEvents ? { systemEvents: ports.systemEvents } : {}),
    ...(deps.timings ? { timings: deps.timings } : {}),
    ...(deps.requestsPerMinute ? { requestsPerMinute: deps.requestsPerMinute } : {}),
  });
  const ready = tracker.open().catch((error: unknown) => logger.error('task ledger failed to open', { error: String(error) }));
  return {
    routes: createTasksRoutes({ tracker, opener: ports.opener, serverUrl: deps.serverUrl }),
    ready,
    tracker,
    dispose: () => tracker.dispose(),
  };
}
