/** `updates.*`: thin adapters over UpdatePolicy. */
import type { UpdatesSnapshot } from '../../../preload/contract/models';
import type { RouteSet } from '../../core/routes';
import type { UpdatePolicy } from '../../services/updates/policy';
import { noInput } from './app';

export type UpdatesRoute = 'updates.state' | 'updates.check' | 'updates.restart';

export function createUpdatesRoutes(policy: UpdatePolicy, snapshot: () => UpdatesSnapshot): RouteSet<UpdatesRoute> {
  return {
    handlers: {
      'updates.state': async () => snapshot(),
      'updates.check': async () => {
        await policy.checkNow();
        return snapshot();
      },
      'updates.restart': async () => policy.restartToUpdate(),
    },
    schemas: { 'updates.state': noInput, 'updates.check': noInput, 'updates.restart': noInput },
  };
}
