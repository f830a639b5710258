import type { AppEvent, EventName, Events } from '../../preload/contract';

/** Main's event bus: services publish, the IPC layer (or the browser host's SSE) forwards. */
export class EventBus {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  publish<K extends EventName>(event: K, payload: Events[K]): void {
    const message = { event, payload } as AppEvent;
    for (const listener of [...this.listeners]) listener(message);
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
