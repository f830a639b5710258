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
    expect(filterRows(rows, { status: null, model: null, text: '不计费' })).toHaveLength(1);
    expect(filterRows(rows, { status: null, model: null, text: '', day: '2026-06-12' })).toHaveLength(3);
    expect(filterRows(rows, { status: null, model: null, text: '', day: '2026-06-11' })).toHaveLength(0);
    expect(modelsOf(rows)).toEqual(['viduq3-pro', 'viduq3-turbo']);
  });

  it('sort by time and amount, pending amounts last', () => {
    expect(sortRows(rows, null)).toBe(rows);
    expect(sortRows(rows, { key: 'time', order: 'ascend' }).map((row) => row.time.slice(11, 13))).toEqual(['09', '10', '11']);
    expect(sortRows(rows, { key: 'time', order: 'descend' }).map((row) => row.time.slice(11, 13))).toEqual(['11', '10', '09']);
    // The failed row's 9 is not an amount anybody pays: it sorts with the other unbilled rows.
    expect(sortRows(rows, { key: 'amount', order: 'descend' }).map((row) => row.amount)).toEqual([2, null, null]);
  });
});

describe('order rows tell what is billed (§5.6, §10.3)', () => {
  const cases = [
    { row: { status: 'FAILED', amount: null, accountingStatus: 'created' }, zh: ['不计费', '不计费'], en: ['Not billed', 'Not billed'] },
    // A failed run is not billed even if the row carries an amount.
    { row: { status: 'FAILED', amount: 4.5, accountingStatus: 'accounted' }, zh: ['不计费', '不计费'], en: ['Not billed', 'Not billed'] },
    { row: { status: 'UNKNOWN', amount: null, accountingStatus: 'created' }, zh: ['不计费', '不计费'], en: ['Not billed', 'Not billed'] },
    { row: { status: 'SUCCEEDED', amount: null, accountingStatus: 'created' }, zh: ['结算中', '结算中'], en: ['Billing pending', 'Billing pending'] },
    { row: { status: 'SUCCEEDED', amount: 4.5, accountingStatus: 'created' }, zh: ['结算中', '结算中'], en: ['Billing pending', 'Billing pending'] },
    {
      row: { status: 'SUCCEEDED', amount: null, accountingStatus: 'failed' },
      zh: ['结算失败（可能稍后计费）', '结算失败（可能稍后计费）'],
      en: ['Billing failed (may still be billed later)', 'Billing failed (may still be billed later)'],
    },
    { row: { status: 'SUCCEEDED', amount: 4.5, accountingStatus: 'accounted' }, zh: ['¥4.50', '已结算'], en: ['¥4.50', 'Billed'] },
    { row: { status: 'processing', amount: null, accountingStatus: 'created' }, zh: ['—', '进行中'], en: ['—', 'Running'] },
  ] as const;

  for (const { row, zh, en } of cases) {
    it(`${row.status} / ${row.accountingStatus} / ${row.amount}`, () => {
      const [zhRow] = toDisplayRows([fakeOrderRow(row)], t);
      const [enRow] = toDisplayRows([fakeOrderRow(row)], translator('en'));
      expect([zhRow?.amountText, zhRow?.accountingText]).toEqual(zh);
      expect([enRow?.amountText, enRow?.accountingText]).toEqual(en);
      expect(zhRow?.amountText).not.toBe(row.status === 'SUCCEEDED' ? '' : '结算中');
      expect(zhRow?.amount).toBe(row.status === 'SUCCEEDED' && row.accountingStatus === 'accounted' ? 4.5 : null);
    });
  }
});
