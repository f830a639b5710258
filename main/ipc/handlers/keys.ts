/** `keys.*`: downstream apps and their API keys. */
import { z } from 'zod';
import { APP_DESCRIPTION_MAX_LENGTH, APP_NAME_MAX_LENGTH } from '../../../preload/contract/limits';
import type { RouteSet, SchemaMap } from '../../core/routes';
import { singleFlight } from '../../lib/single-flight';
import { applyApiKey, getApiKey, listDownApps, normaliseAllowedIps } from '../../platform/keys';
import type { PlatformHttp } from '../../platform/types';
import { noInput } from './app';
import { requireSignIn, type SignedIn } from './signed-in';

export type KeysRoute = 'keys.list' | 'keys.apply' | 'keys.reveal';

export const keysSchemas: Pick<SchemaMap, KeysRoute> = {
  'keys.list': noInput,
  'keys.apply': z.object({
    appName: z
      .string()
      .trim()
      .min(1, '请输入应用名称 / Enter an app name')
      .max(APP_NAME_MAX_LENGTH, `应用名称最多 ${APP_NAME_MAX_LENGTH} 个字符 / The app name has at most ${APP_NAME_MAX_LENGTH} characters`),
    description: z
      .string()
      .trim()
      .max(APP_DESCRIPTION_MAX_LENGTH, `描述最多 ${APP_DESCRIPTION_MAX_LENGTH} 个字符 / The description has at most ${APP_DESCRIPTION_MAX_LENGTH} characters`)
      .optional(),
    allowedIps: z
      .string()
      .max(2000, 'IP 列表过长 / The IP list is too long')
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const normalised = normaliseAllowedIps(value);
        if (normalised === null) {
          ctx.addIssue({ code: 'custom', message: 'IP 白名单须为逗号分隔的 IPv4/IPv6 地址 / Allowed IPs must be a comma-separated list of IPv4/IPv6 addresses' });
          return z.NEVER;
        }
        return normalised;
      }),
  }),
  'keys.reveal': z.object({ appId: z.string().trim().min(1, '缺少应用 id / Missing app id').max(128) }),
};

export function createKeysRoutes(deps: { http: PlatformHttp; session: SignedIn }): RouteSet<KeysRoute> {
  const { http, session } = deps;
  // One apply at a time: a second concurrent call joins the first, so a double submit makes one app.
  const apply = singleFlight((input: Parameters<typeof applyApiKey>[1]) => applyApiKey(http, input));
  return {
    schemas: keysSchemas,
    handlers: {
      'keys.list': async () => {
        requireSignIn(session);
        return listDownApps(http);
      },
      'keys.apply': async (input) => {
        requireSignIn(session);
        return apply(input);
      },
      // The detail holds the API key and secret key: returned to the caller only, never kept or logged.
      'keys.reveal': async ({ appId }) => {
        requireSignIn(session);
        return getApiKey(http, appId);
      },
    },
  };
}
