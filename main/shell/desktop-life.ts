/**
 * The desktop app's life around its window (Electron only): the tray, close-to-tray while work
 * is active (services/desktop/close-to-tray.ts decides), the window's remembered size and place
 * (window-state.ts) and start at login. Electron objects come in as parameters, so a test drives
 * it with fakes; main/index.ts only wires it.
 */
import type { App, BrowserWindow, Display, Menu, MenuItemConstructorOptions, NativeImage, Screen, Tray } from 'electron';
import type { Settings } from '../../preload/contract/models';
import type { EventBus } from '../core/bus';
import type { BusyTracker } from '../core/busy';
import type { KeyValueStore, Logger, Notifier } from '../core/ports';
import { CloseToTray } from '../services/desktop/close-to-tray';
import { createAppTray, type AppTray } from './tray';
import { fitOnScreen, loadWindowState, trackWindowState, type Bounds } from './window-state';

export const WINDOW_MIN = { minWidth: 960, minHeight: 640 } as const;

export interface DesktopLifeDeps {
  app: Pick<App, 'setLoginItemSettings' | 'quit' | 'isPackaged'>;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  createTray: (icon: NativeImage | string) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy' | 'setTitle'>;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  trayIcon: () => NativeImage | string;
  platform: NodeJS.Platform;
  store: KeyValueStore;
  bus: EventBus;
  busy: BusyTracker;
  notifier: Notifier | null;
  logger: Logger;
  /** The settings as main holds them (read once the core is ready). */
  settings: () => Promise<Settings>;
  window: () => BrowserWindow | null;
  openWindow: () => void;
}

export interface DesktopLife {
  /** Where to open the window: the remembered bounds, fitted to the displays present. */
  initialBounds(): { bounds: Bounds | null; maximized: boolean };
  /** Hooks a new main window: remember its bounds, hide it to the tray instead of closing while work runs. */
  attach(window: BrowserWindow): void;
  tray: AppTray | null;
  dispose(): void;
}

function workAreas(screen: DesktopLifeDeps['screen']): Bounds[] {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display: Display) => display.id !== primary.id);
  return [primary, ...others].map((display) => display.workArea);
}

export function startDesktopLife(deps: DesktopLifeDeps): DesktopLife {
  let current: Pick<Settings, 'keepRunningInTray' | 'openAtLogin'> | null = null;
  const canStartAtLogin = deps.app.isPackaged && (deps.platform === 'win32' || deps.platform === 'darwin');

  const apply = (next: Settings): void => {
    const previous = current;
    current = { keepRunningInTray: next.keepRunningInTray, openAtLogin: next.openAtLogin };
    if (canStartAtLogin && previous?.openAtLogin !== next.openAtLogin) deps.app.setLoginItemSettings({ openAtLogin: next.openAtLogin });
  };
  void deps.settings().then(apply, (error: unknown) => deps.logger.warn('desktop settings unavailable', { error }));
  // Tasks still running, by localId: the tray's count and the close-to-tray rule read it.
  const running = new Set<string>();
  const unsubscribe = deps.bus.subscribe((event) => {
    if (event.event === 'settings.changed') apply(event.payload);
    if (event.event === 'task.changed') {
      const before = running.size;
      if (event.payload.terminal) running.delete(event.payload.localId);
      else running.add(event.payload.localId);
      if (running.size !== before) tray?.setRunningCount(running.size);
    }
  });

  const showWindow = (): void => {
    const window = deps.window();
    if (!window) return deps.openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  let tray: AppTray | null = null;
  try {
    tray = createAppTray({
      createTray: deps.createTray,
      buildMenu: deps.buildMenu,
      icon: deps.trayIcon(),
      isMac: deps.platform === 'darwin',
      isWindowVisible: () => deps.window()?.isVisible() ?? false,
      showWindow,
      hideWindow: () => deps.window()?.hide(),
      quit: () => deps.app.quit(),
    });
  } catch (error) {
    // Some Linux desktops have no tray: the app then simply quits when its window closes.
    deps.logger.warn('no tray available', { error });
  }

  const closeToTray = new CloseToTray({
    keepRunningInTray: () => current?.keepRunningInTray ?? true,
    isWorkActive: () => (tray?.runningCount() ?? 0) > 0 || deps.busy.isBusy(),
    hasTray: () => tray !== null,
    store: deps.store,
    notifier: deps.notifier,
  });

  return {
    tray,
    initialBounds() {
      const saved = loadWindowState(deps.store);
      if (!saved) return { bounds: null, maximized: false };
      return { bounds: fitOnScreen(saved.bounds, workAreas(deps.screen), WINDOW_MIN), maximized: saved.maximized };
    },
    attach(window) {
      trackWindowState(window, deps.store);
      window.on('close', (event) => {
        if (closeToTray.onCloseRequested() === 'close') return;
        event.preventDefault();
        window.hide();
      });
      for (const change of ['show', 'hide'] as const) window.on(change as 'show', () => tray?.refresh());
    },
    dispose() {
      closeToTray.markQuitting();
      unsubscribe();
      tray?.dispose();
      tray = null;
    },
  };
}

/** Marks the app as quitting before its windows receive 'close' (Electron sends 'before-quit' first). */
export function closeForRealOnQuit(app: Pick<App, 'on'>, life: Pick<DesktopLife, 'dispose'>): void {
  app.on('before-quit', () => life.dispose());
}
