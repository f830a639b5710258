/**
 * A fake Clock for tests and simulated benches: time moves only when `advance` is called, and
 * timers fire in due order with the promise queue flushed between them, so async callbacks
 * (a poll tick awaiting a fake request) finish before the next timer is considered.
 */
import type { Clock } from '../core/ports';

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** Lets every already-queued promise continuation run (several turns, for chained awaits). */
export async function flushPromises(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i += 1) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  constructor(start = Date.UTC(2026, 11, 2, 8, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Timers waiting to fire. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Delay until the next timer fires, or null when none is set. */
  nextDelay(): number | null {
    if (this.timers.length === 0) return null;
    return Math.min(...this.timers.map((t) => t.at)) - this.time;
  }

  /** Moves time forward by `ms`, firing due timers one by one in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await flushPromises();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
      await flushPromises();
    }
    this.time = end;
  }
}
