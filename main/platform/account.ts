/**
 * Account endpoints: balance (platform-api.md §3.7) and the Alipay recharge order (§3.3).
 * Tolerant on input (every observed/Spec variant), strict on output (contract shapes).
 */
import type { BalanceAccount } from '../../preload/contract';
import { AppError } from '../lib/errors';
import { asRecord, toMoney } from './normalize';
import type { PlatformHttp } from './types';

export const BALANCE_PATH = '/accounting/mybalance.dspy';
export const RECHARGE_PATH = '/unipay/user_recharge.dspy';

export interface BalanceReading {
  /** Main account first (the server's order). */
  accounts: BalanceAccount[];
  /** The first account's balance: "the balance" everywhere in the app. */
  total: number | null;
}

/** GET §3.7. Accepts a list of accounts, a single object with `balance`, or a bare number. */
export async function fetchBalance(http: PlatformHttp): Promise<BalanceReading> {
  const { data } = await http.get(BALANCE_PATH);
  const accounts = decodeAccounts(data);
  return { accounts, total: accounts[0]?.balance ?? null };
}

export function decodeAccounts(data: unknown): BalanceAccount[] {
  if (Array.isArray(data)) {
    const accounts = data.map(decodeAccount).filter((a): a is BalanceAccount => a !== null);
    if (accounts.length === data.length) return accounts;
  } else {
    const single = decodeAccount(data);
    if (single) return [single];
  }
  throw new AppError('malformed', '余额数据无法识别 / Unrecognised balance data', { detail: preview(data) });
}

function decodeAccount(item: unknown): BalanceAccount | null {
  if (typeof item === 'number') return Number.isFinite(item) ? { account: '', balance: item } : null;
  const record = asRecord(item);
  if (!record || !('balance' in record)) return null;
  return { account: typeof record.account === 'string' ? record.account : '', balance: toMoney(record.balance) };
}

export interface RechargeOrder {
  /** The payment page URL exactly as the platform sent it (vetted by the caller before opening). */
  url: string;
}

/**
 * POST §3.3 once. Creates a payment order on every call: never retried (the http layer never
 * retries POSTs). The URL key is `redirct` (Spec spelling), else `redirect`, else `url`.
 */
export async function createRechargeOrder(http: PlatformHttp, amount: number): Promise<RechargeOrder> {
  const { data } = await http.post(RECHARGE_PATH, { provider: 'alipay', amount, currency: 'CNY' });
  const record = asRecord(data) ?? {};
  const url = [record.redirct, record.redirect, record.url].find((v): v is string => typeof v === 'string' && v !== '');
  if (url === undefined) {
    throw new AppError('malformed', '服务器没有返回支付链接 / The server returned no payment link', { detail: preview(data) });
  }
  return { url };
}

function preview(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}
