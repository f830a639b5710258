/** `app.info`: what the renderer needs to know about this build and the server in use. */
import type { AppInfo } from '../../../preload/contract/models';
import { z } from 'zod';
import type { RouteSet } from '../../core/routes';

/** Routes without input: the bridge may send undefined or null; handlers get undefined. Shared by auth/settings. */
export const noInput = z.union([z.undefined(), z.null()]).transform((): void => undefined);

export type AppRoute = 'app.info';

export function createAppRoutes(info: () => AppInfo): RouteSet<AppRoute> {
  return {
    handlers: { 'app.info': async () => info() },
    schemas: { 'app.info': noInput },
  };
}
