/**
 * Orders as the table shows them: each platform row turned once into display strings, then
 * filtered and sorted within what is loaded. Rows are frozen plain objects (`markRaw`) so Vue
 * never deep-proxies thousands of them.
 */
import { markRaw } from 'vue';
import type { OrderRow } from '@contract';
import { accountingWord, formatYuan, isAmountPending, statusKind, type StatusKind, type Translate, usageInWords } from './format';

export interface OrderDisplayRow {
  key: string;
  time: string;
  name: string;
  model: string;
  usage: string;
  amount: number | null;
  amountText: string;
  pending: boolean;
  status: StatusKind;
  statusText: string;
  accountingText: string;
  /** Lower-cased text the search box matches against. */
  haystack: string;
}

export function toDisplayRows(rows: readonly OrderRow[], t: Translate): OrderDisplayRow[] {
  const statusWords: Record<StatusKind, string> = {
    succeeded: t('account.status.succeeded'),
    failed: t('account.status.failed'),
    unknown: t('account.status.unknown'),
    running: t('account.status.running'),
  };
  const pendingWord = t('account.orders.pending');
  const accountingCache = new Map<string, string>();
  const display = rows.map((row, index): OrderDisplayRow => {
    const pending = isAmountPending(row.amount, row.accountingStatus);
    const status = statusKind(row.status);
    let accountingText = accountingCache.get(row.accountingStatus);
    if (accountingText === undefined) {
      accountingText = accountingWord(row.accountingStatus, t);
      accountingCache.set(row.accountingStatus, accountingText);
    }
    const time = row.useTime || row.useDate;
    const usage = usageInWords(row.usage, t);
    const item: OrderDisplayRow = {
      key: `${index}:${row.useTime}:${row.llmid}`,
      time,
      name: row.name,
      model: row.model,
      usage,
      amount: pending ? null : row.amount,
      amountText: pending ? pendingWord : formatYuan(row.amount),
      pending,
      status,
      statusText: statusWords[status],
      accountingText,
      haystack: `${time} ${row.name} ${row.model} ${usage} ${row.status} ${accountingText}`.toLowerCase(),
    };
    return Object.freeze(item);
  });
  return markRaw(display);
}

export interface OrderFilter {
  status: StatusKind | null;
  model: string | null;
  text: string;
}

export type SortKey = 'time' | 'amount';
export type SortOrder = 'ascend' | 'descend';
export interface OrderSort {
  key: SortKey;
  order: SortOrder;
}

export function filterRows(rows: readonly OrderDisplayRow[], filter: OrderFilter): OrderDisplayRow[] {
  const needle = filter.text.trim().toLowerCase();
  if (!filter.status && !filter.model && !needle) return rows as OrderDisplayRow[];
  return rows.filter(
    (row) =>
      (!filter.status || row.status === filter.status) &&
      (!filter.model || row.model === filter.model) &&
      (!needle || row.haystack.includes(needle)),
  );
}

/** Rows arrive newest first; without a sort that order is kept. Pending amounts sort last. */
export function sortRows(rows: readonly OrderDisplayRow[], sort: OrderSort | null): OrderDisplayRow[] {
  if (!sort) return rows as OrderDisplayRow[];
  const direction = sort.order === 'ascend' ? 1 : -1;
  const sorted = [...rows];
  if (sort.key === 'time') {
    // "YYYY-MM-DD HH:MM:SS" compares correctly as text.
    sorted.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0) * direction);
  } else {
    sorted.sort((a, b) => {
      if (a.amount === null || b.amount === null) return a.amount === b.amount ? 0 : a.amount === null ? 1 : -1;
      return (a.amount - b.amount) * direction;
    });
  }
  return sorted;
}

/** Distinct model names of the loaded rows, for the model filter. */
export function modelsOf(rows: readonly OrderDisplayRow[]): string[] {
  return [...new Set(rows.map((row) => row.model).filter(Boolean))].sort();
}

export function csvHeader(t: Translate): string[] {
  return [
    t('account.orders.columns.time'),
    t('account.orders.columns.name'),
    t('account.orders.columns.model'),
    t('account.orders.columns.usage'),
    t('account.orders.columns.amount'),
    t('account.orders.columns.status'),
    t('account.orders.columns.accounting'),
  ];
}

/** Amounts as plain numbers without ¥ (spreadsheets add them up); pending ones as the word. */
export function csvRows(rows: readonly OrderDisplayRow[]): (string | number)[][] {
  // The amount as a number: a spreadsheet can sum it, and a negative one (a refund) is not
  // mistaken for a formula the way the text "-1.50" would be (csv.ts escapes such text).
  return rows.map((row) => [row.time, row.name, row.model, row.usage, row.pending ? row.amountText : (row.amount ?? 0), row.statusText, row.accountingText]);
}
