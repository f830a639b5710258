/**
 * A Clock the test moves by hand: `advance(ms)` runs due timers in time order (timers they
 * schedule included). For code that takes a Clock port, where vi.useFakeTimers would also
 * freeze the simulator and the HTTP client.
 */
import type { Clock } from '../core/ports';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export interface FakeClock extends Clock {
  advance(ms: number): void;
  /** Timers not yet run. */
  pending(): number;
}

export function fakeClock(start = 0): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.values()].filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!next) break;
        timers.delete(next.id);
        now = next.at;
        next.fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}
