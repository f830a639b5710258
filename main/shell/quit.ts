/**
 * Quitting waits (bounded) for the core to stop its timers and flush the cookie jar, then quits
 * for real. `disposeNow` is for endings without 'before-quit' (a Windows logoff or shutdown
 * ends the app after the window's 'session-end'): the same work, started once.
 */
import type { App } from 'electron';
import type { Logger } from '../core/ports';

export interface DisposeOnQuitOptions {
  /** Stops IPC and event forwarding before the core goes away. */
  detach: () => void;
  timeoutMs: number;
  logger: Logger;
}

export function disposeOnQuit(
  app: Pick<App, 'on' | 'quit'>,
  core: { dispose(): Promise<void> },
  options: DisposeOnQuitOptions,
): { disposeNow(): Promise<void> } {
  let disposing: Promise<void> | null = null;
  const disposeNow = (): Promise<void> => {
    if (!disposing) {
      options.detach();
      disposing = core.dispose().catch((error: unknown) => options.logger.error('dispose failed', { error }));
    }
    return disposing;
  };
  let done = false;
  app.on('before-quit', (event) => {
    if (done) return;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.timeoutMs).unref());
    void Promise.race([disposeNow(), timeout]).finally(() => {
      if (done) return;
      done = true;
      app.quit();
    });
  });
  return { disposeNow };
}
