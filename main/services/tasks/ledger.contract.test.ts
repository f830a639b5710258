/**
 * TaskLedger behaviour the task list and the poller rely on, on the memory store (the disk adds
 * nothing here): order, listeners, a refused write, compaction thresholds, terminal outcomes.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { TaskLedger } from './ledger';
import type { NewTaskInput, TaskRecord } from './types';

const task = (n: number): NewTaskInput => ({ modelId: 'm', modelName: 'viduq3', llmid: 'l', catalog: 't2v', prompt: `p${n}`, params: { n } });

/** A memory store whose next appends or compactions can be refused, like a full disk. */
class FlakyStore extends MemoryLedgerStore {
  refuseAppends = 0;
  refuseCompactions = 0;
  override async append(records: readonly TaskRecord[]): Promise<void> {
    if (this.refuseAppends > 0) {
      this.refuseAppends -= 1;
      throw new Error('ENOSPC');
    }
    return super.append(records);
  }
  override async compact(records: readonly TaskRecord[]): Promise<void> {
    if (this.refuseCompactions > 0) {
      this.refuseCompactions -= 1;
      throw new Error('EACCES');
    }
    return super.compact(records);
  }
}

function capture() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('TaskLedger (contract)', () => {
  it('lists newest first, hidden ones only on request, and copies the input it was given', async () => {
    const clock = new FakeClock();
    const ledger = await TaskLedger.open({ store: new MemoryLedgerStore(), clock });
    const input = { ...task(1), inputImages: ['a.png'] };
    const first = await ledger.createPending(input);
    await clock.advance(1_000);
    const second = await ledger.createPending(task(2));
    await clock.advance(1_000);
    const third = await ledger.createPending(task(3));
    input.params.n = 99;
    input.inputImages.push('b.png');
    expect(ledger.list().map((r) => r.localId)).toEqual([third.localId, second.localId, first.localId]);
    expect(first.params).toEqual({ n: 1 });
    expect(first.inputImages).toEqual(['a.png']);
    expect(second.inputImages).toEqual([]);
    expect(first).toMatchObject({ status: 'pending', origin: 'local', hidden: false, resultUrls: [], createdAt: first.updatedAt });
    await ledger.hide(second.localId);
    expect(ledger.list().map((r) => r.localId)).toEqual([third.localId, first.localId]);
    expect(ledger.list({ includeHidden: true })).toHaveLength(3);
    expect(ledger.size).toBe(3);
  });

  it('a listener that unsubscribed hears nothing more', async () => {
    const ledger = await TaskLedger.open({ store: new MemoryLedgerStore(), clock: new FakeClock() });
    const heard: number[] = [];
    const off = ledger.onChange((changed) => heard.push(changed.length));
    const a = await ledger.createPending(task(1));
    off();
    await ledger.update(a.localId, { status: 'processing' });
    expect(heard).toEqual([1]);
  });

  it('a refused write fails the caller (the submit is not sent), keeps the change in memory and makes it durable with the next write', async () => {
    const store = new FlakyStore();
    const { lines, logger } = capture();
    const ledger = await TaskLedger.open({ store, clock: new FakeClock(), logger });
    const heard: string[] = [];
    ledger.onChange((changed) => heard.push(...changed.map((r) => r.prompt)));
    store.refuseAppends = 1;
    await expect(ledger.createPending(task(1))).rejects.toThrow('ENOSPC');
    expect(heard).toEqual([]);
    expect(lines.map((l) => [l.level, l.fields?.error])).toEqual([['error', 'Error: ENOSPC']]);
    const kept = ledger.list()[0];
    expect(kept.prompt).toBe('p1');
    await ledger.update(kept.localId, { status: 'processing' });
    const reloaded = await TaskLedger.open({ store, clock: new FakeClock() });
    expect(reloaded.get(kept.localId)?.status).toBe('processing');
  });

  it('with no logger, a refused write still fails its caller and a refused compaction still lets writes through', async () => {
    const store = new FlakyStore();
    const ledger = await TaskLedger.open({ store, clock: new FakeClock(), compactAfter: 1 });
    store.refuseAppends = 1;
    await expect(ledger.createPending(task(1))).rejects.toThrow('ENOSPC');
    store.refuseCompactions = 1;
    const a = await ledger.createPending(task(2));
    // The second update waits while the first one's compaction (2 entries > 1) is refused; it must still be written.
    const [, second] = await Promise.all([ledger.update(a.localId, { status: 'processing' }), ledger.update(a.localId, { status: 'queueing' })]);
    expect(second.status).toBe('queueing');
    expect(store.refuseCompactions).toBe(0);
    expect(store.compactions).toBe(1);
    expect((await TaskLedger.open({ store, clock: new FakeClock() })).size).toBe(2);
  });

  it('an unknown task id is an error, not a silent new record', async () => {
    const ledger = await TaskLedger.open({ store: new MemoryLedgerStore(), clock: new FakeClock() });
    await expect(ledger.update('nope', { status: 'processing' })).rejects.toThrow('unknown task nope');
    expect(() => ledger.recordTaskId('nope', 'T')).toThrow('unknown task nope');
    expect(ledger.size).toBe(0);
  });

  it('compacts once the journal outgrows max(compactAfter, half the tasks), retrying a failed compaction after the next write', async () => {
    const store = new FlakyStore();
    const { lines, logger } = capture();
    const ledger = await TaskLedger.open({ store, clock: new FakeClock(), logger, compactAfter: 4 });
    const a = await ledger.createPending(task(1));
    for (let i = 0; i < 3; i += 1) await ledger.update(a.localId, { status: `p${i}` });
    expect(store.compactions).toBe(0); // 4 entries: not more than 4
    store.refuseCompactions = 1;
    await ledger.update(a.localId, { status: 'p3' });
    expect(store.compactions).toBe(0);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.fields?.error)).toEqual(['Error: EACCES']);
    expect(store.journalEntries).toBe(5);
    await ledger.update(a.localId, { status: 'p4' });
    expect(store.compactions).toBe(1);
    expect(store.journalEntries).toBe(0);
    expect((await TaskLedger.open({ store, clock: new FakeClock() })).get(a.localId)?.status).toBe('p4');
  });

  it('with many tasks the threshold is half their number, and the default is 1 000 entries', async () => {
    const store = new MemoryLedgerStore();
    const ledger = await TaskLedger.open({ store, clock: new FakeClock(), compactAfter: 2 });
    await ledger.adoptMany(Array.from({ length: 20 }, (_, i) => ({ ...task(i), transno: `x${i}`, status: 'processing', createdAt: i, resultUrls: [], inputImages: [] })));
    expect(store.compactions).toBe(1); // 20 entries > max(2, 10)
    const few = ledger.list();
    for (let i = 0; i < 10; i += 1) await ledger.update(few[i].localId, { status: 'queueing' });
    expect(store.compactions).toBe(1); // 10 entries: not more than 10
    await ledger.update(few[10].localId, { status: 'queueing' });
    expect(store.compactions).toBe(2);

    const defaults = new MemoryLedgerStore();
    const big = await TaskLedger.open({ store: defaults, clock: new FakeClock() });
    const b = await big.createPending(task(1));
    for (let i = 0; i < 999; i += 1) await big.update(b.localId, { status: `s${i}` });
    expect(defaults.compactions).toBe(0);
    await big.update(b.localId, { status: 'last' });
    expect(defaults.compactions).toBe(1);
  });

  it('stamps finishedAt when a task first ends, keeps it after, and keeps the first submittedAt', async () => {
    const clock = new FakeClock();
    const ledger = await TaskLedger.open({ store: new MemoryLedgerStore(), clock });
    const a = await ledger.createPending(task(1));
    await clock.advance(1_000);
    const withId = await ledger.recordTaskId(a.localId, 'T1');
    const submittedAt = withId.submittedAt;
    expect(submittedAt).toBe(clock.now());
    await clock.advance(1_000);
    expect((await ledger.recordTaskId(a.localId, 'T1')).submittedAt).toBe(submittedAt);
    expect((await ledger.update(a.localId, { status: 'processing' })).finishedAt).toBeUndefined();
    await clock.advance(1_000);
    const ended = await ledger.update(a.localId, { status: 'UNKNOWN', failureKind: 'lost_track', error: 'gone' });
    expect(ended.finishedAt).toBe(clock.now());
    await clock.advance(1_000);
    // UNKNOWN may still become SUCCEEDED (the video turned up): the first end time stays.
    const late = await ledger.update(a.localId, { status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
    expect(late).toMatchObject({ status: 'SUCCEEDED', finishedAt: ended.finishedAt, updatedAt: clock.now() });
    const given = await ledger.createPending(task(2));
    expect((await ledger.update(given.localId, { status: 'FAILED', finishedAt: 5 })).finishedAt).toBe(5);
    expect(ledger.active()).toHaveLength(0);
  });

  it('flush() waits for a write under way; close() closes the store after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const store = new MemoryLedgerStore();
    const slow = Object.assign(store, {
      append: async (records: readonly TaskRecord[]) => {
        await held;
        order.push(`append ${records.length}`);
        await MemoryLedgerStore.prototype.append.call(store, records);
      },
      close: async () => void order.push('close'),
    });
    const ledger = await TaskLedger.open({ store: slow, clock: new FakeClock() });
    const writing = ledger.createPending(task(1));
    const closing = ledger.close();
    await Promise.resolve();
    expect(order).toEqual([]);
    release();
    await Promise.all([writing, closing]);
    expect(order).toEqual(['append 1', 'close']);
  });
});
