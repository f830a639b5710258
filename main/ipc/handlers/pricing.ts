/** `pricing.test`: runs a pricing program on usage data the user typed. */
import { z } from 'zod';
import type { RouteSet, SchemaMap } from '../../core/routes';
import { testPricingProgram } from '../../platform/pricing';
import type { PlatformHttp } from '../../platform/types';
import { requireSignIn, type SignedIn } from './signed-in';

export type PricingRoute = 'pricing.test';

export const pricingSchemas: Pick<SchemaMap, PricingRoute> = {
  'pricing.test': z.object({
    ppid: z.string().trim().min(1, '请输入定价程序 id / Enter a pricing program id').max(128),
    data: z.record(z.string(), z.unknown(), { error: '用量数据须为 JSON 对象 / The usage data must be a JSON object' }),
  }),
};

export function createPricingRoutes(deps: { http: PlatformHttp; session: SignedIn }): RouteSet<PricingRoute> {
  return {
    schemas: pricingSchemas,
    handlers: {
      'pricing.test': async ({ ppid, data }) => {
        requireSignIn(deps.session);
        return testPricingProgram(deps.http, ppid, data);
      },
    },
  };
}
