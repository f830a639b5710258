/** `settings.plainHttp` / `confirmPlainHttp` / `revokePlainHttp`: thin adapters over PlainHttpPolicy. */
import { z } from 'zod';
import type { RouteSet } from '../../core/routes';
import type { PlainHttpPolicy } from '../../services/plain-http';
import { noInput } from './app';

export type PlainHttpRoute = 'settings.plainHttp' | 'settings.confirmPlainHttp' | 'settings.revokePlainHttp';

/** `serverUrl`: the address in use, so the answer says whether it still waits for a confirmation. */
export function createPlainHttpRoutes(policy: PlainHttpPolicy, serverUrl: () => string | null): RouteSet<PlainHttpRoute> {
  return {
    handlers: {
      'settings.plainHttp': async () => policy.state(serverUrl()),
      'settings.confirmPlainHttp': async ({ url }) => {
        policy.confirm(url);
        return policy.state(serverUrl());
      },
      'settings.revokePlainHttp': async ({ origin }) => {
        policy.revoke(origin);
        return policy.state(serverUrl());
      },
    },
    schemas: {
      'settings.plainHttp': noInput,
      'settings.confirmPlainHttp': z.object({ url: z.string().trim().min(1).max(2048) }).strict(),
      'settings.revokePlainHttp': z.object({ origin: z.string().min(1).max(2048) }).strict(),
    },
  };
}
