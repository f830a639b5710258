/** The download routes: thin adapters over DownloadService (built by core/modules/downloads.ts). */
import { z } from 'zod';
import type { RouteSet, SchemaMap } from '../../core/routes';
import type { DownloadService } from '../../services/downloads/service';
import { noInput } from './app';

export type DownloadsRoute =
  | 'downloads.list'
  | 'downloads.start'
  | 'downloads.pause'
  | 'downloads.resume'
  | 'downloads.cancel'
  | 'downloads.retry'
  | 'downloads.openInBrowser'
  | 'downloads.chooseFolder';

const localId = z.string().min(1).max(64);
/** `<localId>` or `<localId>#<n>`. */
const id = z.string().min(1).max(72).regex(/^[^#\s]+(#[2-9]|#[1-9]\d{1,2})?$/);
const byId = z.object({ id }).strict();

export const downloadsSchemas: Pick<SchemaMap, DownloadsRoute> = {
  'downloads.list': noInput,
  'downloads.start': z.object({ localId }).strict(),
  'downloads.pause': byId,
  'downloads.resume': byId,
  'downloads.cancel': byId,
  'downloads.retry': byId,
  'downloads.openInBrowser': byId,
  'downloads.chooseFolder': noInput,
};

export function createDownloadsRoutes(service: () => DownloadService): RouteSet<DownloadsRoute> {
  return {
    schemas: downloadsSchemas,
    handlers: {
      'downloads.list': async () => service().list(),
      'downloads.start': async ({ localId: task }) => service().startTask(task),
      'downloads.pause': async ({ id: item }) => service().pause(item),
      'downloads.resume': async ({ id: item }) => service().resume(item),
      'downloads.cancel': async ({ id: item }) => service().cancel(item),
      'downloads.retry': async ({ id: item }) => service().retry(item),
      'downloads.openInBrowser': async ({ id: item }) => {
        await service().openInBrowser(item);
        return null;
      },
      'downloads.chooseFolder': async () => service().chooseFolder(),
    },
  };
}
