/**
 * The poller's TaskSource over the platform client: §3.13 (three catalogs, merged) and §3.14,
 * mapped from the platform's RemoteTask (contract models/video.ts) to the tracking service's
 * own RemoteTask (types.ts). The ONE place the two shapes meet.
 */
import type { RemoteTask as PlatformTask, TaskState } from '../../../preload/contract/models/video';
import { AppError } from '../../lib/errors';
import { fetchTaskStatus, fetchTodayTasks } from '../../platform/tasks';
import type { PlatformHttp } from '../../platform/types';
import type { TaskSource } from './poller';
import type { RemoteTask } from './types';

/** `use_time` is the server's wall clock without a zone; the platform runs on China time (UTC+8). */
export function serverTimeToEpoch(useTime: string | null): number | undefined {
  const text = String(useTime); // null reads "null", which the pattern refuses
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isFinite(ms) ? ms : undefined;
}

export function fromPlatformTask(task: PlatformTask): RemoteTask {
  const row: RemoteTask = { taskid: task.taskid, status: task.status, resultUrls: task.video ? [task.video] : [] };
  if (task.transno) row.transno = task.transno;
  if (task.error) row.error = task.error;
  if (task.billing) row.accountingStatus = task.billing;
  if (task.amount !== null) row.amount = task.amount;
  if (task.llmid) {
    row.llmid = task.llmid;
    row.model = task.llmid;
  }
  if (task.listedCatalog) row.catalog = task.listedCatalog;
  const prompt = task.input?.prompt;
  if (typeof prompt === 'string') row.prompt = prompt;
  const createdAt = serverTimeToEpoch(task.useTime);
  if (createdAt !== undefined) row.createdAt = createdAt;
  return row;
}

export function fromTaskState(taskid: string, state: TaskState): RemoteTask {
  const row: RemoteTask = { taskid: state.taskid ?? taskid, status: state.status ?? 'UNKNOWN', resultUrls: state.video ? [state.video] : [] };
  if (state.error) row.error = state.error;
  return row;
}

export function platformTaskSource(http: PlatformHttp): TaskSource {
  return {
    async listToday() {
      const { tasks, failed } = await fetchTodayTasks(http);
      // The network down for every catalog is a failed round (the poller backs off). Server
      // errors are not: the lists may answer 500 all day, and the nudges (§3.14) take over (§10.1).
      const offline = failed.filter((f) => f.code === 'transport' || f.code === 'timeout');
      if (offline.length === 3) throw new AppError(offline[0]!.code, offline[0]!.message);
      return { rows: tasks.map(fromPlatformTask), failedCatalogs: failed.map((f) => f.catalog) };
    },
    async status(taskid) {
      return fromTaskState(taskid, await fetchTaskStatus(http, taskid));
    },
  };
}
