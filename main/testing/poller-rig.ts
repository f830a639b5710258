/** A TaskPoller on the fake clock with a memory ledger, a fake platform and an open gate: the poller tests' shared set-up. */
import { ConditionGate } from '../services/poll/gate';
import { TaskLedger } from '../services/tasks/ledger';
import { TaskPoller, type PollTimings } from '../services/tasks/poller';
import type { LedgerStore } from '../services/tasks/store';
import type { TaskRecord } from '../services/tasks/types';
import { FakeClock } from './fake-clock';
import { FakeTaskSource } from './fake-task-source';
import { MemoryLedgerStore } from './memory-ledger-store';

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
export const NEW_TASK = { modelId: 'm', modelName: 'viduq3', llmid: 'l', catalog: 't2v' as const, prompt: 'p', params: {} };

/** A record as a ledger store would hand it back on load (written by this or an older version). */
export function storedRecord(localId: string, fields: Partial<TaskRecord> & { createdAt: number }): TaskRecord {
  return {
    ...NEW_TASK,
    localId,
    transno: `tx-${localId}`,
    origin: 'local',
    hidden: false,
    inputImages: [],
    status: 'pending',
    resultUrls: [],
    updatedAt: fields.createdAt,
    ...fields,
  };
}

export interface PollerRigOptions {
  signedIn?: boolean;
  timings?: Partial<PollTimings>;
  store?: LedgerStore;
  clock?: FakeClock;
}

export async function pollerRig(options: PollerRigOptions = {}) {
  const clock = options.clock ?? new FakeClock();
  const ledger = await TaskLedger.open({ store: options.store ?? new MemoryLedgerStore(), clock });
  const source = new FakeTaskSource(clock);
  const gate = new ConditionGate({ signedIn: options.signedIn ?? true });
  const poller = new TaskPoller({ ledger, source, clock, gate, random: () => 0.9999999, timings: options.timings });
  /** A submitted task (the platform knows it unless `remote` is false), as the stream would leave it. */
  const submit = async (taskid: string, remote = true) => {
    const r = await ledger.createPending(NEW_TASK);
    if (remote) source.put({ taskid, transno: r.transno });
    return ledger.recordTaskId(r.localId, taskid);
  };
  return { clock, ledger, source, gate, poller, submit };
}
