import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../core/ports';
import { Coalescer } from './coalescer';

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
