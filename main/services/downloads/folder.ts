/**
 * Where downloaded videos go (issue 8): the folder in settings, or by default a 元境 folder under
 * the user's Videos, else under Downloads. One place, so the library looks where downloads land.
 */
import { isAbsolute, join } from 'node:path';
import type { DataPaths } from '../../core/ports';

export const APP_FOLDER_NAME = '元境';

export function defaultDownloadDir(paths: DataPaths): string {
  const videos = paths.videosDir?.() ?? null;
  return join(videos || paths.downloadsDir(), APP_FOLDER_NAME);
}

/** The folder in use: the `downloadDir` setting ('' = the default; a relative path is not trusted). */
export function downloadDir(setting: string, paths: DataPaths): string {
  const chosen = setting.trim();
  // '' (the default) is not absolute either.
  return isAbsolute(chosen) ? chosen : defaultDownloadDir(paths);
}
