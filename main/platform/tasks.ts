/**
 * Reading tasks back, platform-api.md §3.13/§3.14 with §10.1/§10.2:
 * - today's tasks: all three catalogs (a task is listed under its model's first catalog), one
 *   request at a time, merged by taskid then transno; a catalog that fails (one unreadable row
 *   makes the list answer 500 all day) does not hide the others — the caller learns which;
 * - the status of one task: `resposne` or `response`, normalised to a TaskState.
 * `cost` (the platform's cost price) is dropped here; image data in the recorded input is too.
 */
import type { CatalogId, RemoteTask, TaskState } from '../../preload/contract/models/video';
import type { ErrorCode } from '../../preload/contract/errors';
import { AppError, isAppError } from '../lib/errors';
import { asString, isRecord, nonEmptyString, parseMaybeJson, toMoney, type JsonRecord } from './normalize';
import { billingState, isTerminalStatus, statusOf } from './task-status';
import type { PlatformHttp } from './types';

export const TASKS_PATH = '/llmage/get_my_asynctasks.dspy';
export const TASK_STATUS_PATH = '/llmage/get_asynctask_status.dspy';
export const CATALOGS: readonly CatalogId[] = ['t2v', 'i2v', 'r2v'];

/** The answers of §3.13 and §3.14 can be several MiB (images in ioinfo): allow time. */
const READ_TIMEOUT_MS = 60_000;

function isCatalog(value: unknown): value is CatalogId {
  return value === 't2v' || value === 'i2v' || value === 'r2v';
}

/** One state object with only the documented fields, in their types. */
export function decodeTaskState(raw: unknown): TaskState | null {
  if (!isRecord(raw)) return null;
  const state: TaskState = {};
  for (const key of ['taskid', 'status', 'error', 'video', 'type', 'llmusageid'] as const) {
    const text = asString(raw[key]);
    if (text !== null) state[key] = text;
  }
  const usage = parseMaybeJson(raw.usage);
  if (isRecord(usage)) state.usage = usage;
  return state;
}

/** Image data never leaves the platform layer: data URLs become a marker. */
function withoutImageData(input: JsonRecord): JsonRecord {
  const strip = (v: unknown): unknown => (typeof v === 'string' && v.startsWith('data:') ? '[image]' : Array.isArray(v) ? v.map(strip) : v);
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, strip(v)]));
}

/** The rows of either shape: `{tasks: [...]}`, `{tasks: {...}}`, `[{tasks: {...}}]` or `[row]`. */
export function taskRows(data: unknown): unknown[] {
  if (Array.isArray(data)) return data.map((item) => (isRecord(item) && isRecord(item.tasks) ? item.tasks : item));
  if (isRecord(data)) {
    if (Array.isArray(data.tasks)) return data.tasks;
    if (isRecord(data.tasks)) return [data.tasks];
    return [];
  }
  if (data === null || data === undefined) return [];
  throw new AppError('malformed', '任务列表格式无法识别 / Unrecognised task list');
}

/** `listedUnder`: the catalog whose list the row came from (the row's own label is the same or absent). */
export function decodeRemoteTask(raw: unknown, listedUnder?: CatalogId): RemoteTask | null {
  if (!isRecord(raw)) return null;
  const ioinfo = parseMaybeJson(raw.ioinfo);
  const input = isRecord(ioinfo) && isRecord(ioinfo.input) ? ioinfo.input : null;
  const outputs = isRecord(ioinfo) && Array.isArray(ioinfo.output) ? ioinfo.output : null;
  const current = outputs ? decodeTaskState(outputs[outputs.length - 1]) : null;
  const taskid = nonEmptyString(raw.taskid) ?? nonEmptyString(current?.taskid);
  if (!taskid) return null;
  // The last output is the current state; when it and the row disagree, a terminal word wins (§5.4).
  const rowStatus = nonEmptyString(raw.status);
  const outStatus = statusOf(current);
  const status = (outStatus && (isTerminalStatus(outStatus) || !isTerminalStatus(rowStatus)) ? outStatus : rowStatus) ?? 'UNKNOWN';
  const usage = parseMaybeJson(raw.usages ?? raw.usage);
  return {
    taskid,
    transno: nonEmptyString(raw.transno) ?? (input ? nonEmptyString(input.transno) : null),
    llmid: nonEmptyString(raw.llmid) ?? (input ? nonEmptyString(input.llmid) : null),
    listedCatalog: listedUnder ?? (isCatalog(raw.llmcatelogid) ? raw.llmcatelogid : null),
    status,
    terminal: isTerminalStatus(status),
    error: current?.error ?? null,
    video: current?.video ?? null,
    usage: current?.usage ?? (isRecord(usage) ? usage : null),
    useTime: nonEmptyString(raw.use_time),
    useDate: nonEmptyString(raw.use_date),
    amount: toMoney(raw.amount),
    billing: billingState(raw.accounting_status),
    input: input ? withoutImageData(input) : null,
  };
}

/** Merges rows by taskid, then by transno; a terminal row beats a running one of the same task. */
export function mergeTasks(lists: readonly RemoteTask[][]): RemoteTask[] {
  const byTaskid = new Map<string, RemoteTask>();
  // Tasks without a transno are stored under null but never looked up by it.
  const byTransno = new Map<string | null, RemoteTask>();
  for (const task of lists.flat()) {
    const known = byTaskid.get(task.taskid) ?? (task.transno ? byTransno.get(task.transno) : undefined);
    const keep = !known || (task.terminal && !known.terminal) ? task : known;
    // Same taskid: replaced in place (the order stays); matched by transno only: re-keyed.
    if (known && known.taskid !== keep.taskid) byTaskid.delete(known.taskid);
    byTaskid.set(keep.taskid, keep);
    byTransno.set(keep.transno, keep);
  }
  return [...byTaskid.values()];
}

export interface CatalogFailure {
  catalog: CatalogId;
  code: ErrorCode;
  message: string;
}

export interface TodayTasks {
  tasks: RemoteTask[];
  /** Catalogs whose list failed; their tasks must be tracked through §3.14 (§10.1). */
  failed: CatalogFailure[];
}

export async function fetchTodayTasks(http: PlatformHttp, catalogs: readonly CatalogId[] = CATALOGS): Promise<TodayTasks> {
  const lists: RemoteTask[][] = [];
  const failed: CatalogFailure[] = [];
  // One request in flight at a time (§5.2).
  for (const catalog of catalogs) {
    try {
      const { data } = await http.get(TASKS_PATH, { llmcatelogid: catalog }, { timeoutMs: READ_TIMEOUT_MS });
      lists.push(taskRows(data).flatMap((row) => decodeRemoteTask(row, catalog) ?? []));
    } catch (error) {
      // Signed out: every catalog would fail the same way; the caller must see it.
      if (!isAppError(error) || error.code === 'unauthorized') throw error;
      failed.push({ catalog, code: error.code, message: error.message });
    }
  }
  return { tasks: mergeTasks(lists), failed };
}

/** §3.14: the latest state of one task. A 5xx is transient, never a task failure (§10.2). */
export async function fetchTaskStatus(http: PlatformHttp, taskid: string): Promise<TaskState> {
  const { data } = await http.get(TASK_STATUS_PATH, { taskid }, { timeoutMs: READ_TIMEOUT_MS });
  const record = isRecord(data) ? data : {};
  const state = decodeTaskState(record.resposne ?? record.response);
  if (!state || statusOf(state) === null) throw new AppError('malformed', '任务状态格式无法识别 / Unrecognised task status');
  return state;
}
