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
