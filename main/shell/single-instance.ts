/**
 * One running copy: a second launch focuses the existing window (or opens one: on macOS the app
 * lives on with no window) and exits. Two copies would race on the cookie jar and the settings.
 */
import type { App, BrowserWindow } from 'electron';

type FocusableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus' | 'isDestroyed'>;

/** Returns false when another copy runs (this one is already quitting). */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => FocusableWindow | null,
  openWindow: () => void = () => undefined,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = getWindow();
    if (!window || window.isDestroyed()) {
      openWindow();
      return;
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
