/**
 * Per-key throttle for events sent to the renderer: the first update of a burst goes out at
 * once, later ones within the interval collapse into one trailing update carrying the LAST
 * value. So a key emits at most once per interval (10/s at 100 ms) and the final state always
 * arrives. Pure, with an injectable clock so it is tested with fake timers.
 */
import { systemClock, type Clock } from '../core/ports';

export interface CoalescerOptions<T> {
  emit: (key: string, value: T) => void;
  intervalMs?: number;
  clock?: Clock;
}

interface Slot<T> {
  timer: unknown;
  pending: { value: T } | null;
}

export class Coalescer<T> {
  private readonly slots = new Map<string, Slot<T>>();
  private readonly emit: (key: string, value: T) => void;
  private readonly intervalMs: number;
  private readonly clock: Clock;

  constructor(options: CoalescerOptions<T>) {
    this.emit = options.emit;
    this.intervalMs = options.intervalMs ?? 100;
    this.clock = options.clock ?? systemClock;
  }

  push(key: string, value: T): void {
    const slot = this.slots.get(key);
    if (slot) {
      slot.pending = { value }; // replaces an older pending value: only the last one matters
      return;
    }
    this.slots.set(key, { timer: this.startWindow(key), pending: null });
    this.safeEmit(key, value);
  }

  /** Sends every pending value now (before quitting) and forgets all windows. */
  flush(): void {
    const entries = [...this.slots.entries()];
    this.clear();
    for (const [key, slot] of entries) if (slot.pending) this.safeEmit(key, slot.pending.value);
  }

  /** Drops pending values and timers. */
  dispose(): void {
    this.clear();
  }

  /** Keys with an open window (tests, diagnostics). */
  get size(): number {
    return this.slots.size;
  }

  private clear(): void {
    for (const slot of this.slots.values()) this.clock.clearTimeout(slot.timer);
    this.slots.clear();
  }

  /** When the window closes: send the pending value and open a new window, or forget the key. */
  private startWindow(key: string): unknown {
    return this.clock.setTimeout(() => {
      const slot = this.slots.get(key);
      if (!slot) return;
      if (!slot.pending) {
        this.slots.delete(key);
        return;
      }
      const { value } = slot.pending;
      slot.pending = null;
      slot.timer = this.startWindow(key);
      this.safeEmit(key, value);
    }, this.intervalMs);
  }

  private safeEmit(key: string, value: T): void {
    try {
      this.emit(key, value);
    } catch {
      // A failing sink (a destroyed window) must not break the publisher or the other keys.
    }
  }
}
