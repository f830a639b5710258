/** `settings.get` / `settings.update`: thin adapters over SettingsService. */
import type { SettingsService } from '../../services/settings';
import { settingsUpdateSchema } from '../../services/settings';
import type { RouteSet } from '../../core/routes';
import { noInput } from './app';

export type SettingsRoute = 'settings.get' | 'settings.update';

export function createSettingsRoutes(settings: SettingsService): RouteSet<SettingsRoute> {
  return {
    handlers: {
      'settings.get': async () => settings.get(),
      'settings.update': async (patch) => settings.update(patch),
    },
    schemas: {
      'settings.get': noInput,
      'settings.update': settingsUpdateSchema,
    },
  };
}
