/**
 * Electron's side of the IPC: ONE invoke channel in front of the router (with the sender
 * check first), and ONE event channel fed from the bus through the one publisher.
 * Only electron TYPES are imported, so tests pass plain fakes for ipcMain and webContents.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type Result } from '../../preload/contract';
import type { EventBus } from '../core/bus';
import type { Clock, Logger } from '../core/ports';
import { publishBus } from '../core/publisher';
import type { Router } from './router';

export interface RegisterOptions {
  /** Top frame of our window, showing our page (see sender.ts and shell/trust.ts). */
  isTrusted(event: IpcMainInvokeEvent): boolean;
  logger?: Logger;
}

function forbidden(): Result<never> {
  return { ok: false, error: { code: 'forbidden_sender', message: 'This page may not call the app' } };
}

/** Registers the invoke channel; returns the function that removes it. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, router: Router, options: RegisterOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, route: unknown, input: unknown) => {
    let trusted = false;
    try {
      trusted = options.isTrusted(event);
    } catch {
      trusted = false; // a destroyed frame throws on access: treat as foreign
    }
    if (!trusted) {
      options.logger?.warn('ipc: refused an untrusted sender', { route: typeof route === 'string' ? route.slice(0, 64) : typeof route });
      return forbidden();
    }
    return router(route, input);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

export interface ForwardOptions {
  intervalMs?: number;
  clock?: Clock;
}

export interface EventForwarder {
  /** Sends what is pending (before quitting). */
  flush(): void;
  /** Unsubscribes from the bus and drops pending updates. */
  dispose(): void;
}

/**
 * Every bus event goes to the window on EVENT_CHANNEL through the one publisher (core/publisher.ts):
 * coalesced per item as EVENT_KEYS declares, the last value always delivered. A missing or
 * destroyed window simply misses the update (the next snapshot brings it up to date).
 */
export function forwardEvents(bus: EventBus, getWebContents: () => EventTarget | null | undefined, options: ForwardOptions = {}): EventForwarder {
  const publisher = publishBus(
    bus,
    (message) => {
      const target = getWebContents();
      if (!target || target.isDestroyed()) return;
      target.send(EVENT_CHANNEL, message);
    },
    options,
  );
  return { flush: publisher.flush, dispose: publisher.dispose };
}
