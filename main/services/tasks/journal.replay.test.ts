/**
 * What FileLedgerStore.load() takes from files it finds (written by hand here, as a crash or an
 * outside hand leaves them): which journal lines override the snapshot, which lines are not
 * records, and that a clean journal costs one parse (the 10 000-task cold-load budget).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileLedgerStore, JOURNAL_FILE, SNAPSHOT_FILE } from './journal';
import type { TaskRecord } from './types';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-replay-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const rec = (localId: string, status = 'pending'): TaskRecord =>
  ({ localId, transno: `tx-${localId}`, status, modelId: 'm', modelName: 'm', llmid: 'l', catalog: 't2v', prompt: 'p', params: {}, inputImages: [], createdAt: 1, updatedAt: 1, resultUrls: [], hidden: false, origin: 'local' }) as TaskRecord;

const line = (seq: unknown, r: unknown) => `${JSON.stringify({ seq, rec: r })}\n`;

function capture() {
  const lines: { level: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (_message: string, fields?: Record<string, unknown>) => void lines.push({ level, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

async function loadStatuses(store: FileLedgerStore): Promise<Map<string, string>> {
  return new Map((await store.load()).map((r) => [r.localId, r.status]));
}

const journalSeqs = (): unknown[] =>
  readFileSync(join(root, JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { seq?: unknown } | null)?.seq);

describe('FileLedgerStore.load', () => {
  it('keeps the snapshot over journal lines at or before its sequence number (a compaction cut short by a crash)', async () => {
    // The snapshot was written at seq 3; the journal it replaced was never emptied.
    writeFileSync(join(root, SNAPSHOT_FILE), JSON.stringify({ version: 1, seq: 3, records: [rec('a', 'SUCCEEDED'), rec('b', 'processing')] }));
    writeFileSync(join(root, JOURNAL_FILE), line(2, rec('b', 'queueing')) + line(3, rec('a', 'processing')) + line(4, rec('b', 'FAILED')));
    const store = new FileLedgerStore(root);
    expect(await loadStatuses(store)).toEqual(new Map([['a', 'SUCCEEDED'], ['b', 'FAILED']]));
    // Numbering goes on after the highest line seen, so the next snapshot never hides a newer line.
    await store.append([rec('c')]);
    await store.close();
    expect(journalSeqs()).toEqual([2, 3, 4, 5]);
  });

  it('numbers on from the snapshot when the journal is empty', async () => {
    writeFileSync(join(root, SNAPSHOT_FILE), JSON.stringify({ version: 1, seq: 7, records: [rec('a')] }));
    const store = new FileLedgerStore(root);
    expect(await loadStatuses(store)).toEqual(new Map([['a', 'pending']]));
    expect(store.journalEntries).toBe(0);
    await store.append([rec('a', 'processing')]);
    await store.close();
    expect(journalSeqs()).toEqual([8]);
  });

  it('skips well-formed lines that are not task records, counts them, and keeps numbering intact', async () => {
    const { lines, logger } = capture();
    writeFileSync(
      join(root, JOURNAL_FILE),
      line(1, rec('a')) +
        line(2, { localId: 'no-transno' }) +
        line('3', rec('string-seq')) +
        `${JSON.stringify({ rec: rec('no-seq') })}\n` +
        line(4, { transno: 'no-local-id' }) +
        line(5, null) +
        'null\n' +
        line(6, rec('b')),
    );
    const store = new FileLedgerStore(root, logger);
    expect(await loadStatuses(store)).toEqual(new Map([['a', 'pending'], ['b', 'pending']]));
    expect(store.journalEntries).toBe(2);
    expect(lines).toEqual([{ level: 'warn', fields: { count: 6 } }]);
    await store.append([rec('c')]);
    await store.close();
    expect(journalSeqs().at(-1)).toBe(7);
  });

  it('loads a clean journal without a warning and reads it with one parse (cold start with 10 000 tasks)', async () => {
    const { lines, logger } = capture();
    writeFileSync(join(root, JOURNAL_FILE), Array.from({ length: 50 }, (_, i) => line(i + 1, rec(`t${i}`))).join(''));
    const parse = vi.spyOn(JSON, 'parse');
    const store = new FileLedgerStore(root, logger);
    expect((await store.load()).map((r) => r.localId)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    expect(parse).toHaveBeenCalledTimes(1);
    expect(store.journalEntries).toBe(50);
    await store.close();
    expect(lines).toEqual([]);
  });

  it('close() is harmless before load() and twice, and nothing is appended after it', async () => {
    await new FileLedgerStore(root).close();
    const store = new FileLedgerStore(root);
    await store.load();
    await store.append([rec('a')]);
    await store.close();
    await store.close();
    await expect(store.append([rec('b')])).rejects.toThrow('not open');
    expect(journalSeqs()).toEqual([1]);
  });
});
