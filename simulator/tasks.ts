/** Video task lifecycle: created → processing → SUCCEEDED on timers, then billing (§5.6). */
import { priceUsage } from './pricing.ts';
import type { CatalogId, ModelRec, SimState, TaskState, Usage, UsageRec, UserRec } from './state.ts';
import type { SetTaskArgs, TaskOutcome, TaskStatus, TaskSummary } from './types.ts';
import { newId, newTaskId, round2, serverDate, serverTime, type Timers } from './util.ts';

export interface TaskTimings {
  processingAfterMs: number;
  succeedAfterMs: number;
  billingDelayMs: number;
  /** 0…1: each task's processing and end times are scaled by their own factor in [1 − jitter, 1 + jitter] (real runs vary). */
  jitter: number;
}

export interface TaskDeps {
  state: SimState;
  timers: Timers;
  timings: TaskTimings;
  videoUrl(taskid: string): string;
  /** How a task ends on its own timer (the `taskOutcome` switch, read when it ends). */
  outcome?: () => TaskOutcome;
  /** Draws the jitter factors (seeded by a bench for repeatable runs). */
  random?: () => number;
}

type Listener = (state: TaskState) => void;

export const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'UNKNOWN']);

/** §10.3 kind 2: the vendor's own reason (moderation). */
export const VENDOR_FAILURE_ERROR = 'ERROR:vendor task failed: 内容审核未通过';
/** §10.3 kind 3: the server's own poller failed; the vendor may still have made the video. */
export const LOST_TRACK_ERROR = 'None, Timeout on reading data from socket (ClientConnectorError)';

export class TaskEngine {
  private readonly deps: TaskDeps;
  private readonly pending = new Map<string, unknown[]>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(deps: TaskDeps) {
    this.deps = deps;
  }

  submit(user: UserRec, model: ModelRec, catalog: CatalogId, input: Record<string, unknown>, usage: Usage): UsageRec {
    const now = this.deps.timers.now();
    const taskid = newTaskId();
    const rec: UsageRec = {
      id: newId(), llmid: model.id, llmcatelogid: catalog, name: model.name, model: model.model, taskid,
      status: 'created', use_date: serverDate(now), use_time: serverTime(now), userid: user.id, userorgid: user.orgid,
      ownerid: model.ownerid, transno: String(input['transno']), responsed_seconds: round2(0.8 + Math.random() * 2),
      finish_seconds: null, usage, amount: null, cost: null, accounting_status: 'created', input,
      outputs: [{ taskid, status: 'created' }], submittedAt: now,
    };
    this.deps.state.addRecord(rec);
    const { jitter } = this.deps.timings;
    const spread = (ms: number) => (jitter > 0 ? Math.round(ms * (1 + jitter * (2 * (this.deps.random ?? Math.random)() - 1))) : ms);
    const processingAfterMs = spread(this.deps.timings.processingAfterMs);
    const succeedAfterMs = spread(this.deps.timings.succeedAfterMs);
    const timers: unknown[] = [];
    if (processingAfterMs < succeedAfterMs) {
      timers.push(this.deps.timers.after(processingAfterMs, () => this.push(rec, { taskid, status: 'processing' })));
    }
    timers.push(this.deps.timers.after(succeedAfterMs, () => this.endOnTimer(rec)));
    this.pending.set(taskid, timers);
    return rec;
  }

  /** Notifies `fn` of every later state change of the task; returns the unsubscribe function. */
  subscribe(taskid: string, fn: Listener): () => void {
    let set = this.listeners.get(taskid);
    if (!set) {
      set = new Set();
      this.listeners.set(taskid, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /** Control: end a task now (SUCCEEDED is billed after the billing delay). */
  finish(taskid: string, status: TaskStatus, error?: string): TaskSummary {
    const rec = this.deps.state.task(taskid);
    if (!rec) throw new Error(`no task ${taskid}`);
    if (TERMINAL.has(rec.status)) throw new Error(`task ${taskid} is already ${rec.status}`);
    this.complete(rec, status, error);
    return summarize(rec);
  }

  /** Control: reshape one task for a test (status, age, billing state, archive flag). */
  set(args: SetTaskArgs): TaskSummary {
    const rec = this.deps.state.task(args.taskid);
    if (!rec) throw new Error(`no task ${args.taskid}`);
    if (args.ageMs !== undefined) {
      if (!Number.isFinite(args.ageMs) || args.ageMs < 0) throw new Error('ageMs must be a number ≥ 0');
      rec.submittedAt = this.deps.timers.now() - args.ageMs;
      rec.use_time = serverTime(rec.submittedAt);
      rec.use_date = serverDate(rec.submittedAt);
    }
    if (args.status !== undefined) {
      if (TERMINAL.has(args.status)) this.complete(rec, args.status as TaskStatus, args.error);
      else this.push(rec, { taskid: rec.taskid, status: args.status });
    }
    if (args.accountingStatus !== undefined) rec.accounting_status = args.accountingStatus;
    if (args.archived !== undefined) rec.archived = args.archived;
    return summarize(rec);
  }

  /** The daily archive job (§10.2): succeeded tasks leave the live table. */
  archiveSucceeded(): number {
    let count = 0;
    for (const rec of this.deps.state.allTasks()) {
      if (rec.status === 'SUCCEEDED' && !rec.archived) {
        rec.archived = true;
        count += 1;
      }
    }
    return count;
  }

  private endOnTimer(rec: UsageRec): void {
    const outcome = this.deps.outcome?.() ?? 'succeed';
    if (outcome === 'moderation') return this.complete(rec, 'FAILED');
    if (outcome === 'lostTrack') return this.complete(rec, 'FAILED', LOST_TRACK_ERROR);
    if (outcome === 'unknown') return this.complete(rec, 'UNKNOWN');
    if (outcome === 'billingFailed') rec.billingWillFail = true;
    this.complete(rec, 'SUCCEEDED');
  }

  private complete(rec: UsageRec, status: TaskStatus, failure?: string): void {
    for (const t of this.pending.get(rec.taskid) ?? []) this.deps.timers.cancel(t);
    this.pending.delete(rec.taskid);
    const taskid = rec.taskid;
    rec.finish_seconds = round2((this.deps.timers.now() - rec.submittedAt) / 1000);
    if (status === 'SUCCEEDED') {
      const usage = rec.usage ?? { duration: 5, SR: 1080 };
      this.push(rec, { taskid, status, video: this.deps.videoUrl(taskid), usage, type: 'video' });
      this.deps.timers.after(this.deps.timings.billingDelayMs, () => this.bill(rec));
    } else {
      rec.usage = null;
      const error = status === 'FAILED' ? (failure ?? VENDOR_FAILURE_ERROR) : undefined;
      this.push(rec, error ? { taskid, status, error } : { taskid, status });
    }
  }

  private push(rec: UsageRec, state: TaskState): void {
    rec.outputs.push(state);
    rec.status = state.status;
    for (const fn of [...(this.listeners.get(rec.taskid) ?? [])]) fn(state);
    if (TERMINAL.has(state.status)) this.listeners.delete(rec.taskid);
  }

  private bill(rec: UsageRec): void {
    const priced = priceUsage(rec.usage);
    if (!priced.ok || rec.billingWillFail) {
      rec.accounting_status = 'failed';
      return;
    }
    const org = this.deps.state.orgs.get(rec.userorgid);
    if (org) org.balance = round2(org.balance - priced.price);
    rec.amount = priced.price;
    rec.cost = priced.cost;
    rec.accounting_status = 'accounted';
  }
}

export function summarize(rec: UsageRec): TaskSummary {
  return {
    taskid: rec.taskid, llmid: rec.llmid, catalog: rec.llmcatelogid, userId: rec.userid, status: rec.status,
    amount: rec.amount, accountingStatus: rec.accounting_status, transno: rec.transno, archived: rec.archived === true,
  };
}
