/**
 * The recharge amount a user typed or picked, checked before anything is sent (main checks
 * again). Problems are message keys under `account.recharge.errors.*`.
 */
import { hasRechargeDecimals, isRechargeAmount, RECHARGE_MAX_AMOUNT, RECHARGE_MIN_AMOUNT } from '@contract/limits';

export type RechargeAmountProblem = 'required' | 'notNumber' | 'positive' | 'decimals' | 'max';
export type Checked<T, P> = { ok: true; value: T } | { ok: false; problem: P };

/** Digits with an optional fraction; no signs, exponents or thousands separators. */
const PLAIN_NUMBER = /^\d+(\.\d*)?$|^\.\d+$/;

/**
 * A recharge amount in CNY: positive, at most 2 decimals, at most 50 000 (platform-api.md §3.3, §7).
 * Accepts what the user typed ("100", "0.01") or a number from a preset.
 */
export function checkRechargeAmount(input: string | number | null | undefined): Checked<number, RechargeAmountProblem> {
  if (input === null || input === undefined) return { ok: false, problem: 'required' };
  const text = (typeof input === 'number' ? String(input) : input).trim();
  if (text === '') return { ok: false, problem: 'required' };
  if (/^-\s*[\d.]/.test(text)) return { ok: false, problem: 'positive' };
  const amount = Number(text);
  if (!Number.isFinite(amount)) return { ok: false, problem: 'notNumber' };
  if (amount <= 0) return { ok: false, problem: 'positive' };
  if (typeof input === 'string' && !PLAIN_NUMBER.test(text)) return { ok: false, problem: 'notNumber' };
  if (!hasRechargeDecimals(amount)) return { ok: false, problem: 'decimals' };
  if (amount > RECHARGE_MAX_AMOUNT) return { ok: false, problem: 'max' };
  if (amount < RECHARGE_MIN_AMOUNT) return { ok: false, problem: 'positive' };
  // The same rule main applies (preload/contract/limits.ts): what passes here passes there.
  if (!isRechargeAmount(amount)) return { ok: false, problem: 'notNumber' };
  return { ok: true, value: amount };
}
