import type { Balance, RechargeWatch } from '../models';
import type { Route } from './route';

/** The balance and the Alipay recharge (names keep their historical `account.` prefix). */
export interface BalanceRoutes {
  'account.balance': Route<void, Balance>;
  /** Creates the payment order, opens it in the system browser, starts watching the balance. */
  'account.recharge': Route<{ amount: number }, RechargeWatch>;
  'account.rechargeWatch': Route<void, RechargeWatch | null>;
  /** "I have paid": check the balance now. */
  'account.rechargeCheck': Route<void, RechargeWatch | null>;
  'account.rechargeCancel': Route<void, null>;
}
