/**
 * TEMPORARY, never merged: answers every video/tasks route with "not built yet" so the contract
 * can be shared by the engineers building main's video module and the renderer's screens in
 * parallel. The video module replaces this file.
 */
import { z } from 'zod';
import type { RouteName } from '../../../preload/contract';
import { AppError } from '../../lib/errors';
import type { CoreModule } from '../module';

type PendingRoute = Extract<RouteName, `video.${string}` | `tasks.${string}`>;
const PENDING: PendingRoute[] = ['video.models', 'video.fieldOptions', 'video.quote', 'video.balanceCheck', 'video.pickImages', 'video.lastForm', 'video.submit', 'video.submitBatch', 'tasks.list', 'tasks.hide', 'tasks.refresh', 'tasks.openResult'];

export function createVideoPendingModule(): CoreModule<PendingRoute> {
  const handlers: Record<string, () => Promise<never>> = {};
  const schemas: Record<string, z.ZodType> = {};
  for (const route of PENDING) {
    handlers[route] = () => Promise.reject(new AppError('internal', 'not built yet'));
    schemas[route] = z.any();
  }
  return { routes: { handlers, schemas } as unknown as CoreModule<PendingRoute>['routes'], dispose: () => {} };
}
