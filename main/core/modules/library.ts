/**
 * The local library: the videos in the download folder, found through their sidecars
 * (services/library). The folder is the `downloadDir` setting, or the default below.
 */
import { join } from 'node:path';
import { createLibraryRoutes, type LibraryRoute } from '../../ipc/handlers/library';
import type { SettingsService } from '../../services/settings';
import { folderTrash } from '../../services/library/folder-trash';
import { LibraryService } from '../../services/library/service';
import { downloadDir } from '../../services/downloads/folder';
import type { CoreModule, Kernel } from '../module';
import type { DataPaths } from '../ports';

export interface LibraryModule extends CoreModule<LibraryRoute> {
  library: LibraryService;
  /** The folder the library (and the media routes) serve. */
  libraryDir(): string;
}

/** The library folder is the download folder: one rule for both ('' in settings = the default). */
export function libraryDir(setting: string, dataPaths: DataPaths): string {
  return downloadDir(setting, dataPaths);
}

/** The first scan waits this long after start-up (thousands of sidecars are a second of disk work); a list before that starts it at once. */
export const LIBRARY_WARM_UP_MS = 3_000;

export function createLibraryModule(kernel: Kernel, deps: { settings: SettingsService }): LibraryModule {
  const { ports, bus, clock, logger } = kernel;
  const dir = () => libraryDir(deps.settings.get().downloadDir, ports.dataPaths);
  const library = new LibraryService({
    dir,
    inputsDir: () => join(ports.dataPaths.dataDir(), 'inputs'),
    mediaUrl: (relPath) => ports.mediaUrl?.(relPath) ?? '',
    trash: ports.trash ? (path) => ports.trash!(path) : folderTrash(join(ports.dataPaths.dataDir(), 'trash')),
    files: ports.fileShell ?? null,
    bus,
    logger,
  });
  const warmUp = clock.setTimeout(() => void library.start(), LIBRARY_WARM_UP_MS);
  // Never the reason a process stays alive (a CLI, a test that built a core).
  (warmUp as { unref?: () => void } | null)?.unref?.();
  return {
    routes: createLibraryRoutes(library),
    library,
    libraryDir: dir,
    dispose: () => {
      clock.clearTimeout(warmUp);
      library.dispose();
    },
  };
}
