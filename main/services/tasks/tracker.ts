/**
 * Task tracking as the app runs it: the durable ledger (opened once the data folder is known),
 * the poller on the platform's lists, its gate (signed in, online, awake) and the event path —
 * every ledger change is published as `task.changed` with the whole TaskView.
 */
import type { SessionState } from '../../../preload/contract';
import type { TaskView } from '../../../preload/contract/models/tasks';
import type { EventBus } from '../../core/bus';
import type { Clock, Logger, SystemEvent, SystemEvents } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { RequestBudget } from '../poll/budget';
import { ConditionGate, type GateCondition } from '../poll/gate';
import { FileLedgerStore } from './journal';
import { TaskLedger } from './ledger';
import { TaskPoller, type PollTimings, type TaskSource } from './poller';
import type { LedgerStore } from './store';
import { toTaskView } from './view';

export interface TrackerDeps {
  /** Where the ledger lives (`<dataDir>/tasks`); tests may give a store instead. */
  dir: string;
  store?: LedgerStore;
  source: TaskSource;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  session: { isSignedIn(): boolean; onChange(listener: (state: SessionState) => void): () => void };
  systemEvents?: SystemEvents;
  timings?: Partial<PollTimings>;
  /** Platform requests a minute (12 by default, §5.2); tests with a fast simulator allow more. */
  requestsPerMinute?: number;
}

/** suspend/resume and offline/online each drive one gate condition. */
const SYSTEM_CONDITIONS: [SystemEvent, GateCondition, boolean][] = [
  ['suspend', 'awake', false],
  ['resume', 'awake', true],
  ['offline', 'online', false],
  ['online', 'online', true],
];

export class TaskTracker {
  readonly gate: ConditionGate;
  private opened: { ledger: TaskLedger; poller: TaskPoller } | null = null;
  private readonly stops: (() => void)[] = [];
  private userId: string | null;

  constructor(private readonly deps: TrackerDeps) {
    this.gate = new ConditionGate({ signedIn: deps.session.isSignedIn() });
    this.userId = null;
    // Followed from the start, not from open(): the session is restored while the ledger loads,
    // and a restore missed here would keep the gate closed until the next sign-in.
    this.stops.push(
      deps.session.onChange((state) => {
        const userId = state.user?.id ?? null;
        const switched = userId !== null && this.userId !== null && userId !== this.userId;
        this.userId = userId;
        this.gate.set('signedIn', userId !== null);
        // Another account while the gate stays open: its tasks are looked up now too.
        if (switched) this.poke();
      }),
    );
  }

  /** Opens the ledger and starts the poller; reconciles at once when signed in. */
  async open(): Promise<void> {
    const { deps } = this;
    const ledger = await TaskLedger.open({ store: deps.store ?? new FileLedgerStore(deps.dir, deps.logger), clock: deps.clock, logger: deps.logger });
    // Unset, the budget keeps its default of 12 a minute.
    const budget = new RequestBudget(deps.clock, deps.requestsPerMinute);
    const poller = new TaskPoller({ ledger, source: deps.source, clock: deps.clock, gate: this.gate, logger: deps.logger, timings: deps.timings, budget });
    this.opened = { ledger, poller };
    this.stops.push(ledger.onChange((changed) => changed.forEach((record) => deps.bus.publish('task.changed', toTaskView(record)))));
    for (const [event, condition, value] of SYSTEM_CONDITIONS) {
      if (deps.systemEvents) this.stops.push(deps.systemEvents.on(event, () => this.gate.set(condition, value)));
    }
    poller.start();
    // Reconciliation at start: tasks finished (or made elsewhere) while the app was closed. While
    // signed out the poller is paused, and signing in makes it look at once anyway.
    this.poke();
  }

  ledger(): TaskLedger {
    if (!this.opened) throw new AppError('internal', '任务记录尚未就绪 / The task ledger is not open yet');
    return this.opened.ledger;
  }

  /** A poll round now (joins one in flight); never throws. While the gate is closed the poller's paused loop asks nothing. */
  poke(): void {
    if (!this.opened) return;
    this.opened.poller.poke().catch((error: unknown) => this.deps.logger.warn('task poll failed', { error: String(error) }));
  }

  list(includeHidden = false): TaskView[] {
    return this.ledger().list({ includeHidden }).map(toTaskView);
  }

  async hide(localId: string): Promise<TaskView> {
    this.require(localId);
    return toTaskView(await this.ledger().hide(localId));
  }

  /** The first result URL of a known task. */
  resultUrl(localId: string): string {
    const url = this.require(localId).resultUrls[0];
    if (!url) throw new AppError('not_found', '这个任务还没有结果 / This task has no result yet');
    return url;
  }

  runningCount(): number {
    return this.opened ? this.opened.ledger.activeCount() : 0;
  }

  async dispose(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    if (!this.opened) return;
    await this.opened.poller.stop();
    await this.opened.ledger.close();
  }

  private require(localId: string) {
    const record = this.ledger().get(localId);
    if (!record) throw new AppError('not_found', '没有这个任务 / No such task');
    return record;
  }
}
