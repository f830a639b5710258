/**
 * The rules of the saved orders history, pure: which row is which, which rows may still change,
 * when a refresh has read far enough, and how fresh pages merge into the saved rows.
 *
 * The platform's rows carry no id (§3.9): a row is named by when it was used, by whom, with
 * which model, and what it used. Rows arrive newest first; a refresh reads pages until it meets
 * a row already saved that can no longer change, older than every saved row that still can.
 */
import type { OrderRow } from '../../../preload/contract';

/** Rows still changing after this long are taken as they are (a refresh never reads far back for them). */
const SETTLE_WINDOW_MS = 2 * 86_400_000;
/** The platform's clock: server local time is UTC+8 (platform-api.md §1.5, §5.5). */
const SERVER_OFFSET_MS = 8 * 3_600_000;

export function rowKey(row: OrderRow): string {
  return [row.useTime || row.useDate, row.llmid, row.model, row.userid, JSON.stringify(row.usage ?? null)].join('\u001f');
}

/** "YYYY-MM-DD HH:MM:SS" in server time, comparable as text with `use_time`. */
export function serverTimeOf(epochMs: number): string {
  const iso = new Date(epochMs + SERVER_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * A row that can no longer change: a failed or unknown run (never billed, §5.6), or a succeeded
 * run billed with its amount. Running runs and billing still pending (or failed, §10.3 4) may.
 */
export function isSettled(row: OrderRow): boolean {
  const status = row.status.trim().toUpperCase();
  if (status === 'FAILED' || status === 'UNKNOWN') return true;
  return status === 'SUCCEEDED' && row.accountingStatus.trim().toLowerCase() === 'accounted' && row.amount !== null;
}

function timeOf(row: OrderRow): string {
  return row.useTime || row.useDate;
}

/**
 * How far back a refresh must read: the oldest saved row that may still change (within the
 * settle window), or null when every saved row is settled.
 */
export function unsettledFloor(saved: readonly OrderRow[], nowMs: number): string | null {
  const windowStart = serverTimeOf(nowMs - SETTLE_WINDOW_MS);
  let floor: string | null = null;
  for (const row of saved) {
    if (isSettled(row)) continue;
    const time = timeOf(row);
    if (time < windowStart) continue;
    if (floor === null || time < floor) floor = time;
  }
  return floor;
}

/** True when this page reached saved, settled ground: the pages after it hold nothing new. */
export function reachedSaved(page: readonly OrderRow[], saved: ReadonlyMap<string, OrderRow>, floor: string | null): boolean {
  const last = page[page.length - 1];
  if (!last) return false;
  if (floor !== null && timeOf(last) >= floor) return false;
  return page.some((row) => {
    const known = saved.get(rowKey(row));
    return known !== undefined && isSettled(known);
  });
}

/** Saved rows updated by fresh ones (fresh wins), newest first; rows the platform dropped stay. */
export function mergeRows(saved: readonly OrderRow[], fresh: readonly OrderRow[]): OrderRow[] {
  const byKey = new Map<string, OrderRow>();
  for (const row of saved) byKey.set(rowKey(row), row);
  for (const row of fresh) byKey.set(rowKey(row), row);
  // "YYYY-MM-DD HH:MM:SS" sorts as text; the sort is stable for rows of the same second.
  return [...byKey.values()].sort((a, b) => (timeOf(a) < timeOf(b) ? 1 : timeOf(a) > timeOf(b) ? -1 : 0));
}
