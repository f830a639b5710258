/** TaskTracker: the gate follows the session and the system events; every ledger change is published whole. */
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../preload/contract';
import { EventBus } from '../../core/bus';
import { capturingLogger } from '../../testing/capturing-logger';
import { FakeClock, flushPromises } from '../../testing/fake-clock';
import { FakeTaskSource } from '../../testing/fake-task-source';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { manualSystemEvents } from '../../testing/memory-ports';
import { FakeSession } from '../../testing/simple-http';
import { TaskTracker } from './tracker';

const USER = { id: 'u1', username: 'u', orgid: 'o', displayName: 'U' };

async function setup() {
  const clock = new FakeClock();
  const source = new FakeTaskSource(clock);
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((e) => void events.push(e));
  const session = new FakeSession();
  session.set(USER);
  const system = manualSystemEvents();
  const tracker = new TaskTracker({ dir: '/unused', store: new MemoryLedgerStore(), source, bus, clock, logger: capturingLogger(), session, systemEvents: system });
  await tracker.open();
  await clock.advance(0);
  return { clock, source, events, session, system, tracker };
}

describe('TaskTracker', () => {
  it('reconciles at start when signed in, pauses while asleep, offline or signed out, and looks at once when all are back', async () => {
    const { clock, source, session, system, tracker } = await setup();
    expect(source.listRounds).toBe(1);
    system.emit('suspend');
    tracker.poke();
    await clock.advance(0);
    expect(source.listRounds).toBe(1);
    system.emit('resume');
    await clock.advance(0);
    expect(source.listRounds).toBe(2);
    system.emit('offline');
    session.set(null);
    system.emit('online');
    await clock.advance(0);
    expect(source.listRounds).toBe(2);
    session.set(USER);
    await clock.advance(0);
    expect(source.listRounds).toBe(3);
    await tracker.dispose();
    expect(system.listenerCount()).toBe(0);
  });

  it('publishes task.changed with the whole TaskView on every ledger change, and hides without forgetting', async () => {
    const { events, tracker, clock } = await setup();
    const record = await tracker.ledger().createPending({ modelId: 'm', modelName: 'M', llmid: 'm', catalog: 't2v', prompt: 'p', params: { duration: 5 } });
    await tracker.hide(record.localId);
    await flushPromises();
    const published = events.filter((e) => e.event === 'task.changed').map((e) => e.payload);
    expect(published).toEqual([
      expect.objectContaining({ localId: record.localId, status: 'pending', terminal: false, hidden: false, params: { duration: 5 } }),
      expect.objectContaining({ localId: record.localId, hidden: true }),
    ]);
    expect(published[0]).not.toHaveProperty('lastNudgeAt');
    expect(tracker.list()).toEqual([]);
    expect(tracker.list(true)).toHaveLength(1);
    expect(tracker.runningCount()).toBe(1);
    expect(() => tracker.resultUrl(record.localId)).toThrow(expect.objectContaining({ code: 'not_found' }));
    await clock.advance(0);
    await tracker.dispose();
  });

  it('follows a session restored while the ledger is still loading', async () => {
    const clock = new FakeClock();
    const source = new FakeTaskSource(clock);
    const session = new FakeSession();
    const tracker = new TaskTracker({ dir: '/unused', store: new MemoryLedgerStore(), source, bus: new EventBus(), clock, logger: capturingLogger(), session });
    const opening = tracker.open();
    session.set(USER); // the restore lands before open() has finished
    await opening;
    await clock.advance(0);
    expect(tracker.gate.open).toBe(true);
    expect(source.listRounds).toBeGreaterThan(0);
    await tracker.dispose();
    expect(session.listenerCount()).toBe(0);
  });
});
