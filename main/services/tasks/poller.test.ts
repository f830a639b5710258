/** TaskPoller on the fake clock against a fake TaskSource: cadence, gate, nudges, budget, reconciliation. */
import { describe, expect, it } from 'vitest';
import { FakeClock, flushPromises } from '../../testing/fake-clock';
import { FakeTaskSource } from '../../testing/fake-task-source';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { MIN, NEW_TASK as task, pollerRig as setup } from '../../testing/poller-rig';
import { ConditionGate } from '../poll/gate';
import { TaskLedger } from './ledger';
import { TaskPoller } from './poller';

describe('TaskPoller', () => {
  it('lists at once, ticks every 20 s while a task runs, and stops when nothing is active', async () => {
    const { clock, ledger, source, poller, submit } = await setup();
    const r = await submit('T1');
    poller.start();
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    await clock.advance(60_000);
    expect(source.listRounds).toBe(4);
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus: 'accounted', amount: 4.5 });
    await clock.advance(20_000);
    expect(ledger.get(r.localId)?.status).toBe('SUCCEEDED');
    await clock.advance(10 * MIN);
    expect(source.listRounds).toBe(5);
    expect(poller.scheduler.state).toBe('idle');
    expect(clock.pendingTimers()).toBe(0);
    // A new submitted task wakes it.
    await submit('T2');
    await clock.advance(0);
    expect(source.listRounds).toBe(6);
  });

  it('keeps reading the lists after a success until its charge appears (§5.6), then idles', async () => {
    const { clock, ledger, source, poller, submit } = await setup();
    const r = await submit('T1');
    poller.start();
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus: 'created' });
    await clock.advance(0);
    expect(ledger.get(r.localId)).toMatchObject({ status: 'SUCCEEDED', billing: 'created' });
    await clock.advance(40_000);
    expect(source.listRounds).toBe(3);
    source.put({ taskid: 'T1', accountingStatus: 'accounted', amount: 4.5 });
    await clock.advance(20_000);
    expect(ledger.get(r.localId)).toMatchObject({ billing: 'accounted', amount: 4.5 });
    await clock.advance(10 * MIN);
    expect(source.listRounds).toBe(4);
    expect(poller.scheduler.state).toBe('idle');
  });

  it('stops waiting for a charge that never comes after the watch (10 minutes)', async () => {
    const { clock, source, poller, submit } = await setup();
    await submit('T1');
    source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
    poller.start();
    await clock.advance(11 * MIN);
    const rounds = source.listRounds;
    await clock.advance(10 * MIN);
    expect(source.listRounds).toBe(rounds);
    expect(poller.scheduler.state).toBe('idle');
  });

  it('never has two requests in flight, even when poked during a slow tick', async () => {
    const { clock, source, poller, submit } = await setup();
    source.latencyMs = 25_000;
    await submit('T1', false); // not listed: the tick also nudges
    poller.start();
    await clock.advance(1_000);
    void poller.poke();
    void poller.poke();
    await clock.advance(5 * MIN);
    expect(source.maxInFlight).toBe(1);
    expect(source.listRounds).toBeGreaterThan(3);
  });

  it('pauses while signed out or asleep and runs at once on sign-in and wake', async () => {
    const { clock, source, gate, poller, submit } = await setup({ signedIn: false });
    await submit('T1');
    poller.start();
    await clock.advance(5 * MIN);
    expect(source.requests).toHaveLength(0);
    gate.set('signedIn', true);
    await flushPromises();
    expect(source.listRounds).toBe(1);
    expect(source.requests[0]).toBe(clock.now());
    gate.set('awake', false);
    await clock.advance(10 * MIN);
    expect(source.listRounds).toBe(1);
    expect(clock.pendingTimers()).toBe(0); // asleep: no wake-ups at all, not just no requests
    gate.set('awake', true);
    await flushPromises();
    expect(source.listRounds).toBe(2);
    await poller.stop();
  });

  it('nudges a task the lists do not cover at most once per 5 minutes', async () => {
    const { clock, source, poller, submit } = await setup();
    await submit('OLD');
    source.unlisted.add('OLD');
    poller.start();
    await clock.advance(15 * MIN - 1);
    expect(source.statusCalls).toEqual(['OLD', 'OLD', 'OLD']);
  });

  it('nudges a listed task only after 10 minutes without change', async () => {
    const { clock, source, poller, submit } = await setup();
    await submit('T1');
    poller.start();
    await clock.advance(9 * MIN);
    expect(source.statusCalls).toHaveLength(0);
    await clock.advance(2 * MIN);
    expect(source.statusCalls).toEqual(['T1']);
    source.put({ taskid: 'T1', status: 'RUNNING' }); // a change resets the stall clock
    await clock.advance(9 * MIN);
    expect(source.statusCalls).toEqual(['T1']);
  });

  it('rotates nudges fairly, two per tick at most', async () => {
    const { clock, source, poller, submit } = await setup();
    for (const id of ['A', 'B', 'C', 'D', 'E']) {
      await submit(id);
      source.unlisted.add(id);
    }
    poller.start();
    await clock.advance(0);
    expect(source.statusCalls).toHaveLength(2);
    await clock.advance(3 * MIN);
    expect([...source.statusCalls].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('treats a 5xx from §3.14 as transient, never as a failure', async () => {
    const { clock, ledger, source, poller, submit } = await setup();
    const r = await submit('T1');
    source.unlisted.add('T1');
    source.statusError = new Error('HTTP 500');
    poller.start();
    await clock.advance(30 * MIN);
    expect(source.statusCalls.length).toBeGreaterThan(3);
    expect(ledger.get(r.localId)?.status).toBe('pending');
    expect(ledger.get(r.localId)?.lastNudgeAt).toBeDefined();
  });

  it('takes "not exist" as final only after the grace, for a young task that never showed a state', async () => {
    const { clock, ledger, source, poller, submit } = await setup();
    const ghost = await submit('GHOST', false);
    const seen = await submit('SEEN');
    poller.start();
    await clock.advance(0);
    source.tasks.delete('SEEN'); // archived: now "not exist" and no longer listed
    expect(ledger.get(ghost.localId)?.status).toBe('pending'); // first answer within the grace
    await clock.advance(15 * MIN);
    expect(ledger.get(ghost.localId)).toMatchObject({ status: 'FAILED', failureKind: 'lost_track' });
    expect(source.statusCalls.filter((id) => id === 'SEEN').length).toBeGreaterThan(0);
    expect(ledger.get(seen.localId)?.status).toBe('processing');
  });

  it('finds a lost stream by transno and adopts tasks made elsewhere', async () => {
    const { clock, ledger, source, poller } = await setup();
    const lost = await ledger.createPending(task); // killed before the taskid arrived
    source.put({ taskid: 'FOUND', transno: lost.transno, status: 'queueing' });
    source.put({ taskid: 'ELSEWHERE', transno: 'tx-else', status: 'processing' });
    poller.start();
    await poller.poke();
    expect(ledger.get(lost.localId)).toMatchObject({ taskid: 'FOUND', status: 'queueing' });
    expect(ledger.byTaskId('ELSEWHERE')?.origin).toBe('adopted');
    expect(ledger.size).toBe(2);
    await clock.advance(MIN);
    expect(ledger.size).toBe(2);
  });

  it('slows to every 5 minutes when every running task is over a day old', async () => {
    const { clock, source, poller, submit } = await setup();
    await submit('SLOW');
    source.unlisted.add('SLOW');
    await clock.advance(25 * 60 * MIN);
    poller.start();
    await clock.advance(20 * MIN - 1);
    expect(source.listRounds).toBe(4); // at 0, 5, 10 and 15 min
    expect(source.statusCalls).toEqual(['SLOW', 'SLOW', 'SLOW', 'SLOW']);
  });

  it('gives up on a write-ahead entry no list showed within a day, as UNKNOWN, and keeps it', async () => {
    const { clock, ledger, poller } = await setup();
    const lost = await ledger.createPending(task);
    poller.start();
    await clock.advance(23 * 60 * MIN);
    expect(ledger.get(lost.localId)?.status).toBe('pending');
    await clock.advance(2 * 60 * MIN);
    expect(ledger.get(lost.localId)).toMatchObject({ status: 'UNKNOWN', failureKind: 'lost_track', transno: lost.transno });
    expect(poller.scheduler.state).toBe('idle');
  });

  it('backs off after list errors instead of ticking at the cadence', async () => {
    const { clock, source, poller, submit } = await setup();
    await submit('T1');
    source.listError = new Error('ECONNRESET');
    poller.start();
    await clock.advance(2 * MIN);
    // 5 s, 10 s, 20 s, 40 s… after the first failure: fewer rounds than the 7 a 20 s cadence makes.
    expect(source.listRounds).toBeLessThanOrEqual(5);
    expect(poller.scheduler.failureCount).toBeGreaterThan(2);
  });

  for (const n of [1, 50, 500]) {
    it(`stays within 12 requests a minute with ${n} active tasks, listed or not`, async () => {
      const { clock, source, gate, poller, submit } = await setup();
      for (let i = 0; i < n; i += 1) {
        await submit(`T${i}`);
        if (i % 2 === 0) source.unlisted.add(`T${i}`);
      }
      poller.start();
      await clock.advance(10 * MIN);
      gate.set('online', false); // flapping connectivity must not buy extra requests
      gate.set('online', true);
      gate.set('online', false);
      gate.set('online', true);
      await clock.advance(5 * MIN);
      expect(source.peakPerWindow()).toBeLessThanOrEqual(12);
      expect(source.requests.length).toBeGreaterThan(100);
      // Nudges have their own share: the lists keep their 20 s tick (45 in 15 min, less the odd skipped wake-up round).
      expect(source.listRounds).toBeGreaterThanOrEqual(43);
    });
  }
  it('stop() stops following the gate and the ledger', async () => {
    const { clock, source, gate, poller, submit } = await setup();
    poller.start();
    await poller.stop();
    await submit('T1');
    gate.set('awake', false);
    gate.set('awake', true);
    await clock.advance(5 * MIN);
    expect(source.requests).toHaveLength(0);
  });

  it('starts paused when the gate is closed, and a new task alone does not poll while signed out', async () => {
    const { clock, source, poller, submit } = await setup({ signedIn: false });
    poller.start();
    await submit('T1');
    await clock.advance(5 * MIN);
    expect(source.requests).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(0); // no wake-ups either while signed out
  });

  it('does not watch for the charge of a success whose billing already failed or was accounted', async () => {
    for (const accountingStatus of ['failed', 'accounted']) {
      const { clock, source, poller, submit } = await setup();
      await submit('T1');
      source.put({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus });
      poller.start();
      await clock.advance(0);
      await clock.advance(5 * MIN);
      expect(source.listRounds).toBe(1);
      expect(poller.scheduler.state).toBe('idle');
    }
  });

  it('watches for the charge of a success found at start-up, but not of an old one', async () => {
    const { clock, ledger, source, poller, submit } = await setup();
    const r = await submit('T1');
    await ledger.update(r.localId, { status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
    poller.start();
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    await poller.stop();
    const late = await setup();
    const old = await late.submit('T2');
    await late.ledger.update(old.localId, { status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], finishedAt: late.clock.now() - 11 * MIN });
    late.poller.start();
    await late.clock.advance(MIN);
    expect(late.source.listRounds).toBe(0);
  });

  it('keeps "not exist" from failing a task over a day old (archived, not lost)', async () => {
    const { clock, ledger, source, poller, submit } = await setup();
    const old = await submit('OLD', false);
    await clock.advance(25 * 60 * MIN);
    source.tasks.delete('OLD');
    poller.start();
    await clock.advance(20 * MIN);
    expect(source.statusCalls.length).toBeGreaterThan(0);
    expect(ledger.get(old.localId)?.status).toBe('pending');
  });

  it('logs nothing on a tick where every catalog and status call answered', async () => {
    const clock = new FakeClock();
    const ledger = await TaskLedger.open({ store: new MemoryLedgerStore(), clock });
    const source = new FakeTaskSource(clock);
    const warnings: unknown[] = [];
    const logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (...args: unknown[]) => void warnings.push(args) };
    const poller = new TaskPoller({ ledger, source, clock, gate: new ConditionGate({ signedIn: true }), logger });
    const r = await ledger.createPending(task);
    await ledger.recordTaskId(r.localId, 'T9');
    source.unlisted.add('T9');
    poller.start();
    await clock.advance(0);
    expect(source.statusCalls).toEqual(['T9']);
    expect(warnings).toEqual([]);
  });

  it('logs which catalogs failed and which task the status call failed for', async () => {
    const clock = new FakeClock();
    const ledger = await TaskLedger.open({ store: new MemoryLedgerStore(), clock });
    const source = new FakeTaskSource(clock);
    const warnings: Record<string, unknown>[] = [];
    const logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (_m: string, fields?: Record<string, unknown>) => void warnings.push(fields ?? {}) };
    const poller = new TaskPoller({ ledger, source, clock, gate: new ConditionGate({ signedIn: true }), logger, random: () => 0.5 });
    const r = await ledger.createPending(task);
    await ledger.recordTaskId(r.localId, 'T9');
    source.unlisted.add('T9');
    source.failedCatalogs = ['i2v'];
    source.statusError = new Error('HTTP 502');
    poller.start();
    await clock.advance(0);
    expect(warnings).toEqual([{ failedCatalogs: ['i2v'] }, { taskid: 'T9', error: 'Error: HTTP 502' }]);
    source.listError = new Error('ECONNRESET');
    await clock.advance(20_000);
    expect(warnings.at(-1)).toEqual({ error: 'Error: ECONNRESET' });
  });
});
