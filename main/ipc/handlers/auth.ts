/**
 * `auth.*`: thin adapters over SessionService. The SMS key and code never leave main; the
 * renderer only sees outcomes (signed in / choose an account) and error codes.
 */
import { z } from 'zod';
import { PHONE_PATTERN, SMS_CODE_PATTERN } from '../../../preload/contract/limits';
import type { SessionService } from '../../services/session';
import type { RouteSet, SchemaMap } from '../../core/routes';
import { noInput } from './app';

export type AuthRoute = 'auth.state' | 'auth.sendCode' | 'auth.login' | 'auth.choose' | 'auth.cancelChoose' | 'auth.logout';

const phone = z
  .string()
  .trim()
  .regex(PHONE_PATTERN, '请输入 11 位手机号 / Enter an 11-digit mobile number');
const code = z
  .string()
  .trim()
  .regex(SMS_CODE_PATTERN, '请输入短信验证码 / Enter the SMS code (4–8 digits)');

export const authSchemas: Pick<SchemaMap, AuthRoute> = {
  'auth.state': noInput,
  'auth.sendCode': z.object({ phone }),
  'auth.login': z.object({ phone, code }),
  'auth.choose': z.object({ accountId: z.string().min(1).max(128) }),
  'auth.cancelChoose': noInput,
  'auth.logout': noInput,
};

export function createAuthRoutes(session: SessionService): RouteSet<AuthRoute> {
  return {
    handlers: {
      'auth.state': async () => session.state(),
      'auth.sendCode': ({ phone }) => session.sendCode(phone),
      'auth.login': ({ phone, code }) => session.login(phone, code),
      'auth.choose': ({ accountId }) => session.choose(accountId),
      'auth.cancelChoose': async () => session.cancelChoose(),
      'auth.logout': () => session.logout(),
    },
    schemas: authSchemas,
  };
}
