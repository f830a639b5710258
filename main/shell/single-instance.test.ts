import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from './single-instance';

function fakeApp(lock: boolean) {
  const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => lock), quit: vi.fn() });
  return app;
}

function fakeWindow(minimized: boolean) {
  return { isMinimized: () => minimized, restore: vi.fn(), show: vi.fn(), focus: vi.fn(), isDestroyed: () => false };
}

describe('claimSingleInstance', () => {
  it('quits when another copy holds the lock', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('focuses (and restores) the existing window when a second copy starts', () => {
    const app = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app as never, () => window as never)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('opens a window when a second copy starts while none is open (macOS keeps running without one)', () => {
    const app = fakeApp(true);
    const openWindow = vi.fn();
    claimSingleInstance(app as never, () => null, openWindow);
    app.emit('second-instance');
    expect(openWindow).toHaveBeenCalledTimes(1);
  });
});
