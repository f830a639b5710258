/** The Notifier port on Electron's Notification (silently nothing where the OS has none). */
import { BrowserWindow, Notification } from 'electron';
import type { Notifier } from '../core/ports';

export function createNotifier(): Notifier {
  return {
    notify({ title, body }) {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    appFocused: () => BrowserWindow.getFocusedWindow() !== null,
  };
}
