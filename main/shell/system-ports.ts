/**
 * Electron's side of the ports the video half needs: where data and downloads live (app paths),
 * power and network changes (powerMonitor, net.isOnline), a folder chooser (dialog) and the
 * taskbar/dock progress (BrowserWindow.setProgressBar). Electron objects come in as parameters
 * (types only imported) so tests pass plain fakes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, Net, PowerMonitor, Shell } from 'electron';
import type { DataPaths, FilePicker, FolderOpener, FolderPicker, ProgressBadge, SaveFilePicker, SystemEvent, SystemEvents } from '../core/ports';

export function createDataPaths(app: Pick<App, 'getPath'>): DataPaths {
  return {
    dataDir: () => join(app.getPath('userData'), 'data'),
    downloadsDir: () => app.getPath('downloads'),
    videosDir: () => {
      // getPath throws where the OS names no Videos folder (some Linux desktops); a missing one counts as none.
      try {
        const videos = app.getPath('videos');
        return videos && existsSync(videos) ? videos : null;
      } catch {
        return null;
      }
    },
  };
}

/** Electron has no online/offline event in main: net.isOnline() is sampled while anyone listens. */
export const ONLINE_SAMPLE_MS = 5_000;

export function createSystemEvents(
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>,
  net: Pick<Net, 'isOnline'>,
  sampleMs = ONLINE_SAMPLE_MS,
): SystemEvents & { dispose(): void } {
  const listeners = new Map<SystemEvent, Set<() => void>>();
  const fire = (event: SystemEvent) => () => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener();
  };
  const onSuspend = fire('suspend');
  const onResume = fire('resume');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  let online = net.isOnline();
  const sampler = setInterval(() => {
    const now = net.isOnline();
    if (now === online) return;
    online = now;
    fire(now ? 'online' : 'offline')();
  }, sampleMs);
  sampler.unref?.();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => void set.delete(listener);
    },
    dispose() {
      clearInterval(sampler);
      powerMonitor.removeListener('suspend', onSuspend);
      powerMonitor.removeListener('resume', onResume);
      listeners.clear();
    },
  };
}

type Window = Pick<BrowserWindow, 'isDestroyed' | 'setProgressBar'>;

/** The native folder dialog, attached to our window when there is one. */
export function createFolderPicker(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | null): FolderPicker {
  return {
    async pickFolder({ title, defaultPath }) {
      const options = { title, ...(defaultPath ? { defaultPath } : {}), properties: ['openDirectory' as const, 'createDirectory' as const] };
      const parent = window();
      const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

/** The native open dialog for files (the studio's images), attached to our window when there is one. */
export function createFilePicker(dialog: Pick<Dialog, 'showOpenDialog'>, window: () => BrowserWindow | null): FilePicker {
  return {
    async pickFiles({ title, filters, multiple }) {
      const properties: ('openFile' | 'multiSelections')[] = multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const options = { title, filters, properties };
      const parent = window();
      const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
  };
}

/**
 * Progress on the taskbar (Windows) or dock (macOS); -1 removes it. The running-task count goes
 * on the app icon (macOS dock, Linux Unity); where the OS has no badge, Electron ignores it.
 */
export function createProgressBadge(window: () => Window | null, app?: Pick<App, 'setBadgeCount'>): ProgressBadge {
  return {
    setBadgeCount(count) {
      app?.setBadgeCount(Math.max(0, Math.floor(count)));
    },
    setProgress(fraction) {
      const target = window();
      if (!target || target.isDestroyed()) return;
      target.setProgressBar(fraction === null ? -1 : Math.min(1, Math.max(0, fraction)));
    },
  };
}

/** The native save dialog (diagnostics export), in the user's Documents folder by default. */
export function createSaveFilePicker(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  app: Pick<App, 'getPath'>,
  window: () => BrowserWindow | null,
): SaveFilePicker {
  return {
    async pickSaveFile({ title, defaultName, filters }) {
      const options = { title, defaultPath: join(app.getPath('documents'), defaultName), ...(filters ? { filters } : {}), properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] };
      const parent = window();
      const result = parent && !parent.isDestroyed() ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** shell.openPath answers '' on success and an error text otherwise. */
export function createFolderOpener(shell: Pick<Shell, 'openPath'>): FolderOpener {
  return { openFolder: async (path) => (await shell.openPath(path)) === '' };
}
