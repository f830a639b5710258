/** `network.*`: thin adapters over NetworkService (proxy password, 测试连接). */
import { z } from 'zod';
import type { RouteSet } from '../../core/routes';
import type { NetworkService } from '../../services/network';
import { proxySettingsSchema } from '../../services/proxy-settings';
import { noInput } from './app';

export type NetworkRoute = 'network.passwordState' | 'network.setProxyPassword' | 'network.test';

export function createNetworkRoutes(network: NetworkService, serverUrl: () => string | null): RouteSet<NetworkRoute> {
  return {
    handlers: {
      'network.passwordState': async () => network.passwordState(),
      'network.setProxyPassword': async ({ password }) => network.setPassword(password),
      'network.test': async ({ proxy }) => network.test(serverUrl(), proxy),
    },
    schemas: {
      'network.passwordState': noInput,
      'network.setProxyPassword': z.object({ password: z.string().max(1024) }).strict(),
      'network.test': z.object({ proxy: proxySettingsSchema.optional() }).strict(),
    },
  };
}
