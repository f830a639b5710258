/**
 * Orders (usage records), platform-api.md §3.9. Not a complete ledger: observed servers move
 * billed rows older than about a day elsewhere, and some answer with an empty body.
 */
import type { OrderRow, OrdersPage } from '../../preload/contract';
import { AppError, isAppError } from '../lib/errors';
import { asRecord, asString, parseMaybeJson, toMoney } from './normalize';
import type { PlatformHttp } from './types';

export const ORDERS_PATH = '/platformbiz/query_orders.dspy';
// Page sizes and their bounds: ORDERS_* in preload/contract/limits.ts (checked by ipc/handlers/orders.ts).

const ORDERS_UNAVAILABLE = '订单暂不可用 / Orders unavailable on this server';

export async function fetchOrders(http: PlatformHttp, page: number, pageSize: number): Promise<OrdersPage> {
  let data: unknown;
  try {
    // Spec reads `pagerows`, observed servers read `rows`: send both with the same value.
    ({ data } = await http.get(ORDERS_PATH, { page, pagerows: pageSize, rows: pageSize }));
  } catch (error) {
    if (isAppError(error) && error.code === 'empty_response') {
      throw new AppError('empty_response', ORDERS_UNAVAILABLE, { httpStatus: error.httpStatus, cause: error });
    }
    throw error;
  }
  if (data === undefined || data === null) throw new AppError('empty_response', ORDERS_UNAVAILABLE);

  const rawRows = Array.isArray(data) ? data : asRecord(data)?.rows;
  if (!Array.isArray(rawRows)) {
    throw new AppError('malformed', '订单数据无法识别 / Unrecognised orders data');
  }
  const rows = rawRows.map(asRecord).filter((r): r is Record<string, unknown> => r !== null).map(decodeOrderRow);
  const declared = asRecord(data)?.total; // a bare list declares none
  // Without a usable total, count what is known to exist: earlier pages plus this one.
  const seen = (page - 1) * pageSize + rows.length;
  const total = typeof declared === 'number' && Number.isFinite(declared) && declared >= 0 ? declared : seen;
  return { total, page, pageSize, rows };
}

export function decodeOrderRow(row: Record<string, unknown>): OrderRow {
  return {
    llmid: text(row.llmid),
    name: text(row.name),
    model: text(row.model),
    useDate: text(row.use_date),
    useTime: text(row.use_time),
    usage: usageOf(row.usage) ?? usageOf(row.usages),
    amount: toMoney(row.amount),
    userid: text(row.userid),
    status: text(row.status),
    accountingStatus: text(row.accounting_status),
  };
}

/** `usage` (Spec, object) or `usages` (observed, JSON text or null); anything else is null. */
function usageOf(value: unknown): Record<string, unknown> | null {
  return asRecord(parseMaybeJson(value));
}

function text(value: unknown): string {
  return asString(value) ?? '';
}
