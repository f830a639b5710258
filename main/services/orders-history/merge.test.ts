import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../preload/contract';
import { isSettled, mergeRows, reachedSaved, rowKey, serverTimeOf, unsettledFloor } from './merge';

const row = (useTime: string, overrides: Partial<OrderRow> = {}): OrderRow => ({
  llmid: 'm1', name: 'Vidu Q3', model: 'viduq3-pro', useDate: useTime.slice(0, 10), useTime, usage: { duration: 5, SR: 1080 },
  amount: 4.5, userid: 'u1', status: 'SUCCEEDED', accountingStatus: 'accounted', ...overrides,
});
// 2026-06-13 02:00 in Beijing is 2026-06-12 18:00 UTC.
const NOW = Date.UTC(2026, 5, 12, 18, 0, 0);

describe('orders history rules', () => {
  it('server time is UTC+8 whatever the machine', () => {
    expect(serverTimeOf(NOW)).toBe('2026-06-13 02:00:00');
  });

  it('settled: failed and unknown runs, and billed successes; not running or pending ones', () => {
    expect(isSettled(row('2026-06-12 10:00:00'))).toBe(true);
    expect(isSettled(row('2026-06-12 10:00:00', { status: 'FAILED', amount: null, accountingStatus: 'created' }))).toBe(true);
    expect(isSettled(row('2026-06-12 10:00:00', { status: 'UNKNOWN', amount: null }))).toBe(true);
    expect(isSettled(row('2026-06-12 10:00:00', { accountingStatus: 'created', amount: null }))).toBe(false);
    expect(isSettled(row('2026-06-12 10:00:00', { accountingStatus: 'failed', amount: null }))).toBe(false);
    expect(isSettled(row('2026-06-12 10:00:00', { status: 'processing', amount: null }))).toBe(false);
  });

  it('a refresh reads back to the oldest saved row that may still change, within two days', () => {
    const saved = [
      row('2026-06-13 01:00:00'),
      row('2026-06-12 20:00:00', { accountingStatus: 'created', amount: null }),
      row('2026-06-12 10:00:00'),
      row('2026-06-05 10:00:00', { status: 'processing', amount: null }), // a week old: taken as it is
    ];
    expect(unsettledFloor(saved, NOW)).toBe('2026-06-12 20:00:00');
    expect(unsettledFloor([row('2026-06-12 10:00:00')], NOW)).toBeNull();

    const known = new Map(saved.map((r) => [rowKey(r), r]));
    // A page that meets a settled saved row but is still newer than the floor: read on.
    expect(reachedSaved([row('2026-06-13 03:00:00'), saved[0]!], known, '2026-06-12 20:00:00')).toBe(false);
    // Past the floor and overlapping: done.
    expect(reachedSaved([saved[0]!, saved[1]!, saved[2]!], known, '2026-06-12 20:00:00')).toBe(true);
    // Nothing saved on this page: read on.
    expect(reachedSaved([row('2026-06-13 03:00:00')], known, null)).toBe(false);
    expect(reachedSaved([], known, null)).toBe(false);
  });

  it('merges fresh rows over saved ones, newest first, keeping rows the platform dropped', () => {
    const old = row('2026-06-01 09:00:00');
    const pending = row('2026-06-12 20:00:00', { accountingStatus: 'created', amount: null });
    const billed = { ...pending, accountingStatus: 'accounted', amount: 6 };
    const merged = mergeRows([pending, old], [row('2026-06-13 01:00:00'), billed]);
    expect(merged.map((r) => [r.useTime, r.amount])).toEqual([
      ['2026-06-13 01:00:00', 4.5],
      ['2026-06-12 20:00:00', 6],
      ['2026-06-01 09:00:00', 4.5],
    ]);
  });
});
