/**
 * The browser host's side of the video-half ports. It runs on a developer's machine in a
 * terminal: data and downloads live in its data folder, there is no native dialog (the folder
 * picker answers "cancelled"; the file picker answers from a list given on the command line, a
 * development tool), no taskbar badge, and no power or network signal a plain Node process
 * could trust (those events never fire here).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { DataPaths, FilePicker, FileShell, FolderPicker, ProgressBadge, SaveFilePicker, SystemEvents } from '../core/ports';

export function hostDataPaths(dataDir: string): DataPaths {
  // No Videos folder: the host keeps everything, downloads included, inside its data folder.
  return { dataDir: () => join(dataDir, 'data'), downloadsDir: () => join(dataDir, 'downloads'), videosDir: () => null };
}

export const quietSystemEvents: SystemEvents = { on: () => () => {} };

export const cancellingFolderPicker: FolderPicker = { pickFolder: async () => null };

/** DEVELOPMENT TOOL. "Choose a folder" answers the host's `--pick-dir` (as "pick images" does); cancelled without one. */
export function listedFolderPicker(dir: string | null): FolderPicker {
  return { pickFolder: async () => dir };
}

export const silentProgressBadge: ProgressBadge = { setProgress: () => {}, setBadgeCount: () => {} };

/**
 * DEVELOPMENT TOOL. The page cannot open a native dialog on the host's machine, so "pick images"
 * answers with files chosen when the host was started: `--pick-files a.jpg,b.png` (or the env
 * `YJ_PICK_FILES`, comma-separated) and/or `--pick-dir <folder>` (every file in it whose
 * extension matches the dialog's filter, sorted by name). A single pick takes the first. Nothing
 * configured: nothing is picked. The files go through the same checks and copy as a real pick.
 */
export function listedFilePicker(source: { files?: readonly string[]; dir?: string | null }): FilePicker {
  return {
    async pickFiles({ filters, multiple }) {
      const allowed = new Set(filters.flatMap((f) => f.extensions.map((e) => `.${e.toLowerCase()}`)));
      const fromDir = source.dir && existsSync(source.dir)
        ? readdirSync(source.dir)
            .sort()
            .map((name) => join(source.dir!, name))
            .filter((path) => statSync(path).isFile() && allowed.has(extname(path).toLowerCase()))
        : [];
      const all = [...(source.files ?? []).map((f) => resolve(f)), ...fromDir];
      return multiple ? all : all.slice(0, 1);
    },
  };
}

/** `YJ_PICK_FILES=a.jpg,b.png` → the list (empty entries dropped). */
export function pickFilesFromEnv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

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

/**
 * The library's "show in folder" / "open with the player": the host cannot drive the file
 * manager of whoever looks at the page, so it prints the path for the person at the terminal and
 * remembers the request (`GET /__yj/test/files` under test hooks).
 */
export function printingFileShell(print: (line: string) => void): FileShell & { readonly actions: { action: 'reveal' | 'open'; path: string }[] } {
  const actions: { action: 'reveal' | 'open'; path: string }[] = [];
  return {
    actions,
    async reveal(path) {
      actions.push({ action: 'reveal', path });
      print(`在文件夹中显示 / Show in folder: ${path}`);
    },
    async openPath(path) {
      actions.push({ action: 'open', path });
      print(`用系统播放器打开 / Open with the system player: ${path}`);
      return true;
    },
  };
}
