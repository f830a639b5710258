/** The ledger's store in memory, for tests and simulated benches: no disk, same contract. */
import type { LedgerStore } from '../services/tasks/store';
import type { TaskRecord } from '../services/tasks/types';

/** Copies records in and out so no caller shares state with the "disk". */
export class MemoryLedgerStore implements LedgerStore {
  private durable = new Map<string, TaskRecord>();
  journalEntries = 0;
  appends = 0;
  compactions = 0;

  async load(): Promise<TaskRecord[]> {
    return [...this.durable.values()].map((r) => structuredClone(r));
  }

  async append(records: readonly TaskRecord[]): Promise<void> {
    this.appends += 1;
    this.journalEntries += records.length;
    for (const r of records) this.durable.set(r.localId, structuredClone(r));
  }

  async compact(records: readonly TaskRecord[]): Promise<void> {
    this.compactions += 1;
    this.durable = new Map(records.map((r) => [r.localId, structuredClone(r)]));
    this.journalEntries = 0;
  }

  async close(): Promise<void> {}
}
