/**
 * Office networks: the proxy route of every platform request and the trusted CAs, built before
 * the session so the one HTTP client gets the hook. Proxy setting changes drop cached routes.
 */
import { createNetworkRoutes, type NetworkRoute } from '../../ipc/handlers/network';
import { loadCertificateAuthorities } from '../../platform/ca-bundle';
import { NetworkService } from '../../services/network';
import type { CoreModule, Kernel } from '../module';
import type { SettingsModule } from './settings';

export interface NetworkModule extends CoreModule<NetworkRoute> {
  network: NetworkService;
}

export function createNetworkModule(kernel: Kernel, settings: SettingsModule): NetworkModule {
  const { ports, clock, logger } = kernel;
  const network = new NetworkService({
    proxy: () => settings.settings.get().proxy,
    onProxyChange: (listener) =>
      settings.settings.onChange((next, previous) => {
        if (JSON.stringify(next.proxy) !== JSON.stringify(previous.proxy)) listener();
      }),
    secrets: ports.secrets,
    resolver: ports.proxyResolver ?? null,
    ...(ports.systemEvents ? { systemEvents: ports.systemEvents } : {}),
    certificates: loadCertificateAuthorities(),
    logger,
    clock,
  });
  return { routes: createNetworkRoutes(network, settings.serverUrl), network, dispose: () => network.dispose() };
}
