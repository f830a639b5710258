/** Settings and the server address they resolve to: the first module, every other reads it. */
import type { Settings } from '../../../preload/contract';
import { createSettingsRoutes, type SettingsRoute } from '../../ipc/handlers/settings';
import { createPlainHttpRoutes, type PlainHttpRoute } from '../../ipc/handlers/plain-http';
import { PlainHttpPolicy } from '../../services/plain-http';
import { resolveServer, validateServerUrl, type ServerResolution } from '../../services/server-config';
import { SettingsService } from '../../services/settings';
import type { CoreModule, Kernel } from '../module';

export interface SettingsModule extends CoreModule<SettingsRoute | PlainHttpRoute> {
  settings: SettingsService;
  /** Plain http to other machines, packaged builds: the platform client asks it before sending. */
  plainHttp: PlainHttpPolicy;
  /** The address in use for these settings (the current ones by default). */
  server(settings?: Settings): ServerResolution;
  serverUrl(): string | null;
}

export function createSettingsModule(kernel: Kernel): SettingsModule {
  const { ports, config, bus, logger } = kernel;
  const plainHttp = new PlainHttpPolicy({ store: ports.store, packaged: config.packaged === true, logger });
  const settings = new SettingsService({
    store: ports.store,
    bus,
    logger,
    officialServerUrl: config.officialServerUrl,
    // A newly chosen plain-http address is refused until confirmed, so the renderer can ask
    // while the user is still on the form (the platform client refuses it anyway).
    vet: (next, previous) => {
      const url = server(next).url;
      if (url !== null && url !== server(previous).url) plainHttp.guard(url);
    },
  });
  if (config.envServerUrl && !validateServerUrl(config.envServerUrl).ok) {
    logger.warn('YUANJING_SERVER is not a valid http(s) address; ignoring it');
  }
  const server = (current: Settings = settings.get()): ServerResolution =>
    resolveServer({ envServerUrl: config.envServerUrl, officialServerUrl: config.officialServerUrl, settings: current });
  const own = createSettingsRoutes(settings);
  const confirmations = createPlainHttpRoutes(plainHttp, () => server().url);
  return {
    routes: { handlers: { ...own.handlers, ...confirmations.handlers }, schemas: { ...own.schemas, ...confirmations.schemas } },
    settings,
    plainHttp,
    server,
    serverUrl: () => server().url,
    dispose: () => {},
  };
}
