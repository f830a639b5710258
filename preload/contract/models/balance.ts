/** The balance and the recharge watch. */
import type { ErrorCode } from '../errors';

export interface BalanceAccount {
  account: string;
  balance: number | null;
}

export interface Balance {
  /** Main account first. */
  accounts: BalanceAccount[];
  /** The figure the app shows as "the balance": the first account's balance. */
  total: number | null;
  fetchedAt: number;
}

export type RechargeState = 'opening' | 'waiting' | 'confirmed' | 'timeout' | 'cancelled' | 'failed';

export interface RechargeWatch {
  id: string;
  amount: number;
  state: RechargeState;
  baseline: number | null;
  /** Amount that arrived (balance now - baseline) once confirmed. */
  arrived?: number;
  startedAt: number;
  deadline: number;
  /**
   * Why it failed. A code, never the error's text: events are broadcast and logged, and error
   * text can carry what a server echoed (URLs, tokens). The caller of account.recharge gets the
   * full error in its own answer.
   */
  errorCode?: ErrorCode;
}
