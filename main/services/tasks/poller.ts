/**
 * The task poller (platform-api.md §5.2, corrected by §10.2). Each tick reads today's lists of
 * the three catalogs (3 requests) and folds them into the ledger; then it nudges §3.14 for at
 * most two tasks the lists did not cover or that have not changed for 10 minutes, each task at
 * most once per 5 minutes. Every request is paid from a sliding budget of 12 per minute, so the
 * rate never grows with the number of tasks. Runs on the PollScheduler: one tick in flight,
 * backoff on errors, idle when nothing is active, paused while the gate is closed.
 */
import type { Clock, Logger } from '../../core/ports';
import { RequestBudget } from '../poll/budget';
import type { PollGate } from '../poll/gate';
import { PollScheduler } from '../poll/scheduler';
import type { TaskLedger } from './ledger';
import { reconcileRows, remotePatch } from './reconcile';
import { isNotExist, isTerminal } from './status';
import type { RemoteTask, TaskPatch, TaskRecord } from './types';

/** What the platform client provides. Implementations make their requests one after another, never in parallel. */
export interface TaskSource {
  /** §3.13 for t2v, i2v and r2v (3 requests), rows merged; a catalog answering 5xx is named in failedCatalogs. Rejects on transport errors and 401. */
  listToday(): Promise<{ rows: RemoteTask[]; failedCatalogs: string[] }>;
  /** §3.14 for one task (1 request). A 5xx rejects: transient, never a task failure. */
  status(taskid: string): Promise<RemoteTask>;
}

export interface PollTimings {
  /** From tick start to tick start while a task younger than a day runs. 20 s: 3 list calls × 3 ticks = 9 of the 12 requests a minute, 3 left for nudges; never under ~15 s (§10.2). */
  runningMs: number;
  /** Between ticks when every active task is over a day old (§5.3). */
  longRunningMs: number;
  /** A task is nudged at most this often (§10.2). */
  nudgeEveryMs: number;
  /** A covered task with no change for this long is nudged too (§10.2). */
  stallMs: number;
  /** "not exist" is not final during this grace after the taskid arrived (§3.14). */
  notExistGraceMs: number;
  maxNudgesPerTick: number;
  /** §3.14 calls a minute at most: what the lists leave of the budget at `runningMs`. */
  nudgesPerMinute: number;
  /** A success is charged seconds later (§5.6): the lists are read this long after it for the charge. */
  chargeWatchMs: number;
}

export const DEFAULT_TIMINGS: PollTimings = {
  runningMs: 20_000,
  longRunningMs: 5 * 60_000,
  nudgeEveryMs: 5 * 60_000,
  stallMs: 10 * 60_000,
  notExistGraceMs: 2 * 60_000,
  maxNudgesPerTick: 2,
  nudgesPerMinute: 3,
  chargeWatchMs: 10 * 60_000,
};

export const LIST_REQUESTS = 3;
const DAY_MS = 24 * 60 * 60_000;

export interface PollerOptions {
  ledger: TaskLedger;
  source: TaskSource;
  clock: Clock;
  gate: PollGate;
  logger?: Logger;
  /** Every platform request, lists and nudges: 12 a minute by default. */
  budget?: RequestBudget;
  timings?: Partial<PollTimings>;
  random?: () => number;
}

export class TaskPoller {
  readonly scheduler: PollScheduler;
  readonly budget: RequestBudget;
  /** Nudges have their own share, so they can never starve the lists (the regular tick). */
  private readonly nudgeBudget: RequestBudget;
  private readonly timings: PollTimings;
  private tickStartedAt = 0;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: PollerOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.budget = options.budget ?? new RequestBudget(options.clock);
    this.nudgeBudget = new RequestBudget(options.clock, this.timings.nudgesPerMinute);
    this.scheduler = new PollScheduler({
      clock: options.clock,
      run: () => this.tick(),
      cadence: () => this.nextDelay(),
      random: options.random,
      // Stryker disable next-line StringLiteral: log wording (tests assert the logged fields, not the sentence)
      onError: (error) => options.logger?.warn('task poll failed', { error: String(error) }),
    });
  }

  /** Starts following the gate and the ledger; polls at once if anything is active. */
  start(): void {
    const { gate, ledger } = this.options;
    if (!gate.open) this.scheduler.pause();
    this.unsubscribe.push(
      gate.subscribe((open) => {
        if (!open) return this.scheduler.pause();
        // Wake, coming online, sign-in: look at once, even when idle (tasks may have been made elsewhere).
        this.scheduler.resume();
        void this.scheduler.runNow();
      }),
      ledger.onChange((changed) => {
        if (changed.some((r) => (r.taskid && !isTerminal(r.status)) || this.awaitsCharge(r))) this.scheduler.start();
      }),
    );
    if (ledger.active().length > 0 || this.awaitingCharge()) this.scheduler.start();
  }

  /** Look now (a stream ended without a final state, the user asked): joins a tick in flight. */
  poke(): Promise<void> {
    return this.scheduler.runNow();
  }

  /** Quit: stop following, wait for the tick in flight. */
  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.scheduler.drain();
  }

  /** SUCCEEDED recently and not charged yet: only the lists will tell the amount (§5.6). */
  private awaitsCharge(record: TaskRecord): boolean {
    if (record.status !== 'SUCCEEDED' || record.billing === 'accounted' || record.billing === 'failed') return false;
    return this.options.clock.now() - (record.finishedAt ?? record.updatedAt) < this.timings.chargeWatchMs;
  }

  private awaitingCharge(): boolean {
    return this.options.ledger.list({ includeHidden: true }).some((r) => this.awaitsCharge(r));
  }

  private nextDelay(): number | null {
    const active = this.options.ledger.active();
    if (active.length === 0 && !this.awaitingCharge()) return null;
    const now = this.options.clock.now();
    const young = active.length === 0 || active.some((r) => now - (r.submittedAt ?? r.createdAt) < DAY_MS);
    const cadence = young ? this.timings.runningMs : this.timings.longRunningMs;
    // Measured from the start of the last tick, so slow replies do not stretch the period.
    const sinceStart = now - this.tickStartedAt;
    return Math.max(cadence - sinceStart, this.budget.msUntil(LIST_REQUESTS), 0);
  }

  private async tick(): Promise<void> {
    const { ledger, source, clock, gate } = this.options;
    // Set before the gate check: a tick skipped for a closed gate (a poke before start()) must
    // still count as a tick, or the next delay is measured from 1970 and the loop spins at 0 ms.
    this.tickStartedAt = clock.now();
    if (!gate.open) return;
    let covered = new Set<string>();
    if (this.budget.take(LIST_REQUESTS)) {
      const { rows, failedCatalogs } = await source.listToday();
      // Stryker disable next-line StringLiteral: log wording (tests assert the logged fields, not the sentence)
      if (failedCatalogs.length > 0) this.options.logger?.warn('task list: catalogs failed', { failedCatalogs });
      covered = (await reconcileRows(ledger, rows, clock.now())).covered;
    }
    await this.expireUnfoundPending();
    await this.nudge(covered);
  }

  /** A write-ahead entry whose transno no list showed within a day: its request most likely never arrived. */
  private async expireUnfoundPending(): Promise<void> {
    const now = this.options.clock.now();
    const stale = this.options.ledger.active().filter((r) => !r.taskid && now - r.createdAt >= DAY_MS);
    if (stale.length === 0) return;
    const patch: TaskPatch = { status: 'UNKNOWN', failureKind: 'lost_track', error: 'not found on the platform by transno within a day' };
    await this.options.ledger.updateMany(stale.map((r) => ({ localId: r.localId, patch })));
  }

  /** Tasks due a §3.14 call, least recently nudged first so every task gets its turn. */
  private nudgeCandidates(covered: Set<string>): TaskRecord[] {
    const now = this.options.clock.now();
    const t = this.timings;
    return this.options.ledger
      .active()
      .filter((r) => r.taskid !== undefined)
      .filter((r) => r.lastNudgeAt === undefined || now - r.lastNudgeAt >= t.nudgeEveryMs)
      .filter((r) => !covered.has(r.localId) || now - (r.lastRemoteChangeAt ?? r.submittedAt ?? r.createdAt) >= t.stallMs)
      .sort((a, b) => (a.lastNudgeAt ?? 0) - (b.lastNudgeAt ?? 0) || a.createdAt - b.createdAt);
  }

  private async nudge(covered: Set<string>): Promise<void> {
    const candidates = this.nudgeCandidates(covered).slice(0, this.timings.maxNudgesPerTick);
    for (const record of candidates) {
      if (this.nudgeBudget.available() < 1 || !this.budget.take(1)) return;
      this.nudgeBudget.take(1);
      const patch: TaskPatch = { lastNudgeAt: this.options.clock.now() };
      try {
        const remote = await this.options.source.status(record.taskid!);
        Object.assign(patch, this.statusPatch(this.options.ledger.get(record.localId) ?? record, remote));
      } catch (error) {
        // 5xx (or any failure) here is transient: the task stays as it is (§10.2).
        // Stryker disable next-line StringLiteral: log wording (tests assert the logged fields, not the sentence)
        this.options.logger?.warn('task status failed', { taskid: record.taskid, error: String(error) });
      }
      await this.options.ledger.update(record.localId, patch);
    }
  }

  /** A §3.14 answer as a patch; "not exist" counts only for a young task that never showed a state, after the grace. */
  private statusPatch(record: TaskRecord, remote: RemoteTask): TaskPatch | null {
    const now = this.options.clock.now();
    if (!isNotExist(remote.status, remote.error)) return remotePatch(record, remote, now);
    const sinceTaskId = now - (record.submittedAt ?? record.createdAt);
    const final = record.lastRemoteChangeAt === undefined && now - record.createdAt < DAY_MS && sinceTaskId >= this.timings.notExistGraceMs;
    return final ? { status: 'FAILED', failureKind: 'lost_track', error: remote.error } : null;
  }
}
