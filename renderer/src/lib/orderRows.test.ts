import { describe, expect, it } from 'vitest';
import { filterRows, modelsOf, sortRows, toDisplayRows } from './orderRows';
import { fakeOrderRow, translator } from '@/testing/fixtures';

const t = translator('zh-CN');

describe('order rows', () => {
  const rows = toDisplayRows(
    [
      fakeOrderRow({ useTime: '2026-06-12 10:00:00', amount: 2, model: 'viduq3-pro' }),
      fakeOrderRow({ useTime: '2026-06-12 11:00:00', amount: null, accountingStatus: 'created', status: 'RUNNING', model: 'viduq3-turbo' }),
      fakeOrderRow({ useTime: '2026-06-12 09:00:00', amount: 9, status: 'FAILED', model: 'viduq3-pro', usage: { duration: 8, SR: 720 } }),
    ],
    t,
  );

  it('are frozen and not reactive', () => {
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect((rows as unknown as Record<string, unknown>).__v_skip).toBe(true);
  });

  it('filter by status, model and text', () => {
    expect(filterRows(rows, { status: 'failed', model: null, text: '' }).map((row) => row.time)).toEqual(['2026-06-12 09:00:00']);
    expect(filterRows(rows, { status: null, model: 'viduq3-turbo', text: '' })).toHaveLength(1);
    expect(filterRows(rows, { status: null, model: null, text: '720P' })).toHaveLength(1);
    expect(filterRows(rows, { status: null, model: null, text: '结算中' })).toHaveLength(0);
    expect(filterRows(rows, { status: null, model: null, text: '待结算' })).toHaveLength(1);
    expect(modelsOf(rows)).toEqual(['viduq3-pro', 'viduq3-turbo']);
  });

  it('sort by time and amount, pending amounts last', () => {
    expect(sortRows(rows, null)).toBe(rows);
    expect(sortRows(rows, { key: 'time', order: 'ascend' }).map((row) => row.time.slice(11, 13))).toEqual(['09', '10', '11']);
    expect(sortRows(rows, { key: 'time', order: 'descend' }).map((row) => row.time.slice(11, 13))).toEqual(['11', '10', '09']);
    expect(sortRows(rows, { key: 'amount', order: 'descend' }).map((row) => row.amount)).toEqual([9, 2, null]);
    expect(sortRows(rows, { key: 'amount', order: 'ascend' }).map((row) => row.amount)).toEqual([2, 9, null]);
  });
});
