/** TaskLedger on the real journal in a temp folder (and on the memory store where the disk adds nothing). */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { FileLedgerStore, JOURNAL_FILE, SNAPSHOT_FILE } from './journal';
import { TaskLedger } from './ledger';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import type { NewTaskInput } from './types';

let dir: string;
const open: TaskLedger[] = [];
const clock = new FakeClock();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yj-ledger-'));
});
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
  rmSync(dir, { recursive: true, force: true });
});

const sampleTask = (n = 1): NewTaskInput => ({
  modelId: 'm1',
  modelName: 'viduq3-pro',
  llmid: 'llm1',
  catalog: 't2v',
  prompt: `清晨的江南古镇 #${n}`,
  params: { duration: 5, resolution: '1080p' },
  inputImages: [],
  quotedPrice: 4.5,
});

async function openLedger(compactAfter?: number): Promise<TaskLedger> {
  const ledger = await TaskLedger.open({ store: new FileLedgerStore(dir), clock, compactAfter });
  open.push(ledger);
  return ledger;
}

async function reopen(ledger: TaskLedger, compactAfter?: number): Promise<TaskLedger> {
  await ledger.close();
  open.splice(open.indexOf(ledger), 1);
  return openLedger(compactAfter);
}

describe('TaskLedger', () => {
  it('writes a pending task with a fresh transno durably before returning', async () => {
    const ledger = await openLedger();
    const a = await ledger.createPending(sampleTask(1));
    const b = await ledger.createPending(sampleTask(2));
    expect(a.transno).toMatch(/^[\w-]{21}$/);
    expect(a.transno).not.toBe(b.transno);
    expect(a.status).toBe('pending');
    // Read from disk by a second ledger while the first is still open: the write is there already.
    const other = await TaskLedger.open({ store: new FileLedgerStore(dir), clock });
    expect(other.byTransno(a.transno)).toMatchObject({ localId: a.localId, prompt: a.prompt });
    expect(other.byTransno(a.transno)?.taskid).toBeUndefined();
    await other.close();
  });

  it('finds a task by localId, taskid and transno after a restart', async () => {
    let ledger = await openLedger();
    const a = await ledger.createPending(sampleTask());
    await ledger.recordTaskId(a.localId, '861203947562318336');
    ledger = await reopen(ledger);
    const found = ledger.byTaskId('861203947562318336');
    expect(found?.localId).toBe(a.localId);
    expect(found?.submittedAt).toBe(clock.now());
    expect(ledger.byTransno(a.transno)).toBe(found);
    expect(ledger.get(a.localId)).toBe(found);
  });

  it('never downgrades a terminal task, nor rewrites its outcome', async () => {
    const ledger = await openLedger();
    const a = await ledger.createPending(sampleTask());
    await ledger.update(a.localId, { status: 'SUCCEEDED', resultUrls: ['https://cdn/x.mp4'] });
    const after = await ledger.update(a.localId, { status: 'FAILED', error: 'taskid=1 not exist', failureKind: 'generation_failed' });
    expect(after).toMatchObject({ status: 'SUCCEEDED', resultUrls: ['https://cdn/x.mp4'] });
    expect(after.error).toBeUndefined();
    expect(after.failureKind).toBeUndefined();
    expect(ledger.active()).toHaveLength(0);
  });

  it('hides a task without losing it', async () => {
    let ledger = await openLedger();
    const a = await ledger.createPending(sampleTask());
    await ledger.hide(a.localId);
    ledger = await reopen(ledger);
    expect(ledger.list()).toHaveLength(0);
    expect(ledger.list({ includeHidden: true }).map((r) => r.localId)).toEqual([a.localId]);
    expect(ledger.active()).toHaveLength(1); // still tracked
  });

  it('ignores a torn last record and cuts it off so later appends stay readable', async () => {
    let ledger = await openLedger();
    const a = await ledger.createPending(sampleTask());
    await ledger.close();
    open.length = 0;
    appendFileSync(join(dir, JOURNAL_FILE), '{"seq":99,"rec":{"localId":"half');
    ledger = await openLedger();
    expect(ledger.size).toBe(1);
    await ledger.recordTaskId(a.localId, 't-1');
    ledger = await reopen(ledger);
    expect(ledger.byTaskId('t-1')?.localId).toBe(a.localId);
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).not.toContain('half');
  });

  it('skips a garbled line in the middle of the journal and keeps the records around it', async () => {
    let ledger = await openLedger();
    const a = await ledger.createPending(sampleTask(1));
    appendFileSync(join(dir, JOURNAL_FILE), '{"seq":2,"rec":{"localId": garbage}}\n');
    await ledger.close();
    open.length = 0;
    ledger = await openLedger();
    const b = await ledger.createPending(sampleTask(2));
    ledger = await reopen(ledger);
    expect(ledger.get(a.localId)?.prompt).toBe(a.prompt);
    expect(ledger.get(b.localId)?.prompt).toBe(b.prompt);
    expect(ledger.size).toBe(2);
  });

  it('compacts into a snapshot and never replays journal lines the snapshot already holds', async () => {
    let ledger = await openLedger(10);
    const a = await ledger.createPending(sampleTask());
    const journalBefore = readFileSync(join(dir, JOURNAL_FILE), 'utf8'); // a's pending line, seq 1
    for (let i = 0; i < 15; i += 1) await ledger.update(a.localId, { status: `processing-${i}` });
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(true);
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBeLessThan(journalBefore.length * 6);
    await ledger.close();
    open.length = 0;
    // A crash between the snapshot rename and the journal truncation leaves old lines behind.
    writeFileSync(join(dir, JOURNAL_FILE), journalBefore + readFileSync(join(dir, JOURNAL_FILE), 'utf8'));
    ledger = await openLedger(10);
    expect(ledger.get(a.localId)?.status).toBe('processing-14');
    expect(ledger.size).toBe(1);
  });

  it('commits concurrent changes in groups and tells listeners once they are durable', async () => {
    const store = new MemoryLedgerStore();
    const ledger = await TaskLedger.open({ store, clock });
    const tasks = await Promise.all(Array.from({ length: 50 }, (_, i) => ledger.createPending(sampleTask(i))));
    const seen: string[] = [];
    ledger.onChange((changed) => {
      seen.push(...changed.map((r) => r.status));
      expect(store.journalEntries).toBeGreaterThanOrEqual(50 + seen.length);
    });
    const appendsBefore = store.appends;
    await Promise.all(tasks.map((t) => ledger.update(t.localId, { status: 'processing' })));
    expect(store.appends - appendsBefore).toBeLessThan(5);
    expect(seen).toHaveLength(50);
    expect(seen.every((s) => s === 'processing')).toBe(true);
  });

  it('adopts many tasks in one commit and one listener call, each once, and answers known ones as they are', async () => {
    const store = new MemoryLedgerStore();
    const ledger = await TaskLedger.open({ store, clock });
    const row = (n: number) => ({
      transno: `adopted:T${n}`,
      taskid: `T${n}`,
      modelId: 'm',
      modelName: 'm',
      llmid: 'l',
      catalog: 't2v' as const,
      prompt: `p${n}`,
      params: {},
      inputImages: [],
      status: 'SUCCEEDED',
      createdAt: 1,
      resultUrls: [],
    });
    const first = await ledger.adopt(row(0));
    const calls: number[] = [];
    ledger.onChange((changed) => calls.push(changed.length));
    const appendsBefore = store.appends;
    const adopted = await ledger.adoptMany([row(0), ...Array.from({ length: 500 }, (_, i) => row(i + 1)), row(1)]);
    expect(store.appends - appendsBefore).toBe(1);
    expect(calls).toEqual([500]);
    expect(adopted[0]).toEqual(first);
    expect(adopted[1].localId).toBe(adopted[501].localId); // the same row twice is one task
    expect(ledger.size).toBe(501);
    expect(ledger.byTaskId('T250')?.origin).toBe('adopted');
  });

  it('keeps the running tasks and their count up to date through changes and a restart', async () => {
    let ledger = await openLedger();
    const a = await ledger.createPending(sampleTask());
    const b = await ledger.createPending(sampleTask());
    const c = await ledger.createPending(sampleTask());
    await ledger.update(b.localId, { status: 'processing' });
    await ledger.update(c.localId, { status: 'FAILED', error: 'moderation' });
    await ledger.update(c.localId, { status: 'processing' }); // refused downgrade: stays finished
    expect(ledger.activeCount()).toBe(2);
    expect(ledger.active().map((r) => r.localId).sort()).toEqual([a.localId, b.localId].sort());
    await ledger.update(a.localId, { status: 'SUCCEEDED' });
    ledger = await reopen(ledger);
    expect(ledger.activeCount()).toBe(1);
    expect(ledger.active().map((r) => r.localId)).toEqual([b.localId]);
    expect(ledger.active()[0]).toBe(ledger.get(b.localId)); // the current record, not an old copy
  });
});
