/** `app.info`: this build, the server in use and how the session survives a restart. */
import type { AppInfo } from '../../../preload/contract';
import { createAppRoutes, type AppRoute } from '../../ipc/handlers/app';
import { validateServerUrl } from '../../services/server-config';
import type { CoreModule, Kernel } from '../module';
import type { SettingsModule } from './settings';

export function createAppModule(kernel: Kernel, server: SettingsModule): CoreModule<AppRoute> {
  const { ports, config } = kernel;
  const info = (): AppInfo => {
    const resolved = server.server();
    const official = validateServerUrl(config.officialServerUrl);
    return {
      version: config.version,
      runtime: config.runtime,
      officialServerUrl: config.officialServerUrl.trim() !== '' && official.ok ? official.url : null,
      serverUrl: resolved.url,
      serverSource: resolved.source,
      ...(resolved.source === 'env' && config.serverFromCommandLine ? { serverFromCommandLine: true } : {}),
      insecureServer: resolved.insecure,
      sessionPersistence: ports.secrets.mode,
    };
  };
  return { routes: createAppRoutes(info), dispose: () => {} };
}
