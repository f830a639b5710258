/** TaskTracker beyond the gate: account switches, its request budget, lookups before and after open, the ledger on disk. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../core/bus';
import { capturingLogger } from '../../testing/capturing-logger';
import { FakeClock } from '../../testing/fake-clock';
import { FakeTaskSource } from '../../testing/fake-task-source';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { FakeSession } from '../../testing/simple-http';
import { TaskTracker, type TrackerDeps } from './tracker';

const USER = { id: 'u1', username: 'u', orgid: 'o', displayName: 'U' };
const OTHER = { id: 'u2', username: 'v', orgid: 'o', displayName: 'V' };
const NEW_TASK = { modelId: 'm', modelName: 'M', llmid: 'm', catalog: 't2v' as const, prompt: 'p', params: {} };

function makeTracker(overrides: Partial<TrackerDeps> = {}) {
  const clock = new FakeClock();
  const source = new FakeTaskSource(clock);
  const session = new FakeSession();
  session.set(USER);
  const logger = capturingLogger();
  const tracker = new TaskTracker({ dir: '/unused', store: new MemoryLedgerStore(), source, bus: new EventBus(), clock, logger, session, ...overrides });
  return { clock, source, session, logger, tracker };
}

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('TaskTracker', () => {
  it('looks up the tasks of another account at once when the user switches without signing out', async () => {
    const { clock, source, session, tracker } = makeTracker();
    await tracker.open();
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    session.set(USER);
    session.set(USER); // the same account told again (a refresh): nothing new to look at
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    session.set(OTHER);
    await clock.advance(0);
    expect(tracker.gate.open).toBe(true);
    expect(source.listRounds).toBe(2);
    await tracker.dispose();
  });

  it('spends at most the requests a minute it was given', async () => {
    const { clock, source, tracker } = makeTracker({ requestsPerMinute: 6 });
    await tracker.open();
    await clock.advance(0);
    tracker.poke();
    await clock.advance(0);
    tracker.poke(); // a third list round would be 9 requests in the minute
    await clock.advance(0);
    expect(source.listRounds).toBe(2);
    await clock.advance(60_000);
    tracker.poke();
    await clock.advance(0);
    expect(source.listRounds).toBe(3);
    await tracker.dispose();
  });

  it('spends 12 requests a minute when not told otherwise', async () => {
    const { clock, source, tracker } = makeTracker();
    await tracker.open();
    for (let i = 0; i < 6; i += 1) {
      tracker.poke();
      await clock.advance(0);
    }
    expect(source.listRounds).toBe(4);
    await tracker.dispose();
  });

  it('answers plainly before the ledger is open: no tasks running, a clear error for the ledger, pokes ignored', async () => {
    const { clock, source, tracker } = makeTracker();
    expect(tracker.runningCount()).toBe(0);
    expect(() => tracker.ledger()).toThrow(expect.objectContaining({ code: 'internal', message: '任务记录尚未就绪 / The task ledger is not open yet' }));
    expect(() => tracker.list()).toThrow(expect.objectContaining({ code: 'internal' }));
    tracker.poke();
    await clock.advance(0);
    expect(source.requests).toHaveLength(0);
    await tracker.dispose();
  });

  it('does not poll when opened signed out, and starts on sign-in', async () => {
    const { clock, source, session, tracker } = makeTracker();
    session.set(null);
    await tracker.open();
    tracker.poke();
    await clock.advance(60_000);
    expect(source.requests).toHaveLength(0);
    session.set(USER);
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    await tracker.dispose();
  });

  it('gives the first result URL of a finished task, and not_found for a task it does not know', async () => {
    const { clock, tracker } = makeTracker();
    await tracker.open();
    const ledger = tracker.ledger();
    const record = await ledger.createPending(NEW_TASK);
    await ledger.update(record.localId, { status: 'SUCCEEDED', resultUrls: ['https://c/first.mp4', 'https://c/second.mp4'] });
    expect(tracker.resultUrl(record.localId)).toBe('https://c/first.mp4');
    expect(() => tracker.resultUrl('nope')).toThrow(expect.objectContaining({ code: 'not_found', message: '没有这个任务 / No such task' }));
    await expect(tracker.hide('nope')).rejects.toMatchObject({ code: 'not_found' });
    const running = await ledger.createPending(NEW_TASK);
    expect(() => tracker.resultUrl(running.localId)).toThrow(expect.objectContaining({ code: 'not_found', message: '这个任务还没有结果 / This task has no result yet' }));
    await clock.advance(0);
    await tracker.dispose();
  });

  it('stops polling on dispose, after the round in flight', async () => {
    const { clock, source, tracker } = makeTracker();
    await tracker.open();
    const record = await tracker.ledger().createPending(NEW_TASK);
    source.put({ taskid: 'T1', transno: record.transno });
    await tracker.ledger().recordTaskId(record.localId, 'T1');
    source.latencyMs = 5_000;
    await clock.advance(20_000); // a round in flight
    expect(source.inFlight).toBe(1);
    const disposed = tracker.dispose();
    await clock.advance(5_000);
    await disposed;
    expect(tracker.ledger().get(record.localId)?.status).toBe('processing'); // the round's answer was kept
    const requests = source.requests.length;
    await clock.advance(5 * 60_000);
    expect(source.requests).toHaveLength(requests);
  });

  it('keeps its tasks in the data folder across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yj-tracker-'));
    dirs.push(dir);
    const first = makeTracker({ dir, store: undefined });
    await first.tracker.open();
    const record = await first.tracker.ledger().createPending(NEW_TASK);
    await first.tracker.dispose();
    const second = makeTracker({ dir, store: undefined });
    await second.tracker.open();
    expect(second.tracker.list()).toEqual([expect.objectContaining({ localId: record.localId, prompt: 'p' })]);
    expect(second.tracker.runningCount()).toBe(1);
    await second.clock.advance(0);
    await second.tracker.dispose();
  });
});
