/**
 * `account.balance` and the recharge routes: thin adapters over BalanceService and
 * RechargeService (built by core/modules/balance.ts). 401s are handled by the http layer (it
 * publishes session.expired); AppErrors pass through.
 */
import { z } from 'zod';
import type { RouteSet, SchemaMap } from '../../core/routes';
import type { BalanceService } from '../../services/balance';
import { rechargeAmountSchema, type RechargeService } from '../../services/recharge';
import { noInput } from './app';
import { requireSignIn, type SignedIn } from './signed-in';

export type BalanceRoute = 'account.balance' | 'account.recharge' | 'account.rechargeWatch' | 'account.rechargeCheck' | 'account.rechargeCancel';

export const balanceSchemas: Pick<SchemaMap, BalanceRoute> = {
  'account.balance': noInput,
  'account.recharge': z.object({ amount: rechargeAmountSchema }),
  'account.rechargeWatch': noInput,
  'account.rechargeCheck': noInput,
  'account.rechargeCancel': noInput,
};

export function createBalanceRoutes(deps: { session: SignedIn; balance: BalanceService; recharge: RechargeService }): RouteSet<BalanceRoute> {
  const { session, balance, recharge } = deps;
  return {
    schemas: balanceSchemas,
    handlers: {
      'account.balance': async () => {
        requireSignIn(session);
        return balance.refresh();
      },
      'account.recharge': async ({ amount }) => {
        requireSignIn(session);
        return recharge.start(amount);
      },
      'account.rechargeWatch': async () => {
        requireSignIn(session);
        return recharge.current();
      },
      'account.rechargeCheck': async () => {
        requireSignIn(session);
        return recharge.check();
      },
      'account.rechargeCancel': async () => {
        requireSignIn(session);
        recharge.cancel();
        return null;
      },
    },
  };
}
