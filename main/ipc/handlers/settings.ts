/** `settings.get` / `settings.update`: thin adapters over SettingsService. */
import type { SettingsService } from '../../services/settings';
import { settingsUpdateSchema } from '../../services/settings';
import type { HandlerMap, SchemaMap } from '../types';
import { noInput } from './app';

export type SettingsRoute = 'settings.get' | 'settings.update';

export function createSettingsRoutes(settings: SettingsService): {
  handlers: Pick<HandlerMap, SettingsRoute>;
  schemas: Pick<SchemaMap, SettingsRoute>;
} {
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
