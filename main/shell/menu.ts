/**
 * The application menu, kept minimal: on macOS the app menu (about, hide, quit) and a Window
 * menu; everywhere an Edit menu, because without it copy/paste shortcuts do not work in text
 * fields on macOS; View → Reload / DevTools only in development.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  isMac: boolean;
  isDev: boolean;
  appName: string;
}

export function buildMenuTemplate({ isMac, isDev, appName }: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  template.push({
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  });
  if (isDev) {
    template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] });
  }
  if (isMac) {
    template.push({ role: 'windowMenu' });
  } else {
    template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  }
  return template;
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
