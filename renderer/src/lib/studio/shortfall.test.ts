import { describe, expect, it } from 'vitest';
import type { BalanceCheck } from '@contract';
import { i18n } from '@/i18n';
import { describeShortfall } from './shortfall';

const inLocale = (locale: 'zh-CN' | 'en') => (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {}, { locale });

// The case: ¥36.50, three ¥4.50 tasks of a model that has charged up to ¥16.
const batch: BalanceCheck = { balance: 36.5, each: 16, reserveReason: 'max_cost', count: 3, quotedPrice: 4.5, needed: 48, heldByRunning: 0, missing: 11.5 };

describe('describeShortfall', () => {
  it('explains a max-cost reserve above the price, per task and for the batch', () => {
    expect(describeShortfall(batch, inLocale('zh-CN'))).toBe('余额 ¥36.50 不够：平台按每个任务最高 ¥16.00 预留（实际按 ¥4.50 计费），3 个任务需要 ¥48.00，还差 ¥11.50。');
    expect(describeShortfall(batch, inLocale('en'))).toBe(
      'Your balance of ¥36.50 is not enough: the platform reserves up to ¥16.00 per task (you are billed ¥4.50); 3 tasks need ¥48.00, so ¥11.50 is missing.',
    );
  });

  it('names a minimum balance, and says nothing about billing when there is no quote', () => {
    const check: BalanceCheck = { balance: 2, each: 10, reserveReason: 'min_balance', count: 1, needed: 10, heldByRunning: 0, missing: 8 };
    expect(describeShortfall(check, inLocale('zh-CN'))).toBe('余额 ¥2.00 不够：平台要求每个任务至少有 ¥10.00 余额，需要 ¥10.00，还差 ¥8.00。');
  });

  it('keeps it short when the price itself is the reserve', () => {
    const check: BalanceCheck = { balance: 1, each: 3, reserveReason: 'quote', count: 1, quotedPrice: 3, needed: 3, heldByRunning: 0, missing: 2 };
    expect(describeShortfall(check, inLocale('en'))).toBe('Your balance of ¥1.00 is not enough: each task costs ¥3.00; it needs ¥3.00, so ¥2.00 is missing.');
  });
});
