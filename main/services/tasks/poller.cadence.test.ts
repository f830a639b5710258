/** TaskPoller cadence at its edges: what wakes it, the period from tick start, the budget wait, the day boundary, the charge watch. */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { DAY, MIN, NEW_TASK, pollerRig, storedRecord } from '../../testing/poller-rig';

describe('TaskPoller cadence', () => {
  it('counts the 20 s period from the start of a tick, so slow replies do not stretch it', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('T1');
    source.latencyMs = 5_000;
    const t0 = clock.now();
    poller.start();
    await clock.advance(MIN - 1);
    const listStarts = source.requests.filter((_, i) => i % 3 === 0).map((t) => t - t0);
    expect(listStarts).toEqual([0, 20_000, 40_000]);
  });

  it('waits for the budget to afford a whole list round instead of ticking without the lists', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('LISTED');
    await submit('UNLISTED');
    source.unlisted.add('UNLISTED');
    poller.start();
    await clock.advance(0); // a list round and a nudge: 4 requests
    await poller.poke();
    await poller.poke(); // 10 of the 12 spent: a nudge fits, a list round does not
    await clock.advance(MIN - 1);
    // A tick without the lists would take every task for uncovered and nudge the listed one.
    expect(source.statusCalls).toEqual(['UNLISTED']);
    expect(source.listRounds).toBe(3);
    await clock.advance(1);
    expect(source.listRounds).toBe(4);
  });

  it('ticks every 5 minutes once the youngest running task is exactly a day old', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('T1');
    await clock.advance(DAY);
    poller.start();
    await clock.advance(5 * MIN - 1);
    expect(source.listRounds).toBe(1);
    await clock.advance(1);
    expect(source.listRounds).toBe(2);
  });

  it('keeps the 20 s tick while any running task is younger than a day, beside older ones', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('OLD');
    await clock.advance(DAY + MIN);
    await submit('YOUNG');
    poller.start();
    await clock.advance(MIN - 1);
    expect(source.listRounds).toBe(3);
  });

  it('folds in the catalogs that answered when another fails, without a logger too', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const r = await submit('T1');
    source.failedCatalogs = ['i2v'];
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
    poller.start();
    await clock.advance(0);
    expect(ledger.get(r.localId)?.status).toBe('SUCCEEDED');
    expect(poller.scheduler.failureCount).toBe(0);
  });

  it('counts a task’s age from when its taskid arrived, not from the write-ahead entry', async () => {
    const { clock, ledger, source, poller } = await pollerRig();
    const r = await ledger.createPending(NEW_TASK);
    await clock.advance(60 * MIN); // the taskid came an hour later (found again after a restart)
    source.put({ taskid: 'T1', transno: r.transno });
    await ledger.recordTaskId(r.localId, 'T1');
    await clock.advance(DAY - 30 * MIN); // 23.5 h since the taskid, 24.5 h since the entry
    poller.start();
    await clock.advance(MIN - 1);
    expect(source.listRounds).toBe(3);
  });

  it('does not wake for a write-ahead entry alone, only once its taskid arrives', async () => {
    const { clock, ledger, source, poller } = await pollerRig();
    poller.start();
    const r = await ledger.createPending(NEW_TASK);
    await clock.advance(MIN);
    expect(source.requests).toHaveLength(0);
    await ledger.recordTaskId(r.localId, 'T1');
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
  });

  it('wakes for a batch of changes when any one of them is a running task', async () => {
    const { clock, ledger, source, poller } = await pollerRig();
    poller.start();
    const a = await ledger.createPending(NEW_TASK);
    const b = await ledger.createPending(NEW_TASK);
    await ledger.updateMany([
      { localId: a.localId, patch: { status: 'FAILED', failureKind: 'refused', error: 'no balance' } },
      { localId: b.localId, patch: { taskid: 'TB', submittedAt: clock.now() } },
    ]);
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
  });

  it('is not woken by changes to finished tasks', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const r = await submit('T1');
    source.put({ taskid: 'T1', status: 'FAILED', error: 'content rejected' });
    poller.start();
    await clock.advance(0);
    expect(ledger.get(r.localId)?.status).toBe('FAILED');
    await clock.advance(MIN); // a failure is never charged: nothing to wait for
    expect(source.listRounds).toBe(1);
    await ledger.hide(r.localId);
    await clock.advance(MIN);
    expect(source.listRounds).toBe(1);
    expect(poller.scheduler.state).toBe('idle');
  });

  it('looks at once on sign-in even with nothing running here, adopting tasks made elsewhere', async () => {
    const { clock, ledger, source, gate, poller } = await pollerRig({ signedIn: false });
    source.put({ taskid: 'ELSEWHERE', transno: 'tx-else', status: 'processing' });
    poller.start();
    gate.set('signedIn', true);
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    expect(ledger.byTaskId('ELSEWHERE')?.origin).toBe('adopted');
  });

  it('asks nothing when poked while the gate is closed, even before start()', async () => {
    const { clock, source, poller, submit } = await pollerRig({ signedIn: false });
    await submit('T1');
    await poller.poke();
    await clock.advance(MIN);
    expect(source.requests).toHaveLength(0);
  });

  it('writes nothing to the ledger on ticks where nothing changed', async () => {
    const store = new MemoryLedgerStore();
    const { clock, source, poller, submit } = await pollerRig({ store });
    await submit('T1');
    poller.start();
    await clock.advance(0);
    const appends = store.appends;
    await clock.advance(5 * MIN);
    expect(source.listRounds).toBe(16);
    expect(store.appends).toBe(appends);
  });
});

describe('TaskPoller charge watch (§5.6)', () => {
  it('reads the lists for a charge until exactly 10 minutes after the success', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('T1');
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus: 'created' });
    poller.start();
    await clock.advance(20 * MIN);
    expect(source.listRounds).toBe(31); // at 0, 20 s, … 600 s
    expect(poller.scheduler.state).toBe('idle');
  });

  it('still records the charge of a success the user hid at once', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const r = await submit('T1');
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus: 'created' });
    poller.start();
    await clock.advance(0);
    await ledger.hide(r.localId);
    await clock.advance(30_000);
    source.put({ taskid: 'T1', accountingStatus: 'accounted', amount: 4.5 });
    await clock.advance(MIN);
    expect(ledger.get(r.localId)).toMatchObject({ hidden: true, billing: 'accounted', amount: 4.5 });
  });

  it('counts the watch from the success, not from a later local change such as hiding', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const r = await submit('T1');
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus: 'created' });
    poller.start();
    await clock.advance(9 * MIN);
    await ledger.hide(r.localId);
    await clock.advance(20 * MIN);
    expect(source.listRounds).toBe(31);
  });

  it('counts from the last update for a success stored without its finish time (older ledgers)', async () => {
    const store = new MemoryLedgerStore();
    const now = Date.UTC(2026, 11, 2, 8, 0, 0);
    const stored = (localId: string, updatedAt: number) =>
      storedRecord(localId, { taskid: `T-${localId}`, status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], createdAt: updatedAt - MIN, updatedAt });
    await store.append([stored('recent', now - 9 * MIN)]);
    const recent = await pollerRig({ store });
    recent.poller.start();
    await recent.clock.advance(2 * MIN);
    expect(recent.source.listRounds).toBe(4); // 0, 20, 40 and 60 s: then 10 min have passed
    expect(recent.poller.scheduler.state).toBe('idle');
    const oldStore = new MemoryLedgerStore();
    await oldStore.append([stored('old', now - 11 * MIN)]);
    const old = await pollerRig({ store: oldStore });
    old.poller.start();
    await old.clock.advance(MIN);
    expect(old.source.listRounds).toBe(0);
  });
});
