import { describe, expect, it } from 'vitest';
import { fakeOrderRow } from '@/testing/fixtures';
import { formatYuan } from '@/lib/format';
import { aggregateSpend, datesEnding, serverDateOf, toCents } from './aggregate';
import { glance } from './glance';

// 2026-06-12 16:30 UTC is already 2026-06-13 00:30 on the server (UTC+8).
const AFTER_SERVER_MIDNIGHT = Date.UTC(2026, 5, 12, 16, 30);
const BEFORE_SERVER_MIDNIGHT = Date.UTC(2026, 5, 12, 15, 30);

const row = fakeOrderRow;

describe('spend by server day', () => {
  it('uses the server date (UTC+8), not the machine time zone', () => {
    expect(serverDateOf(AFTER_SERVER_MIDNIGHT)).toBe('2026-06-13');
    expect(serverDateOf(BEFORE_SERVER_MIDNIGHT)).toBe('2026-06-12');
    expect(datesEnding('2026-03-01', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);

    const rows = [
      row({ useDate: '2026-06-13', useTime: '2026-06-13 00:10:00', amount: 2 }),
      row({ useDate: '2026-06-12', useTime: '2026-06-12 23:59:59', amount: 3 }),
      row({ useDate: '2026-06-06', useTime: '2026-06-06 08:00:00', amount: 7 }),
    ];
    const after = aggregateSpend(rows, { nowMs: AFTER_SERVER_MIDNIGHT, days: 7 });
    expect(after.days.map((d) => d.date)).toEqual(datesEnding('2026-06-13', 7));
    expect(after.days.at(-1)?.total).toBe(2);
    expect(after.days.at(-2)?.total).toBe(3);
    expect(after.total).toBe(5); // 06-06 is the 8th day back: outside the window
    const before = aggregateSpend(rows, { nowMs: BEFORE_SERVER_MIDNIGHT, days: 7 });
    expect(before.days.at(-1)).toMatchObject({ date: '2026-06-12', total: 3 });
    expect(before.total).toBe(10); // the 06-13 row is "tomorrow" on this clock: not in the window
  });

  it('takes the date from use_time when use_date is missing', () => {
    const summary = aggregateSpend([row({ useDate: '', useTime: '2026-06-12 09:00:00', amount: 1.25 })], { nowMs: BEFORE_SERVER_MIDNIGHT, days: 7 });
    expect(summary.days.at(-1)?.total).toBe(1.25);
  });

  it('failed runs are not billed even with an amount; missing amounts are runs, not money', () => {
    const summary = aggregateSpend(
      [
        row({ amount: 4.5 }),
        row({ status: 'FAILED', amount: 9, accountingStatus: 'accounted' }),
        row({ status: 'UNKNOWN', amount: null, accountingStatus: 'created' }),
        row({ amount: null, accountingStatus: 'created' }),
        row({ amount: null, accountingStatus: 'accounted' }),
        row({ amount: null, accountingStatus: 'failed' }),
        row({ status: 'processing', amount: null }),
      ],
      { nowMs: BEFORE_SERVER_MIDNIGHT, days: 7 },
    );
    expect(summary.total).toBe(4.5);
    expect(summary.days.at(-1)).toMatchObject({ total: 4.5, succeeded: 4, failed: 2, unbilled: 3 });
    expect(summary).toMatchObject({ succeeded: 4, failed: 2, unbilled: 3, refunds: 0 });
  });

  it('nets negative amounts (refunds) and sums them apart, in cents so floats do not drift', () => {
    const summary = aggregateSpend(
      [row({ amount: 0.1 }), row({ amount: 0.2 }), row({ amount: -0.15, name: 'Vidu Q3 Turbo' }), row({ amount: 1.005 })],
      { nowMs: BEFORE_SERVER_MIDNIGHT, days: 7 },
    );
    // 0.10 + 0.20 − 0.15 + 1.01: each amount as the table shows it.
    expect(formatYuan(1.005)).toBe('¥1.01');
    expect(summary.total).toBe(1.16);
    for (const amount of [1.005, 2.675, -0.125, 4.5, 0.1 + 0.2, 1234.5649, 3]) expect(formatYuan(toCents(amount) / 100)).toBe(formatYuan(amount));
    expect(summary.refunds).toBe(-0.15);
  });

  it('stacks by model, largest spender first, zero where a model spent nothing', () => {
    const summary = aggregateSpend(
      [
        row({ name: 'Turbo', amount: 1, useDate: '2026-06-12', useTime: '2026-06-12 10:00:00' }),
        row({ name: 'Pro', amount: 5, useDate: '2026-06-11', useTime: '2026-06-11 10:00:00' }),
        row({ name: 'Turbo', amount: 2, useDate: '2026-06-11', useTime: '2026-06-11 11:00:00' }),
        row({ name: '', model: 'viduq2', amount: 0.5, useDate: '2026-06-11', useTime: '2026-06-11 12:00:00' }),
      ],
      { nowMs: BEFORE_SERVER_MIDNIGHT, days: 3 },
    );
    expect(summary.models).toEqual(['Pro', 'Turbo', 'viduq2']);
    expect(summary.days.map((d) => [d.date, d.byModel, d.total])).toEqual([
      ['2026-06-10', [0, 0, 0], 0],
      ['2026-06-11', [5, 2, 0.5], 7.5],
      ['2026-06-12', [0, 1, 0], 1],
    ]);
  });
});

describe('the overview at a glance', () => {
  it('compares this server month with the last, names the models used most and the success rate', () => {
    const now = Date.UTC(2026, 6, 2, 17, 0); // 2026-07-03 01:00 on the server
    const rows = [
      row({ useDate: '2026-07-01', useTime: '2026-07-01 08:00:00', amount: 6, name: 'Pro' }),
      row({ useDate: '2026-06-03', useTime: '2026-06-03 23:00:00', amount: 2, name: 'Turbo' }),
      row({ useDate: '2026-06-02', useTime: '2026-06-02 23:00:00', amount: 2, name: 'Turbo' }),
      row({ useDate: '2026-06-20', useTime: '2026-06-20 10:00:00', status: 'FAILED', amount: null, name: 'Turbo' }),
      // Last month but after the 3rd: not in the comparison (this month has only reached the 3rd).
      row({ useDate: '2026-06-10', useTime: '2026-06-10 10:00:00', amount: 50, name: 'Old', status: 'FAILED' }),
      row({ useDate: '2026-06-25', useTime: '2026-06-25 10:00:00', amount: 30, name: 'Older' }),
    ];
    const result = glance(rows, now);
    expect(result.month).toEqual({ month: '2026-07', thisMonth: 6, lastMonth: 4, change: 0.5 });
    // The last 30 days are 06-04 … 07-03: one run each of Older, Pro, Turbo (failed), Old (failed);
    // equal runs rank by spend.
    expect(result.topModels).toEqual([
      { label: 'Older', runs: 1, spend: 30 },
      { label: 'Pro', runs: 1, spend: 6 },
      { label: 'Turbo', runs: 1, spend: 0 },
    ]);
    expect(result.successRate).toBe(0.5);
    expect(glance([], now)).toMatchObject({ successRate: null, month: { change: null }, topModels: [] });
    // January compares with December of the year before.
    expect(glance([row({ useDate: '2026-12-01', useTime: '2026-12-01 10:00:00', amount: 3 })], Date.UTC(2027, 0, 1, 1)).month).toMatchObject({ month: '2027-01', lastMonth: 3, change: -1 });
  });
});
