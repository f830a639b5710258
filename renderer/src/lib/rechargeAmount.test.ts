import { describe, expect, it } from 'vitest';
import { checkRechargeAmount } from './rechargeAmount';
import { translator } from '@/testing/fixtures';

const t = translator('zh-CN');

describe('recharge amount', () => {
  it.each([
    [0, 'positive'],
    ['0', 'positive'],
    [-1, 'positive'],
    ['-1', 'positive'],
    [1.234, 'decimals'],
    ['1.234', 'decimals'],
    // No rounding tolerance: each of these used to pass and be rounded to another amount (0, 10).
    [1e-9, 'decimals'],
    ['0.000000001', 'decimals'],
    [10.000000001, 'decimals'],
    ['10.000000001', 'decimals'],
    [0.1 + 0.2, 'decimals'],
    [50001, 'max'],
    ['50001', 'max'],
    ['abc', 'notNumber'],
    ['1e3', 'notNumber'],
    ['Infinity', 'notNumber'],
    ['', 'required'],
    [null, 'required'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(checkRechargeAmount(input)).toEqual({ ok: false, problem });
  });

  it.each([
    [100, 100],
    ['100', 100],
    [0.01, 0.01],
    ['0.01', 0.01],
    [' 99.50 ', 99.5],
    ['50000', 50000],
    [0.29, 0.29],
    ['19.99', 19.99],
    ['50000.00', 50000],
  ])('accepts %j', (input, value) => {
    expect(checkRechargeAmount(input)).toEqual({ ok: true, value });
  });

  it('has a clear message for every problem, in both languages', () => {
    for (const problem of ['required', 'notNumber', 'positive', 'decimals', 'max']) {
      expect(t(`account.recharge.errors.${problem}`)).not.toContain('account.');
      expect(translator('en')(`account.recharge.errors.${problem}`)).not.toContain('account.');
    }
    expect(t('account.recharge.errors.max')).toBe('单次充值不能超过 ¥50,000');
  });
});
