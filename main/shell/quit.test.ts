import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger';
import { disposeOnQuit } from './quit';

function setup(dispose: () => Promise<void> = async () => {}) {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  const core = { dispose: vi.fn(dispose) };
  const detach = vi.fn();
  const quit = disposeOnQuit(app as never, core, { detach, timeoutMs: 200, logger: silentLogger });
  const beforeQuit = () => {
    const preventDefault = vi.fn();
    app.emit('before-quit', { preventDefault });
    return preventDefault;
  };
  return { app, core, detach, quit, beforeQuit };
}

describe('disposeOnQuit', () => {
  it('holds the quit until the core is disposed, then quits once; a later before-quit passes', async () => {
    const { app, core, detach, beforeQuit } = setup();
    expect(beforeQuit()).toHaveBeenCalledTimes(1);
    expect(detach).toHaveBeenCalledTimes(1);
    expect(core.dispose).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(beforeQuit()).not.toHaveBeenCalled();
  });

  it('quits after the timeout when disposing hangs', async () => {
    const { app, beforeQuit } = setup(() => new Promise(() => undefined));
    beforeQuit();
    expect(app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1), { timeout: 2_000 });
  });

  it('disposeNow (session end) disposes once and does not quit; a later quit does not dispose again', async () => {
    const { app, core, quit, beforeQuit } = setup();
    await Promise.all([quit.disposeNow(), quit.disposeNow()]);
    expect(core.dispose).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();
    beforeQuit();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(core.dispose).toHaveBeenCalledTimes(1);
  });

  it('a failing dispose is logged and the app still quits', async () => {
    const { app, beforeQuit } = setup(() => Promise.reject(new Error('disk full')));
    beforeQuit();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });
});
