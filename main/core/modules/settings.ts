/** Settings and the server address they resolve to: the first module, every other reads it. */
import type { Settings } from '../../../preload/contract';
import { createSettingsRoutes, type SettingsRoute } from '../../ipc/handlers/settings';
import { resolveServer, validateServerUrl, type ServerResolution } from '../../services/server-config';
import { SettingsService } from '../../services/settings';
import type { CoreModule, Kernel } from '../module';

export interface SettingsModule extends CoreModule<SettingsRoute> {
  settings: SettingsService;
  /** The address in use for these settings (the current ones by default). */
  server(settings?: Settings): ServerResolution;
  serverUrl(): string | null;
}

export function createSettingsModule(kernel: Kernel): SettingsModule {
  const { ports, config, bus, logger } = kernel;
  const settings = new SettingsService({ store: ports.store, bus, logger, officialServerUrl: config.officialServerUrl });
  if (config.envServerUrl && !validateServerUrl(config.envServerUrl).ok) {
    logger.warn('YUANJING_SERVER is not a valid http(s) address; ignoring it');
  }
  const server = (current: Settings = settings.get()): ServerResolution =>
    resolveServer({ envServerUrl: config.envServerUrl, officialServerUrl: config.officialServerUrl, settings: current });
  return {
    routes: createSettingsRoutes(settings),
    settings,
    server,
    serverUrl: () => server().url,
    dispose: () => {},
  };
}
