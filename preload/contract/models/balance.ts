/** The balance and the recharge watch. */

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
  message?: string;
}
