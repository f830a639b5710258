/** The task list routes: thin adapters over TaskTracker (built by core/modules/tasks.ts). */
import { z } from 'zod';
import type { RouteSet, SchemaMap } from '../../core/routes';
import type { ExternalOpener } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { checkExternalUrl } from '../../services/external-links';
import type { TaskTracker } from '../../services/tasks/tracker';
import { noInput } from './app';

export type TasksRoute = 'tasks.list' | 'tasks.hide' | 'tasks.refresh' | 'tasks.openResult';

const localId = z.string().min(1).max(64);

export const tasksSchemas: Pick<SchemaMap, TasksRoute> = {
  'tasks.list': z.union([z.undefined(), z.null(), z.object({ includeHidden: z.boolean().optional() })]).transform((v) => v ?? {}),
  'tasks.hide': z.object({ localId }),
  'tasks.refresh': noInput,
  'tasks.openResult': z.object({ localId }),
};

export function createTasksRoutes(deps: { tracker: TaskTracker; opener: ExternalOpener; serverUrl(): string | null }): RouteSet<TasksRoute> {
  const { tracker } = deps;
  return {
    schemas: tasksSchemas,
    handlers: {
      'tasks.list': async ({ includeHidden }) => tracker.list(includeHidden ?? false),
      'tasks.hide': async ({ localId: id }) => tracker.hide(id),
      'tasks.refresh': async () => {
        tracker.poke();
        return null;
      },
      'tasks.openResult': async ({ localId: id }) => {
        // The renderer names a task; the URL is the one the platform reported for it (see anyHttpsHost).
        const verdict = checkExternalUrl(tracker.resultUrl(id), deps.serverUrl(), { anyHttpsHost: true });
        if (!verdict.ok) throw new AppError('url_refused', verdict.reason);
        await deps.opener.open(verdict.url);
        return null;
      },
    },
  };
}
