import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './ports';
import { EVENT_KEYS, type EventKeyMap, type Events } from '../../preload/contract';
import { EventBus } from './bus';
import { Coalescer, coalesceKey, createPublisher, publishBus, type EventMessage } from './publisher';

describe('Coalescer (fake timers)', () => {
  let sent: [string, number][];
  let coalescer: Coalescer<number>;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    coalescer = new Coalescer<number>({ intervalMs: 100, clock: systemClock, emit: (key, value) => sent.push([key, value]) });
  });
  afterEach(() => {
    coalescer.dispose();
    vi.useRealTimers();
  });

  it('sends the first update at once', () => {
    coalescer.push('a', 1);
    expect(sent).toEqual([['a', 1]]);
  });

  it('collapses a burst into one trailing update carrying the last value', () => {
    for (let i = 1; i <= 50; i += 1) coalescer.push('a', i);
    expect(sent).toEqual([['a', 1]]);
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([['a', 1]]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      ['a', 1],
      ['a', 50],
    ]);
  });

  it('sends at most 10 updates per second for a key under a steady stream, and the last one arrives', () => {
    const times: number[] = [];
    const timed = new Coalescer<number>({ intervalMs: 100, emit: (key, value) => {
      times.push(Date.now());
      sent.push([key, value]);
    } });
    const start = Date.now();
    for (let t = 0; t < 2000; t += 5) {
      timed.push('a', t);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(1000);
    // Consecutive sends are at least one interval apart: so any 1 s window holds at most 10.
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(times.filter((time) => time - start < 1000)).toHaveLength(10);
    expect(sent.at(-1)).toEqual(['a', 1995]);
    timed.dispose();
  });

  it('keeps keys independent', () => {
    coalescer.push('a', 1);
    coalescer.push('b', 1);
    coalescer.push('a', 2);
    coalescer.push('b', 2);
    coalescer.push('b', 3);
    expect(sent).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    vi.advanceTimersByTime(100);
    expect(sent.slice(2)).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
  });

  it('forgets a quiet key after one interval, so the next update is immediate again', () => {
    coalescer.push('a', 1);
    vi.advanceTimersByTime(100);
    expect(coalescer.size).toBe(0);
    coalescer.push('a', 2);
    expect(sent).toEqual([
      ['a', 1],
      ['a', 2],
    ]);
  });

  it('flush sends what is pending now; dispose drops it', () => {
    coalescer.push('a', 1);
    coalescer.push('a', 2);
    coalescer.push('b', 1);
    coalescer.flush();
    expect(sent).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ]);
    expect(coalescer.size).toBe(0);
    coalescer.push('c', 1);
    coalescer.push('c', 2);
    coalescer.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent.at(-1)).toEqual(['c', 1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('survives a throwing sink', () => {
    const failing = new Coalescer<number>({
      emit: () => {
        throw new Error('window destroyed');
      },
    });
    expect(() => failing.push('a', 1)).not.toThrow();
    failing.push('a', 2);
    expect(() => vi.advanceTimersByTime(100)).not.toThrow();
    failing.dispose();
  });

  it('uses the injected clock', () => {
    const scheduled: (() => void)[] = [];
    const clock = { now: () => 0, setTimeout: (fn: () => void) => scheduled.push(fn), clearTimeout: () => {} };
    const manual = new Coalescer<number>({ clock, emit: (key, value) => sent.push([key, value]) });
    manual.push('k', 1);
    manual.push('k', 2);
    expect(scheduled).toHaveLength(1);
    scheduled[0]!();
    expect(sent).toEqual([
      ['k', 1],
      ['k', 2],
    ]);
  });
});

/** A test-only event map: a keyed task event (as the video half will add) and a singleton. */
interface TestEvents {
  'task.changed': { localId: string; progress: number };
  'balance.changed': { total: number };
}
const TEST_KEYS = { 'task.changed': 'localId', 'balance.changed': null } as const;

describe('createPublisher (keys declared per event)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function publisher() {
    const sent: EventMessage<TestEvents>[] = [];
    return { sent, publisher: createPublisher<TestEvents>({ keys: TEST_KEYS, send: (message) => sent.push(message) }) };
  }

  it('delivers interleaved updates of two items (L1, L2, L1 within 100 ms): both items, L1 ends on its last value', () => {
    const { sent, publisher: p } = publisher();
    p.publish({ event: 'task.changed', payload: { localId: 'L1', progress: 10 } });
    vi.advanceTimersByTime(20);
    p.publish({ event: 'task.changed', payload: { localId: 'L2', progress: 5 } });
    vi.advanceTimersByTime(20);
    p.publish({ event: 'task.changed', payload: { localId: 'L1', progress: 30 } });
    vi.advanceTimersByTime(200);
    expect(sent.map((m) => m.payload)).toEqual([
      { localId: 'L1', progress: 10 },
      { localId: 'L2', progress: 5 },
      { localId: 'L1', progress: 30 },
    ]);
    p.dispose();
  });

  it('a singleton event keeps only the last payload of a burst, whatever fields it has', () => {
    const { sent, publisher: p } = publisher();
    for (let total = 1; total <= 5; total += 1) p.publish({ event: 'balance.changed', payload: { total } });
    vi.advanceTimersByTime(100);
    expect(sent.map((m) => m.payload)).toEqual([{ total: 1 }, { total: 5 }]);
    p.dispose();
  });

  it('caps one item at 10 updates per second while another item still gets through', () => {
    const { sent, publisher: p } = publisher();
    for (let t = 0; t < 1000; t += 10) {
      p.publish({ event: 'task.changed', payload: { localId: 'L1', progress: t } });
      vi.advanceTimersByTime(10);
    }
    p.publish({ event: 'task.changed', payload: { localId: 'L2', progress: 1 } });
    vi.advanceTimersByTime(500);
    const itemOf = (m: EventMessage<TestEvents>) => (m.event === 'task.changed' ? m.payload.localId : null);
    const l1 = sent.filter((m) => itemOf(m) === 'L1');
    expect(l1.length).toBeLessThanOrEqual(11);
    expect(l1.at(-1)?.payload).toEqual({ localId: 'L1', progress: 990 });
    expect(sent.filter((m) => itemOf(m) === 'L2')).toHaveLength(1);
    p.dispose();
  });

  it('coalesceKey names the item by the declared field only, never by guessing', () => {
    expect(coalesceKey<TestEvents>(TEST_KEYS, { event: 'task.changed', payload: { localId: 'L9', progress: 0 } })).toBe('task.changed#L9');
    expect(coalesceKey<TestEvents>(TEST_KEYS, { event: 'balance.changed', payload: { total: 1 } })).toBe('balance.changed');
    expect(coalesceKey<Events>(EVENT_KEYS, { event: 'recharge.changed', payload: { id: 'r9', amount: 1, state: 'waiting', baseline: null, startedAt: 0, deadline: 0 } })).toBe('recharge.changed#r9');
    // A singleton whose payload happens to carry an id is still one item.
    expect(coalesceKey<Events>(EVENT_KEYS, { event: 'session.expired', payload: { id: 'x' } as never })).toBe('session.expired');
  });

  it('the key map only accepts a field of the payload (checked by tsc on this file)', () => {
    // @ts-expect-error 'taskId' is not a field of task.changed's payload
    const wrongField: EventKeyMap<TestEvents> = { 'task.changed': 'taskId', 'balance.changed': null };
    // @ts-expect-error an event may not be left out
    const missing: EventKeyMap<TestEvents> = { 'task.changed': 'localId' };
    expect([wrongField, missing]).toHaveLength(2);
  });

  it('publishBus stops listening to the bus on dispose', () => {
    const bus = new EventBus();
    const sent: unknown[] = [];
    const p = publishBus(bus, (message) => sent.push(message));
    bus.publish('session.expired', {});
    p.dispose();
    bus.publish('session.expired', { lastPhone: '1' });
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([{ event: 'session.expired', payload: {} }]);
  });
});
