/** §3.8 product price, §3.9 orders. */
import type { Handler } from '../core.ts';
import { emptyBody, fail, ok } from '../http.ts';
import { priceErrorMessage, priceUsage } from '../pricing.ts';
import type { UsageRec } from '../state.ts';
import { isRecord, numParam, pyDumps, strParam } from '../util.ts';

/** JSON-in-a-string arrives from form posts; the platform parses it. */
function dictParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export const productQueryPrice: Handler = ({ core, params }) => {
  const productId = strParam(params, 'product_id');
  if (!productId) return fail('need a llmid');
  const raw = params['config_data'];
  if (raw === undefined || raw === null || raw === '') return fail('need a config_data');
  const config = dictParam(raw);
  if (core.switches.priceError) {
    return fail(priceErrorMessage(productId, config, "Exception('pricing program returned no result')"));
  }
  if (!core.state.model(productId)) {
    return fail(priceErrorMessage(productId, config, `Exception('llm ${productId} has no pricing program')`));
  }
  const priced = priceUsage(config);
  if (!priced.ok) return fail(priceErrorMessage(productId, config, priced.e));
  if (core.switches.priceShape === 'priceOnly') return ok({ price: priced.price });
  return ok({ list_price: priced.list_price, price: priced.price, config_data: isRecord(config) ? config : {} });
};

function orderRow(r: UsageRec, usageKey: 'usages' | 'usage'): Record<string, unknown> {
  return {
    llmid: r.llmid, name: r.name, model: r.model, use_date: r.use_date, use_time: r.use_time,
    [usageKey]: usageKey === 'usages' ? (r.usage ? pyDumps(r.usage) : null) : r.usage,
    amount: r.amount, userid: r.userid, userorgid: r.userorgid, status: r.status, accounting_status: r.accounting_status,
  };
}

export const queryOrders: Handler = ({ core, user, params }) => {
  if (!user) return fail('need login');
  if (core.switches.ordersEmptyBody) return emptyBody();
  const pageNo = Math.max(1, Math.floor(numParam(params, 'page') ?? 1));
  // Observed servers read `rows` and ignore `pagerows`.
  const rows = Math.max(1, Math.min(10_000, Math.floor(numParam(params, 'rows') ?? 80)));
  const all = core.state.ordersOf(user.orgid);
  const slice = all.slice((pageNo - 1) * rows, pageNo * rows);
  return ok({ total: all.length, rows: slice.map((r) => orderRow(r, core.switches.ordersUsageKey)) });
};
