/**
 * electron-updater behind the UpdaterPort of services/updates/policy.ts. The update provider
 * (GitHub releases or a generic server) is chosen at build time: electron-builder writes
 * app-update.yml into the app's resources when the release workflow passes a `publish` config;
 * without that file, or in a development build, there is nothing to update from.
 *
 * Signature checks stay on: electron-updater verifies the Windows installer's publisher against
 * the running app's, and Squirrel.Mac the code signature. We never turn them off.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import type { AvailableUpdate, Logger, UpdaterPort, UpdaterSetup } from '../core/ports';

export type { UpdaterSetup };

/** Release notes as text: electron-updater gives a string (often HTML) or one entry per version. */
export function releaseNotesText(notes: string | { version: string; note: string | null }[] | null | undefined): string {
  if (!notes) return '';
  if (typeof notes === 'string') return notes;
  return notes.map((entry) => `${entry.version}\n${entry.note ?? ''}`.trim()).join('\n\n');
}

export async function createElectronUpdater(app: Pick<App, 'isPackaged' | 'getVersion'>, logger: Logger, resourcesPath = process.resourcesPath): Promise<UpdaterSetup> {
  if (!app.isPackaged) return { updater: null, disabledReason: 'development' };
  if (!existsSync(join(resourcesPath, 'app-update.yml'))) return { updater: null, disabledReason: 'no-provider' };
  // Loaded only in a packaged app with a provider: development builds and tests never pay for it.
  const loaded = await import('electron-updater');
  const { autoUpdater } = loaded.default ?? loaded; // a CommonJS module seen from ESM
  autoUpdater.autoDownload = false; // the policy decides when
  autoUpdater.autoInstallOnAppQuit = true; // a downloaded update also applies on an ordinary quit
  autoUpdater.logger = {
    info: (message?: unknown) => logger.info('updater', { message: String(message) }),
    warn: (message?: unknown) => logger.warn('updater', { message: String(message) }),
    error: (message?: unknown) => logger.error('updater', { message: String(message) }),
    debug: () => undefined,
  };

  const updater: UpdaterPort = {
    async check(): Promise<AvailableUpdate | null> {
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) return null;
      const info = result.updateInfo;
      return { version: info.version, notes: releaseNotesText(info.releaseNotes), releaseDate: info.releaseDate };
    },
    async download(onProgress) {
      const relay = (progress: { percent: number }) => onProgress(progress.percent);
      autoUpdater.on('download-progress', relay);
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.off('download-progress', relay);
      }
    },
    install() {
      autoUpdater.quitAndInstall(false, true);
    },
  };
  return { updater };
}
