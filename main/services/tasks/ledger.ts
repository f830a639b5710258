/**
 * The task ledger: every video task this client knows, in memory for lookups and on a durable
 * store for crashes. A task is written (with a fresh transno) before its submit request leaves,
 * and every change is durable before the returned promise resolves. Changes made while a write
 * is under way are committed together (one fsync for the group), so the poller updating many
 * tasks at once costs one disk flush, not one per task.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Logger } from '../../core/ports';
import { isTerminal, mergeStatus } from './status';
import type { LedgerStore } from './store';
import { LOCAL_PENDING, type NewTaskInput, type TaskPatch, type TaskRecord } from './types';

export interface LedgerOptions {
  store: LedgerStore;
  clock: Clock;
  logger?: Logger;
  /** Compact when the journal holds more entries than max(this, half the number of tasks): bounds load time (≤ 1.5 records read per task) at a snapshot write every ≥ 1 000 updates. */
  compactAfter?: number;
}

export type LedgerListener = (changed: readonly TaskRecord[]) => void;

export interface LedgerChange {
  localId: string;
  patch: TaskPatch;
}

interface Waiting {
  records: TaskRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** 21 URL-safe characters, like the platform's own ids. */
export function newTransno(): string {
  return randomBytes(16).toString('base64url').slice(0, 21);
}

/** What an adopted task is made of: everything the platform's row tells, no local identity yet. */
export type AdoptedFields = Omit<TaskRecord, 'localId' | 'origin' | 'hidden' | 'updatedAt'>;

export class TaskLedger {
  private readonly records = new Map<string, TaskRecord>();
  private readonly byTask = new Map<string, string>();
  private readonly byTrans = new Map<string, string>();
  /** localIds of tasks not finished yet, kept by index(): the badge asks for the count on every change, and a scan of 10 000 records per change made adopting them quadratic. */
  private readonly running = new Set<string>();
  private readonly listeners = new Set<LedgerListener>();
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  private constructor(private readonly options: LedgerOptions) {}

  static async open(options: LedgerOptions): Promise<TaskLedger> {
    const ledger = new TaskLedger(options);
    for (const record of await options.store.load()) ledger.index(record);
    return ledger;
  }

  get size(): number {
    return this.records.size;
  }

  get(localId: string): TaskRecord | undefined {
    return this.records.get(localId);
  }

  byTaskId(taskid: string): TaskRecord | undefined {
    const id = this.byTask.get(taskid);
    return id === undefined ? undefined : this.records.get(id);
  }

  byTransno(transno: string): TaskRecord | undefined {
    const id = this.byTrans.get(transno);
    return id === undefined ? undefined : this.records.get(id);
  }

  /** Newest first; hidden (locally deleted) tasks only on request. */
  list(options: { includeHidden?: boolean } = {}): TaskRecord[] {
    const all = [...this.records.values()].filter((r) => options.includeHidden || !r.hidden);
    return all.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Tasks with no terminal status yet, hidden ones included: hiding does not stop tracking. */
  active(): TaskRecord[] {
    return [...this.running].map((id) => this.records.get(id)!);
  }

  /** How many tasks `active()` would answer, without building the list. */
  activeCount(): number {
    return this.running.size;
  }

  /** Called with the changed records once they are durable; read `list()` for a full snapshot. */
  onChange(listener: LedgerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes a task ahead of its submit request; resolves once it is durable, with its transno. */
  async createPending(input: NewTaskInput): Promise<TaskRecord> {
    const now = this.options.clock.now();
    const record: TaskRecord = {
      ...input,
      params: { ...input.params },
      inputImages: [...(input.inputImages ?? [])],
      localId: randomUUID(),
      transno: newTransno(),
      status: LOCAL_PENDING,
      createdAt: now,
      updatedAt: now,
      resultUrls: [],
      hidden: false,
      origin: 'local',
    };
    return (await this.commit([record]))[0];
  }

  /** Records a task the platform made without this client (found in today's list). */
  async adopt(fields: AdoptedFields): Promise<TaskRecord> {
    return (await this.adoptMany([fields]))[0];
  }

  /**
   * Records many such tasks in ONE commit (one journal write, one listener call): a first sign-in
   * may find thousands, and one commit each made adoption grow with the square of the count.
   * Tasks already known are answered as they are.
   */
  async adoptMany(list: readonly AdoptedFields[]): Promise<TaskRecord[]> {
    const now = this.options.clock.now();
    const fresh: TaskRecord[] = [];
    const seen = new Map<string, TaskRecord>();
    const answers = list.map((fields) => {
      const known = (fields.taskid && this.byTaskId(fields.taskid)) || this.byTransno(fields.transno) || seen.get(fields.transno);
      if (known) return known;
      const record: TaskRecord = { ...fields, localId: randomUUID(), origin: 'adopted', hidden: false, updatedAt: now };
      seen.set(record.transno, record);
      fresh.push(record);
      return record;
    });
    // commit() answers the very objects it was given, so `answers` already holds the committed records.
    if (fresh.length > 0) await this.commit(fresh);
    return answers;
  }

  /** The taskid arrived (stream or reconciliation): written at once. */
  recordTaskId(localId: string, taskid: string): Promise<TaskRecord> {
    const current = this.require(localId);
    return this.update(localId, { taskid, submittedAt: current.submittedAt ?? this.options.clock.now() });
  }

  /** Local delete: the record stays (and is still tracked), the UI stops showing it. */
  hide(localId: string): Promise<TaskRecord> {
    return this.update(localId, { hidden: true });
  }

  async update(localId: string, patch: TaskPatch): Promise<TaskRecord> {
    return (await this.updateMany([{ localId, patch }]))[0];
  }

  /** Several changes, committed together. */
  async updateMany(changes: readonly LedgerChange[]): Promise<TaskRecord[]> {
    const now = this.options.clock.now();
    const next = changes.map(({ localId, patch }) => applyPatch(this.require(localId), patch, now));
    return this.commit(next);
  }

  /** Waits for every change so far to be durable. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.options.store.close();
  }

  private require(localId: string): TaskRecord {
    const record = this.records.get(localId);
    if (!record) throw new Error(`unknown task ${localId}`);
    return record;
  }

  private index(record: TaskRecord): void {
    this.records.set(record.localId, record);
    this.byTrans.set(record.transno, record.localId);
    if (record.taskid) this.byTask.set(record.taskid, record.localId);
    if (isTerminal(record.status)) this.running.delete(record.localId);
    else this.running.add(record.localId);
  }

  /**
   * Applies in memory at once (lookups see it), resolves when durable, then tells listeners. If
   * the disk refuses, the caller gets the error (a submit must then not be sent) while memory
   * keeps the change: the next successful append of that record makes it durable.
   */
  private async commit(records: TaskRecord[]): Promise<TaskRecord[]> {
    for (const record of records) this.index(record);
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ records, resolve, reject });
      this.flushing ??= this.drainQueue().finally(() => (this.flushing = null));
    });
    for (const listener of [...this.listeners]) listener(records);
    return records;
  }

  private async drainQueue(): Promise<void> {
    const { store, logger } = this.options;
    while (this.waiting.length > 0) {
      const group = this.waiting;
      this.waiting = [];
      try {
        await store.append(group.flatMap((w) => w.records));
        for (const w of group) w.resolve();
      } catch (error) {
        // Stryker disable next-line StringLiteral: log wording (tests assert the logged fields, not the sentence)
        logger?.error('task ledger: write failed', { error: String(error) });
        for (const w of group) w.reject(error);
      }
      if (store.journalEntries > Math.max(this.options.compactAfter ?? 1_000, this.records.size / 2)) {
        try {
          await store.compact([...this.records.values()]);
        } catch (error) {
          // The journal still holds everything; compaction is retried after the next append.
          // Stryker disable next-line StringLiteral: log wording (tests assert the logged fields, not the sentence)
          logger?.warn('task ledger: compaction failed', { error: String(error) });
        }
      }
    }
  }
}

/** A new record with `patch` applied; a terminal status is never downgraded, nor its outcome fields rewritten by a refused downgrade. */
function applyPatch(current: TaskRecord, patch: TaskPatch, now: number): TaskRecord {
  const next: TaskRecord = { ...current, ...patch, updatedAt: now };
  if (patch.status !== undefined) {
    next.status = mergeStatus(current.status, patch.status);
    if (next.status !== patch.status) {
      next.failureKind = current.failureKind;
      next.error = current.error;
      next.finishedAt = current.finishedAt;
    }
  }
  if (isTerminal(next.status) && !isTerminal(current.status)) next.finishedAt ??= now;
  return next;
}
