/**
 * The tray icon: show/hide the window, quit, and the number of running video tasks in the
 * tooltip (and, on macOS, next to the icon). Electron's Tray and Menu come in as parameters
 * so this is tested with plain fakes. The count is pushed by whoever knows it: `main/index.ts`
 * feeds it from the task events once the task module publishes `task.changed`; until then
 * `setRunningCount` is the door.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';

export interface TrayDeps {
  createTray: (icon: NativeImage | string) => Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy' | 'setTitle'>;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  icon: NativeImage | string;
  isMac: boolean;
  isWindowVisible: () => boolean;
  showWindow: () => void;
  hideWindow: () => void;
  quit: () => void;
}

export interface AppTray {
  setRunningCount(count: number): void;
  runningCount(): number;
  /** Rebuilds the menu (the show/hide label follows the window). */
  refresh(): void;
  dispose(): void;
}

export function trayTooltip(count: number): string {
  return count > 0 ? `元境 Desktop — ${count} 个任务进行中 / ${count} running` : '元境 Desktop';
}

export function createAppTray(deps: TrayDeps): AppTray {
  const tray = deps.createTray(deps.icon);
  let running = 0;

  const refresh = (): void => {
    const visible = deps.isWindowVisible();
    tray.setContextMenu(
      deps.buildMenu([
        { label: visible ? '隐藏窗口 / Hide' : '显示窗口 / Show', click: () => (visible ? deps.hideWindow() : deps.showWindow()) },
        { type: 'separator' },
        { label: '退出 / Quit', click: () => deps.quit() },
      ]),
    );
    tray.setToolTip(trayTooltip(running));
    if (deps.isMac) tray.setTitle(running > 0 ? String(running) : '');
  };

  // Windows and Linux: a click on the icon brings the window back (macOS opens the menu).
  tray.on('click', () => {
    if (!deps.isMac) deps.showWindow();
  });
  refresh();

  return {
    setRunningCount(count) {
      const next = Math.max(0, Math.floor(count));
      if (next === running) return;
      running = next;
      refresh();
    },
    runningCount: () => running,
    refresh,
    dispose: () => tray.destroy(),
  };
}
