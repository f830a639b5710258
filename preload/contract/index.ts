/**
 * The IPC contract between main and the renderer: types only (plus the route-name list).
 * The preload and the renderer import from here; zod schemas live in main.
 */
import type { Result } from './errors';
import type { AppEvent } from './events';
import type { RouteInput, RouteName, RouteOutput } from './routes';

export * from './errors';
export * from './events';
export * from './models';
export * from './routes';

/** The one invoke channel and the one event channel. */
export const INVOKE_CHANNEL = 'yj:invoke';
export const EVENT_CHANNEL = 'yj:event';

/** What the preload (or the browser bridge) puts on `window.yj`. */
export interface YjBridge {
  invoke<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteOutput<K>>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}
