/** The wording of an insufficient-balance refusal (§10.6); the submission paths are in jobs.submit/batch/images.test.ts. */
import { describe, expect, it } from 'vitest';
import type { VideoModel } from '../../../preload/contract/models/video';
import { insufficientBalanceMessage } from './jobs';

const model: VideoModel = { id: 'M', name: 'm', model: 'v', description: '', catalog: 't2v', minBalance: 10, maxCost: 16, fields: [], fieldsAreFallback: true };

describe('insufficientBalanceMessage', () => {
  it('says running tasks may hold funds only when the balance looks sufficient', () => {
    expect(insufficientBalanceMessage(50, model)).toBe('账户余额不够：运行中的任务可能暂时占用了余额 / Insufficient balance: running tasks may be holding funds');
    expect(insufficientBalanceMessage(10, model)).toBe('账户余额不够，请先充值 / Insufficient balance; please recharge first');
    expect(insufficientBalanceMessage(null, model)).toBe('账户余额不够，请先充值 / Insufficient balance; please recharge first');
  });

  it('takes a model without a minimum balance as needing none', () => {
    const free = { ...model, minBalance: null };
    expect(insufficientBalanceMessage(0.01, free)).toMatch(/running tasks may be holding funds/);
    expect(insufficientBalanceMessage(0, free)).toMatch(/please recharge first/);
  });
});
