import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createAppTray, trayTooltip } from './tray';

function setup(isMac = false) {
  const handlers = new Map<string, () => void>();
  const tray = {
    setToolTip: vi.fn(),
    setContextMenu: vi.fn(),
    setTitle: vi.fn(),
    destroy: vi.fn(),
    on: vi.fn((event: string, handler: () => void) => void handlers.set(event, handler)),
  };
  const state = { visible: true };
  const deps = {
    createTray: vi.fn(() => tray as never),
    buildMenu: vi.fn((template: MenuItemConstructorOptions[]) => ({ template }) as never),
    icon: '/icons/tray.png',
    isMac,
    isWindowVisible: () => state.visible,
    showWindow: vi.fn(),
    hideWindow: vi.fn(),
    quit: vi.fn(),
  };
  const appTray = createAppTray(deps);
  const lastMenu = () => (deps.buildMenu.mock.calls.at(-1)![0] as MenuItemConstructorOptions[]);
  const click = (label: RegExp) => (lastMenu().find((item) => label.test(String(item.label)))!.click as () => void)();
  return { appTray, tray, deps, state, handlers, lastMenu, click };
}

describe('tray', () => {
  it('shows the running-task count in the tooltip, and on macOS as the title', () => {
    const { appTray, tray } = setup(true);
    expect(tray.setToolTip).toHaveBeenLastCalledWith('元境 Desktop');
    appTray.setRunningCount(3);
    expect(tray.setToolTip).toHaveBeenLastCalledWith(trayTooltip(3));
    expect(trayTooltip(3)).toContain('3 个任务进行中');
    expect(tray.setTitle).toHaveBeenLastCalledWith('3');
    appTray.setRunningCount(0);
    expect(tray.setTitle).toHaveBeenLastCalledWith('');
  });

  it('offers hide while the window is visible and show once hidden; quit quits', () => {
    const { appTray, deps, state, click, lastMenu } = setup();
    click(/隐藏/);
    expect(deps.hideWindow).toHaveBeenCalled();
    state.visible = false;
    appTray.refresh();
    expect(lastMenu()[0]!.label).toContain('显示');
    click(/显示/);
    expect(deps.showWindow).toHaveBeenCalled();
    click(/退出/);
    expect(deps.quit).toHaveBeenCalled();
  });

  it('brings the window back on a click of the icon outside macOS', () => {
    const { deps, handlers } = setup(false);
    handlers.get('click')!();
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
  });
});
