/**
 * A journal created in place needs its folder fsync'd, or a power cut can lose the file's name
 * with every record in it. A power cut cannot be staged in a unit test, so this watches the
 * folder syncs the store asks the one atomic-file module for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskRecord } from './types';

const synced = vi.hoisted(() => [] as string[]);
vi.mock('../../lib/atomic-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/atomic-file')>();
  return {
    ...real,
    syncFolder: async (folder: string) => {
      synced.push(folder);
      await real.syncFolder(folder);
    },
  };
});

const { FileLedgerStore } = await import('./journal');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-journal-sync-'));
  synced.length = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const rec = (localId: string): TaskRecord =>
  ({ localId, transno: `tx-${localId}`, status: 'pending', modelId: 'm', modelName: 'm', llmid: 'l', catalog: 't2v', prompt: 'p', params: {}, inputImages: [], createdAt: 1, updatedAt: 1, resultUrls: [], hidden: false, origin: 'local' }) as TaskRecord;

describe('FileLedgerStore durability of the journal file itself', () => {
  it('syncs the folder when it creates the journal, and not on later starts', async () => {
    const first = new FileLedgerStore(root);
    await first.load();
    expect(synced).toEqual([root]);
    await first.append([rec('a')]);
    await first.close();
    const second = new FileLedgerStore(root);
    expect((await second.load()).map((r) => r.localId)).toEqual(['a']);
    await second.close();
    expect(synced).toEqual([root]);
  });
});
