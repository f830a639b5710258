/** FileLedgerStore on a real temp folder: damage from outside, permissions, sequence numbers. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLedgerStore, JOURNAL_FILE, SNAPSHOT_FILE } from './journal';
import type { TaskRecord } from './types';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-journal-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const rec = (localId: string, status = 'pending'): TaskRecord =>
  ({ localId, transno: `tx-${localId}`, status, modelId: 'm', modelName: 'm', llmid: 'l', catalog: 't2v', prompt: 'p', params: {}, inputImages: [], createdAt: 1, updatedAt: 1, resultUrls: [], hidden: false, origin: 'local' }) as TaskRecord;

function capture() {
  const lines: { level: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (_message: string, fields?: Record<string, unknown>) => void lines.push({ level, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

const seqs = (dir: string): number[] =>
  readFileSync(join(dir, JOURNAL_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { seq: number }).seq);

describe('FileLedgerStore', () => {
  it('creates its folder private to the user (prompts are personal) and a journal only the user reads', async () => {
    const dir = join(root, 'nested', 'tasks');
    const store = new FileLedgerStore(dir);
    expect(await store.load()).toEqual([]);
    await store.append([rec('a')]);
    await store.close();
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, JOURNAL_FILE)).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses to append before load()', async () => {
    await expect(new FileLedgerStore(root).append([rec('a')])).rejects.toThrow('not open');
  });

  it('keeps numbering after a restart, so a later snapshot never hides newer lines', async () => {
    const first = new FileLedgerStore(root);
    await first.load();
    await first.append([rec('a'), rec('b')]);
    await first.close();
    const second = new FileLedgerStore(root);
    expect((await second.load()).map((r) => r.localId).sort()).toEqual(['a', 'b']);
    expect(second.journalEntries).toBe(2);
    await second.append([rec('a', 'processing')]);
    expect(seqs(root)).toEqual([1, 2, 3]);
    await second.compact([rec('a', 'processing'), rec('b')]);
    expect(second.journalEntries).toBe(0);
    expect(JSON.parse(readFileSync(join(root, SNAPSHOT_FILE), 'utf8'))).toMatchObject({ version: 1, seq: 3 });
    await second.append([rec('b', 'queueing')]);
    await second.close();
    expect(seqs(root)).toEqual([4]);
    const third = new FileLedgerStore(root);
    const loaded = new Map((await third.load()).map((r) => [r.localId, r.status]));
    expect(loaded).toEqual(new Map([['a', 'processing'], ['b', 'queueing']]));
    await third.close();
  });

  it('sets an unreadable snapshot aside (kept for support), says so, and still replays the journal', async () => {
    const { lines, logger } = capture();
    const store = new FileLedgerStore(root, logger);
    await store.load();
    await store.append([rec('a')]);
    await store.close();
    writeFileSync(join(root, SNAPSHOT_FILE), '{"version":1,"seq":');
    const again = new FileLedgerStore(root, logger);
    expect((await again.load()).map((r) => r.localId)).toEqual(['a']);
    await again.close();
    const aside = readdirSync(root).filter((name) => name.startsWith(`${SNAPSHOT_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(root, aside[0]), 'utf8')).toBe('{"version":1,"seq":');
    expect(lines).toEqual([{ level: 'error', fields: { file: join(root, aside[0]) } }]);
  });

  it('without a logger, still sets an unreadable snapshot aside and replays the journal', async () => {
    const store = new FileLedgerStore(root);
    await store.load();
    await store.append([rec('a')]);
    await store.close();
    writeFileSync(join(root, SNAPSHOT_FILE), 'not json');
    const again = new FileLedgerStore(root);
    expect((await again.load()).map((r) => r.localId)).toEqual(['a']);
    await again.close();
    expect(readdirSync(root).filter((name) => name.startsWith(`${SNAPSHOT_FILE}.corrupt-`))).toHaveLength(1);
  });

  it('skips snapshot entries that are not task records', async () => {
    writeFileSync(join(root, SNAPSHOT_FILE), JSON.stringify({ version: 1, seq: 0, records: [rec('a'), { localId: 'no-transno' }, null, { transno: 'x' }] }));
    const store = new FileLedgerStore(root);
    expect((await store.load()).map((r) => r.localId)).toEqual(['a']);
    await store.close();
  });

  it('reports how much of a torn tail it cut and how many garbled lines it skipped', async () => {
    const { lines, logger } = capture();
    const store = new FileLedgerStore(root, logger);
    await store.load();
    await store.append([rec('a')]);
    await store.close();
    appendFileSync(join(root, JOURNAL_FILE), 'garbled\n\n{"seq":9,"rec":{"localId":"z"}}\n{"seq":2,"rec":{"loc');
    const again = new FileLedgerStore(root, logger);
    expect((await again.load()).map((r) => r.localId)).toEqual(['a']);
    expect(again.journalEntries).toBe(1);
    await again.close();
    expect(lines).toEqual([
      { level: 'warn', fields: { count: 3 } },
      { level: 'warn', fields: { bytes: '{"seq":2,"rec":{"loc'.length } },
    ]);
  });
});
