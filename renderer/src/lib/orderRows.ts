/**
 * Orders as the table shows them: each platform row turned once into display strings, then
 * filtered and sorted within what is loaded. Rows are frozen plain objects (`markRaw`) so Vue
 * never deep-proxies thousands of them.
 */
import { markRaw } from 'vue';
import type { OrderRow } from '@contract';
import { accountingWord, formatYuan, statusKind, type StatusKind, type Translate, usageInWords } from './format';
import { billingKind, type BillingKind } from './spend/billing';

export interface OrderDisplayRow {
  key: string;
  time: string;
  name: string;
  model: string;
  usage: string;
  /** The billed amount; null when nothing is billed (a failed run, billing pending or failed). */
  amount: number | null;
  amountText: string;
  /** No amount to show yet or ever: the amount cell is dimmed and sorts last. */
  pending: boolean;
  billing: BillingKind;
  /** The server's business date ("YYYY-MM-DD"), for the spend chart's day filter. */
  day: string;
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
  // The tasks screen's words for a succeeded run's billing (§10.3), and 不计费 for a failed one.
  const words = {
    pending: t('tasks.billing.created'),
    billingFailed: t('tasks.billing.failed'),
    notBilled: t('spend.billing.notBilled'),
    running: t('spend.billing.running'),
  };
  const accountingCache = new Map<string, string>();
  const display = rows.map((row, index): OrderDisplayRow => {
    const billing = billingKind(row);
    const pending = billing !== 'billed';
    const status = statusKind(row.status);
    let accountingText: string | undefined;
    if (billing !== 'billed') accountingText = words[billing];
    else {
      accountingText = accountingCache.get(row.accountingStatus);
      if (accountingText === undefined) {
        accountingText = accountingWord(row.accountingStatus, t);
        accountingCache.set(row.accountingStatus, accountingText);
      }
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
      amountText: billing === 'billed' ? formatYuan(row.amount) : billing === 'running' ? '—' : words[billing],
      pending,
      billing,
      day: row.useDate || row.useTime.slice(0, 10),
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
  /** One server day ("YYYY-MM-DD") picked on the spend chart. */
  day?: string | null;
}

export type SortKey = 'time' | 'amount';
export type SortOrder = 'ascend' | 'descend';
export interface OrderSort {
  key: SortKey;
  order: SortOrder;
}

export function filterRows(rows: readonly OrderDisplayRow[], filter: OrderFilter): OrderDisplayRow[] {
  const needle = filter.text.trim().toLowerCase();
  const day = filter.day ?? null;
  if (!filter.status && !filter.model && !needle && !day) return rows as OrderDisplayRow[];
  return rows.filter(
    (row) =>
      (!day || row.day === day) &&
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

/** Amounts as plain numbers without ¥ (spreadsheets add them up); unbilled ones as the word. */
export function csvRows(rows: readonly OrderDisplayRow[]): (string | number)[][] {
  // The amount as a number: a spreadsheet can sum it, and a negative one (a refund) is not
  // mistaken for a formula the way the text "-1.50" would be (csv.ts escapes such text).
  return rows.map((row) => [row.time, row.name, row.model, row.usage, row.pending ? row.amountText : (row.amount ?? 0), row.statusText, row.accountingText]);
}
