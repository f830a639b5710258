/**
 * What an order row means for the money (platform-api.md §5.6, §10.3), in one place for the
 * orders table and the spend chart:
 * - FAILED / UNKNOWN runs are never billed, whatever `amount` or `accounting_status` say;
 * - a SUCCEEDED run is `pending` until billed (`created`, or no amount yet), `billed` once
 *   `accounted` with an amount, `billingFailed` on `failed` (it may still be billed later);
 * - any other status word is a run still in progress: nothing to bill yet.
 * Pure and Vue-free: the spend benchmark runs it in node.
 */
export type BillingKind = 'billed' | 'pending' | 'billingFailed' | 'notBilled' | 'running';

export interface BillableRow {
  status: string;
  accountingStatus: string;
  amount: number | null;
}

export function billingKind(row: BillableRow): BillingKind {
  const status = row.status.trim().toUpperCase();
  if (status === 'FAILED' || status === 'UNKNOWN') return 'notBilled';
  if (status !== 'SUCCEEDED') return 'running';
  const accounting = row.accountingStatus.trim().toLowerCase();
  if (accounting === 'failed') return 'billingFailed';
  if (accounting === 'created' || row.amount === null || !Number.isFinite(row.amount)) return 'pending';
  return 'billed';
}

/** The amount that counts as spent: only a billed row's, never a failed run's. */
export function billedAmount(row: BillableRow): number | null {
  return billingKind(row) === 'billed' ? row.amount : null;
}
