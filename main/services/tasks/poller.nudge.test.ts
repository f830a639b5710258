/** TaskPoller's §3.14 nudges at their edges: when a task is due, in which order, how many a minute, and when "not exist" is final. */
import { describe, expect, it } from 'vitest';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { DAY, MIN, NEW_TASK, pollerRig, storedRecord } from '../../testing/poller-rig';

describe('TaskPoller nudges', () => {
  it('nudges an unlisted task again exactly 5 minutes after the last nudge', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('U');
    source.unlisted.add('U');
    poller.start();
    await clock.advance(5 * MIN - 1);
    expect(source.statusCalls).toEqual(['U']);
    await clock.advance(1);
    expect(source.statusCalls).toEqual(['U', 'U']);
  });

  it('nudges a listed task exactly 10 minutes after its last change', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    await submit('T1');
    poller.start();
    await clock.advance(10 * MIN - 1);
    expect(source.statusCalls).toEqual([]);
    await clock.advance(1);
    expect(source.statusCalls).toEqual(['T1']);
  });

  it('nudges the least recently nudged first, never-nudged before all, then the oldest task', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const made: Record<string, string> = {};
    for (const id of ['A', 'B', 'C', 'D']) {
      made[id] = (await submit(id)).localId;
      source.unlisted.add(id);
      await clock.advance(1_000);
    }
    await clock.advance(10 * MIN);
    await ledger.update(made.A, { lastNudgeAt: clock.now() - 6 * MIN });
    await ledger.update(made.B, { lastNudgeAt: clock.now() - 8 * MIN });
    poller.start();
    await clock.advance(0);
    expect(source.statusCalls).toEqual(['C', 'D']);
    await clock.advance(MIN);
    expect(source.statusCalls).toEqual(['C', 'D', 'B', 'A']);
  });

  it('nudges never-nudged tasks oldest first, whatever order the ledger holds them in', async () => {
    const store = new MemoryLedgerStore();
    const t0 = Date.UTC(2026, 11, 2, 8, 0, 0);
    // Stored newest first (as a compaction may leave them): C, B, A.
    await store.append(['C', 'B', 'A'].map((id, i) => storedRecord(id, { taskid: id, status: 'processing', createdAt: t0 - (i + 1) * MIN, submittedAt: t0 - (i + 1) * MIN })));
    const { clock, source, poller } = await pollerRig({ store });
    for (const id of ['A', 'B', 'C']) source.unlisted.add(id);
    poller.start();
    await clock.advance(20_000);
    expect(source.statusCalls).toEqual(['A', 'B', 'C']);
  });

  it('spends at most 3 requests a minute on nudges, however many tasks are due', async () => {
    const { clock, source, poller, submit } = await pollerRig();
    for (const id of ['A', 'B', 'C', 'D', 'E']) {
      await submit(id);
      source.unlisted.add(id);
    }
    poller.start();
    await clock.advance(MIN - 1);
    expect(source.statusCalls).toHaveLength(3);
    expect(source.listRounds).toBe(3);
    await clock.advance(1);
    expect(source.statusCalls).toHaveLength(5);
  });

  it('never nudges a write-ahead entry without a taskid, and gives it up exactly a day after it was written', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    await submit('T1');
    const lost = await ledger.createPending(NEW_TASK);
    await clock.advance(DAY - 20_000);
    poller.start();
    await clock.advance(0);
    expect(ledger.get(lost.localId)?.status).toBe('pending');
    await clock.advance(20_000);
    expect(ledger.get(lost.localId)).toMatchObject({ status: 'UNKNOWN', failureKind: 'lost_track', error: expect.stringContaining('transno') });
    expect(source.statusCalls.every((id) => id === 'T1')).toBe(true);
  });
});

describe('TaskPoller "not exist" (§3.14)', () => {
  it('is final exactly when the 2-minute grace after the taskid is over, with the platform’s words', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const ghost = await submit('GHOST', false);
    await clock.advance(2 * MIN);
    poller.start();
    await clock.advance(0);
    expect(source.statusCalls).toEqual(['GHOST']);
    expect(ledger.get(ghost.localId)).toMatchObject({ status: 'FAILED', failureKind: 'lost_track', error: 'taskid=GHOST not exist' });
  });

  it('counts the grace from the taskid, not from the write-ahead entry', async () => {
    const { clock, ledger, source, poller } = await pollerRig();
    const r = await ledger.createPending(NEW_TASK);
    await clock.advance(5 * MIN);
    await ledger.recordTaskId(r.localId, 'LATE'); // the platform does not show it yet
    poller.start();
    await clock.advance(0);
    expect(source.statusCalls).toEqual(['LATE']);
    expect(ledger.get(r.localId)?.status).toBe('pending');
  });

  it('is not final for a task exactly a day old', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const old = await submit('OLD', false);
    await clock.advance(DAY);
    poller.start();
    await clock.advance(0);
    expect(source.statusCalls).toEqual(['OLD']);
    expect(ledger.get(old.localId)?.status).toBe('pending');
  });

  it('weighs the task as it is when the answer comes: a state the stream reported meanwhile keeps it alive', async () => {
    const { clock, ledger, source, poller, submit } = await pollerRig();
    const r = await submit('T1', false);
    await clock.advance(3 * MIN);
    source.latencyMs = 5_000;
    poller.start();
    await clock.advance(7_000); // the list answered at 5 s; the status call is in flight
    expect(source.statusCalls).toEqual(['T1']);
    await ledger.update(r.localId, { status: 'processing', lastRemoteChangeAt: clock.now() }); // from the stream
    await clock.advance(5_000); // the platform (lagging) answers "not exist"
    expect(ledger.get(r.localId)).toMatchObject({ status: 'processing', lastNudgeAt: expect.any(Number) });
  });
});
