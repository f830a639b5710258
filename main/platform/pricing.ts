/**
 * Pricing-program test, platform-api.md §3.15 (likely administrators only: 403 otherwise).
 * `result` is unverified: a number, or a list of priced items each with `amount` (and maybe
 * `cost`, the platform's own cost — never surfaced).
 */
import type { PricingTestResult } from '../../preload/contract';
import { AppError, isAppError } from '../lib/errors';
import { asRecord } from './normalize';
import type { PlatformHttp } from './types';

export const PRICING_TEST_PATH = '/pricing/test_pricing_program.dspy';

const NO_PERMISSION = '没有权限使用定价测试 / No permission to test pricing programs';

export async function testPricingProgram(http: PlatformHttp, ppid: string, data: Record<string, unknown>): Promise<PricingTestResult> {
  let answer: unknown;
  try {
    ({ data: answer } = await http.post(PRICING_TEST_PATH, { ppid, data }));
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden') {
      throw new AppError('forbidden', NO_PERMISSION, { httpStatus: error.httpStatus, cause: error });
    }
    throw error;
  }
  const record = asRecord(answer);
  const result = record ? record.result : answer;

  if (typeof result === 'number' && Number.isFinite(result)) return { ppid, amount: result };
  if (Array.isArray(result)) {
    const items = result.map(pricedItem);
    if (items.every((item) => item !== null)) {
      const kept = items as { name?: string; amount: number }[];
      // Summing binary floats leaves noise like 5.300000000000001; money has far fewer digits.
      const amount = Math.round(kept.reduce((sum, item) => sum + item.amount, 0) * 1e8) / 1e8;
      return { ppid, amount, items: kept };
    }
  }
  throw new AppError('malformed', '定价测试结果无法识别 / Unrecognised pricing test result');
}

/** Only `name` and `amount` are kept; `cost` and anything else are dropped here. */
function pricedItem(value: unknown): { name?: string; amount: number } | null {
  const item = asRecord(value);
  if (!item) return null;
  const amount = typeof item.amount === 'number' && Number.isFinite(item.amount) ? item.amount : item.amount === null ? 0 : null;
  if (amount === null) return null;
  return typeof item.name === 'string' ? { name: item.name, amount } : { amount };
}
