/**
 * The ONE coalescing publisher of events to a renderer, used by Electron's IPC (ipc/register.ts)
 * and by the browser host's SSE stream (host/server.ts), so end-to-end tests see what the
 * desktop sees. Per item: the first update of a burst goes out at once, later ones within the
 * interval collapse into one trailing update carrying the LAST value. So an item emits at most
 * once per interval (10/s at 100 ms) and its final state always arrives. What an item is comes
 * from the contract's EVENT_KEYS, never from guessing at field names; payloads are full
 * snapshots, so dropping the middle of a burst loses nothing. Injectable clock for fake timers.
 */
import { EVENT_KEYS, type EventKeyMap, type Events } from '../../preload/contract/events';
import type { EventBus } from './bus';
import { systemClock, type Clock } from './ports';

/** 100 ms: at most 10 updates per second per item. */
export const PUBLISH_INTERVAL_MS = 100;

/** `{ event, payload }` for an event map E (the contract's Events by default). */
export type EventMessage<E = Events> = { [K in keyof E]: { event: K; payload: E[K] } }[keyof E];

export interface PublisherOptions<E> {
  /** Where coalesced messages go (a window's webContents, every open SSE stream). */
  send: (message: EventMessage<E>) => void;
  /** Which payload field names the item, per event (EVENT_KEYS for the app's events). */
  keys: EventKeyMap<E>;
  intervalMs?: number;
  clock?: Clock;
}

export interface Publisher<E = Events> {
  publish(message: EventMessage<E>): void;
  /** Sends every pending update now (before quitting). */
  flush(): void;
  /** Drops pending updates and timers. */
  dispose(): void;
}

export function createPublisher<E>(options: PublisherOptions<E>): Publisher<E> {
  const coalescer = new Coalescer<EventMessage<E>>({
    intervalMs: options.intervalMs ?? PUBLISH_INTERVAL_MS,
    clock: options.clock,
    emit: (_key, message) => options.send(message),
  });
  return {
    publish: (message) => coalescer.push(coalesceKey(options.keys, message), message),
    flush: () => coalescer.flush(),
    dispose: () => coalescer.dispose(),
  };
}

/** The app's bus through one publisher keyed by EVENT_KEYS; dispose also unsubscribes. */
export function publishBus(bus: EventBus, send: (message: EventMessage) => void, options: { intervalMs?: number; clock?: Clock } = {}): Publisher {
  const publisher = createPublisher<Events>({ ...options, send, keys: EVENT_KEYS });
  const unsubscribe = bus.subscribe((message) => publisher.publish(message));
  return {
    publish: publisher.publish,
    flush: publisher.flush,
    dispose: () => {
      unsubscribe();
      publisher.dispose();
    },
  };
}

/** `'recharge.changed#r1'` for a keyed event, the event name for a singleton. */
export function coalesceKey<E>(keys: EventKeyMap<E>, message: EventMessage<E>): string {
  const { event, payload } = message as { event: keyof E & string; payload: unknown };
  const field = keys[event];
  if (field === null || field === undefined) return event;
  const value = (payload as Record<string, unknown> | null)?.[field];
  return `${event}#${String(value)}`;
}

export interface CoalescerOptions<T> {
  emit: (key: string, value: T) => void;
  intervalMs?: number;
  clock?: Clock;
}

interface Slot<T> {
  timer: unknown;
  pending: { value: T } | null;
}

/** Per-key throttle under the publisher; exported for its own tests. */
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
