import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../preload/contract/models';
import { EventBus } from '../core/bus';
import { BusyTracker } from '../core/busy';
import { silentLogger } from '../lib/logger';
import { memoryStore } from '../testing/memory-ports';
import { startDesktopLife, type DesktopLifeDeps } from './desktop-life';
import { WINDOW_STATE_KEY } from './window-state';

const settings = { keepRunningInTray: true, openAtLogin: false } as Settings;

function setup(overrides: Partial<DesktopLifeDeps> = {}) {
  const bus = new EventBus();
  const store = memoryStore();
  const app = { setLoginItemSettings: vi.fn(), quit: vi.fn(), isPackaged: true };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1440, height: 900 } };
  const tray = Object.assign(new EventEmitter(), { setToolTip: vi.fn(), setContextMenu: vi.fn(), setTitle: vi.fn(), destroy: vi.fn() });
  const life = startDesktopLife({
    app: app as never,
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display } as never,
    createTray: () => tray as never,
    buildMenu: (template) => template as never,
    trayIcon: () => 'icon.png',
    platform: 'win32',
    store,
    bus,
    busy: new BusyTracker(),
    notifier: null,
    logger: silentLogger,
    settings: async () => settings,
    window: () => null,
    openWindow: vi.fn(),
    ...overrides,
  });
  return { life, app, bus, store, tray };
}

describe('desktop life', () => {
  it('registers start at login when the setting turns on, and not again for unrelated changes', async () => {
    const { app, bus } = setup();
    await vi.waitFor(() => expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false }));
    bus.publish('settings.changed', { ...settings, openAtLogin: true });
    bus.publish('settings.changed', { ...settings, openAtLogin: true, theme: 'dark' });
    expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: false }], [{ openAtLogin: true }]]);
  });

  it('leaves the login items alone in a development build and on Linux (Electron cannot set them there)', async () => {
    const linux = setup({ platform: 'linux' });
    const dev = setup({ app: { setLoginItemSettings: vi.fn(), quit: vi.fn(), isPackaged: false } as never });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(linux.app.setLoginItemSettings).not.toHaveBeenCalled();
    expect(dev.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('opens where the window was left, fitted to the displays present', () => {
    const { life, store } = setup();
    expect(life.initialBounds()).toEqual({ bounds: null, maximized: false });
    store.set(WINDOW_STATE_KEY, { bounds: { x: 3000, y: 0, width: 1200, height: 800 }, maximized: true });
    expect(life.initialBounds()).toEqual({ bounds: { x: 120, y: 50, width: 1200, height: 800 }, maximized: true });
  });

  it('takes the tray down once, however often quitting asks', () => {
    const { life, tray } = setup();
    life.dispose();
    life.dispose();
    expect(tray.destroy).toHaveBeenCalledTimes(1);
  });

  it('counts running tasks from task.changed for the tray: a task counts until it is terminal', () => {
    const { life, bus } = setup();
    const task = (localId: string, terminal: boolean) => ({ localId, terminal }) as never;
    bus.publish('task.changed', task('L1', false));
    bus.publish('task.changed', task('L2', false));
    bus.publish('task.changed', task('L1', false)); // another update of the same task
    expect(life.tray?.runningCount()).toBe(2);
    bus.publish('task.changed', task('L1', true));
    expect(life.tray?.runningCount()).toBe(1);
  });
});
