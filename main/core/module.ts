/**
 * The shape of a domain module (core/modules/<domain>.ts): it builds its services from the
 * kernel and the modules it depends on, and returns its routes, an optional `ready` (start-up
 * work every handler waits for) and `dispose` (stop timers, flush state). createCore disposes
 * the modules in reverse order of construction, so a module outlives the ones built on it.
 */
import type { RouteName } from '../../preload/contract';
import type { BusyTracker } from './busy';
import type { EventBus } from './bus';
import type { Clock, CoreConfig, CorePorts, Logger } from './ports';
import type { RouteSet } from './routes';

export interface CoreModule<K extends RouteName = never> {
  routes: RouteSet<K>;
  /** Never rejects: a failed start is logged and the module serves what it can. */
  ready?: Promise<void>;
  dispose(): void | Promise<void>;
}

/** What every module gets: the ports and config createCore received, and the kernel. */
export interface Kernel {
  ports: CorePorts;
  config: CoreConfig;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** Work a restart would break (a video submission in flight): see busy.ts. */
  busy: BusyTracker;
}

/**
 * Disposes modules last-built first, each awaited; a failing module is logged and the others
 * still stop (quitting must flush the cookie jar even when a timer refused to stop).
 */
export async function disposeInReverse(modules: readonly Pick<CoreModule, 'dispose'>[], logger: Logger): Promise<void> {
  for (const module of [...modules].reverse()) {
    try {
      await module.dispose();
    } catch (error) {
      logger.error('a core module failed to stop', { error });
    }
  }
}
