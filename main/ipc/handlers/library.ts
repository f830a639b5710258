/** The library routes: thin adapters over LibraryService (built by core/modules/library.ts). */
import { z } from 'zod';
import type { RouteSet, SchemaMap } from '../../core/routes';
import type { LibraryService } from '../../services/library/service';
import { noInput } from './app';

export type LibraryRoute = 'library.list' | 'library.rescan' | 'library.reveal' | 'library.openExternal' | 'library.trash' | 'library.again';

/** Ids are the service's own (22 base64url characters); a little slack, nothing more. */
const id = z.object({ id: z.string().min(1).max(64) });
const epochMs = z.number().int().min(0).max(8.64e15);

export const librarySchemas: Pick<SchemaMap, LibraryRoute> = {
  'library.list': z
    .union([
      z.undefined(),
      z.null(),
      z.object({
        query: z.string().max(500).optional(),
        modelId: z.string().min(1).max(64).optional(),
        catalog: z.enum(['t2v', 'i2v', 'r2v']).optional(),
        from: epochMs.optional(),
        to: epochMs.optional(),
      }),
    ])
    .transform((v) => v ?? {}),
  'library.rescan': noInput,
  'library.reveal': id,
  'library.openExternal': id,
  'library.trash': id,
  'library.again': id,
};

export function createLibraryRoutes(library: LibraryService): RouteSet<LibraryRoute> {
  return {
    schemas: librarySchemas,
    handlers: {
      'library.list': async (filter) => library.list(filter),
      'library.rescan': async () => library.rescan(),
      'library.reveal': async ({ id: item }) => {
        await library.reveal(item);
        return null;
      },
      'library.openExternal': async ({ id: item }) => {
        await library.openWithSystemPlayer(item);
        return null;
      },
      'library.trash': async ({ id: item }) => {
        await library.trash(item);
        return null;
      },
      'library.again': async ({ id: item }) => library.again(item),
    },
  };
}
