/**
 * The overview's figures from the saved order rows: spend this month so far against the same
 * days of last month (server months, UTC+8: on the 2nd, the 1st–2nd of both), the models used
 * most and the success rate of the last 30 days. Pure.
 */
import { billingKind } from './billing';
import { dayOf, datesEnding, modelLabel, serverDateOf, toCents, type SpendRow } from './aggregate';

export interface MonthSpend {
  /** "YYYY-MM" of the server's current month. */
  month: string;
  thisMonth: number;
  /** Last month up to the same day of the month. */
  lastMonth: number;
  /** (this − last) / last; null when last month spent nothing. */
  change: number | null;
}

export interface ModelUse {
  label: string;
  runs: number;
  spend: number;
}

export interface Glance {
  month: MonthSpend;
  /** Most runs first (then most spend), at most `topModels`, over the last 30 days. */
  topModels: ModelUse[];
  /** Finished runs of the last 30 days: succeeded / (succeeded + failed); null when none. */
  successRate: number | null;
  succeeded: number;
  finished: number;
}

function previousMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return mon === 1 ? `${year - 1}-12` : `${year}-${String(mon - 1).padStart(2, '0')}`;
}

export function glance(rows: readonly SpendRow[], nowMs: number, topModels = 3): Glance {
  const today = serverDateOf(nowMs);
  const month = today.slice(0, 7);
  const dayOfMonth = today.slice(8, 10);
  const lastMonth = previousMonth(month);
  const windowStart = datesEnding(today, 30)[0]!;
  let thisCents = 0;
  let lastCents = 0;
  let succeeded = 0;
  let finished = 0;
  const uses = new Map<string, { runs: number; cents: number }>();
  for (const row of rows) {
    const day = dayOf(row);
    const kind = billingKind(row);
    const cents = kind === 'billed' && row.amount !== null ? toCents(row.amount) : 0;
    const rowMonth = day.slice(0, 7);
    if (rowMonth === month) thisCents += cents;
    else if (rowMonth === lastMonth && day.slice(8, 10) <= dayOfMonth) lastCents += cents;
    if (day < windowStart || day > today || kind === 'running') continue;
    finished += 1;
    if (kind !== 'notBilled') succeeded += 1;
    const label = modelLabel(row);
    const use = uses.get(label) ?? { runs: 0, cents: 0 };
    use.runs += 1;
    use.cents += cents;
    uses.set(label, use);
  }
  const top = [...uses.entries()]
    .sort((a, b) => b[1].runs - a[1].runs || b[1].cents - a[1].cents)
    .slice(0, topModels)
    .map(([label, use]) => ({ label, runs: use.runs, spend: use.cents / 100 }));
  return {
    month: { month, thisMonth: thisCents / 100, lastMonth: lastCents / 100, change: lastCents === 0 ? null : (thisCents - lastCents) / lastCents },
    topModels: top,
    successRate: finished === 0 ? null : succeeded / finished,
    succeeded,
    finished,
  };
}
