/** Where the ledger keeps its records durably: a port, so the ledger logic runs on a memory store in tests. */
import type { TaskRecord } from './types';

export interface LedgerStore {
  /** Every record as last written (one per localId). */
  load(): Promise<TaskRecord[]>;
  /** Writes full copies of these records durably (fsync'd) before resolving. */
  append(records: readonly TaskRecord[]): Promise<void>;
  /** Replaces the durable state with exactly `records` and starts an empty journal. */
  compact(records: readonly TaskRecord[]): Promise<void>;
  /** Entries appended since the last compaction (the ledger compacts when this grows). */
  readonly journalEntries: number;
  close(): Promise<void>;
}

/** A store in memory, for tests and simulated benches; copies records so no caller shares state with it. */
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
