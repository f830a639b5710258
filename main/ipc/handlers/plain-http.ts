/** `settings.plainHttp` / `confirmPlainHttp` / `revokePlainHttp`: thin adapters over PlainHttpPolicy. */
import { z } from 'zod';
import type { RouteSet } from '../../core/routes';
import type { PlainHttpPolicy } from '../../services/plain-http';
import { noInput } from './app';

export type PlainHttpRoute = 'settings.plainHttp' | 'settings.confirmPlainHttp' | 'settings.revokePlainHttp';

export function createPlainHttpRoutes(policy: PlainHttpPolicy): RouteSet<PlainHttpRoute> {
  return {
    handlers: {
      'settings.plainHttp': async () => policy.state(),
      'settings.confirmPlainHttp': async ({ url }) => policy.confirm(url),
      'settings.revokePlainHttp': async ({ origin }) => policy.revoke(origin),
    },
    schemas: {
      'settings.plainHttp': noInput,
      'settings.confirmPlainHttp': z.object({ url: z.string().trim().min(1).max(2048) }).strict(),
      'settings.revokePlainHttp': z.object({ origin: z.string().min(1).max(2048) }).strict(),
    },
  };
}
