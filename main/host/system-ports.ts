/**
 * The browser host's side of the video-half ports. It runs on a developer's machine in a
 * terminal: data and downloads live in its data folder, there is no native dialog (the picker
 * answers "cancelled", the download folder comes from the settings), no taskbar badge, and no
 * power or network signal a plain Node process could trust (those events never fire here).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataPaths, FolderPicker, ProgressBadge, SaveFilePicker, SystemEvents } from '../core/ports';

export function hostDataPaths(dataDir: string): DataPaths {
  return { dataDir: () => join(dataDir, 'data'), downloadsDir: () => join(dataDir, 'downloads') };
}

export const quietSystemEvents: SystemEvents = { on: () => () => {} };

export const cancellingFolderPicker: FolderPicker = { pickFolder: async () => null };

export const silentProgressBadge: ProgressBadge = { setProgress: () => {} };

/** No dialog to ask with: files "saved" by the page go to `<data>/exports/`, and the answer says where. */
export function hostSaveFilePicker(dataDir: string): SaveFilePicker {
  return {
    async pickSaveFile({ defaultName }) {
      const folder = join(dataDir, 'exports');
      await mkdir(folder, { recursive: true });
      return join(folder, defaultName);
    },
  };
}
