/**
 * The local library: the videos in the download folder, found through their sidecars
 * (services/library). The folder is the `downloadDir` setting, or the default below.
 */
import { join } from 'node:path';
import { createLibraryRoutes, type LibraryRoute } from '../../ipc/handlers/library';
import type { SettingsService } from '../../services/settings';
import { folderTrash } from '../../services/library/folder-trash';
import { LibraryService } from '../../services/library/service';
import type { CoreModule, Kernel } from '../module';
import type { DataPaths } from '../ports';

export interface LibraryModule extends CoreModule<LibraryRoute> {
  library: LibraryService;
  /** The folder the library (and the media routes) serve. */
  libraryDir(): string;
}

/**
 * The library (= download) folder. '' in settings means the default.
 * TODO(dlwire): one line once ports.dataPaths resolves "元境 under Videos, else Downloads".
 */
export function libraryDir(downloadDir: string, dataPaths: DataPaths): string {
  return downloadDir || join(dataPaths.downloadsDir(), '元境');
}

export function createLibraryModule(kernel: Kernel, deps: { settings: SettingsService }): LibraryModule {
  const { ports, bus, logger } = kernel;
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
  return {
    routes: createLibraryRoutes(library),
    library,
    libraryDir: dir,
    dispose: () => library.dispose(),
  };
}
