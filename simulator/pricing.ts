/** Pricing programs (§6): duration × unit price selected by SR, 10% customer discount. */
import type { Usage } from './state.ts';
import { isRecord, pyRepr, round2 } from './util.ts';

/** 元 per second, by SR (the filter). */
const UNIT_PRICE: Readonly<Record<number, number>> = { 540: 0.6, 720: 0.6, 1080: 1.0 };
export const CUSTOMER_DISCOUNT = 0.9;
const COST_RATIO = 0.55;

export type PriceOutcome =
  | { ok: true; list_price: number; price: number; cost: number }
  | { ok: false; e: string };

/** Prices a usage dict the way the platform's program would, or returns a Python-looking exception text. */
export function priceUsage(config: unknown): PriceOutcome {
  if (!isRecord(config)) {
    const t = typeof config === 'string' ? 'str' : Array.isArray(config) ? 'list' : typeof config;
    return { ok: false, e: `AttributeError("'${t}' object has no attribute 'get'")` };
  }
  if (!('duration' in config)) return { ok: false, e: "KeyError('duration')" };
  if (!('SR' in config)) return { ok: false, e: "KeyError('SR')" };
  const duration = config['duration'];
  const sr = config['SR'];
  if (typeof duration !== 'number' || !Number.isFinite(duration)) {
    return { ok: false, e: `TypeError("unsupported operand type(s) for *: '${typeof duration === 'string' ? 'str' : 'NoneType'}' and 'float'")` };
  }
  const unit = typeof sr === 'number' ? UNIT_PRICE[sr] : undefined;
  if (unit === undefined) return { ok: false, e: `Exception('no pricing item matches SR=${pyRepr(sr)}')` };
  const list = round2(duration * unit);
  return { ok: true, list_price: list, price: round2(list * CUSTOMER_DISCOUNT), cost: round2(list * COST_RATIO) };
}

export function priceUsageOrThrow(usage: Usage): { list_price: number; price: number; cost: number } {
  const out = priceUsage(usage);
  if (!out.ok) throw new Error(out.e);
  return out;
}

/** The §3.8 error message. */
export function priceErrorMessage(productId: string, config: unknown, e: string): string {
  return `product_id=${pyRepr(productId)}, config_data=${pyRepr(config)}, e=${e}`;
}

/** "1080p" → 1080; anything unparsable → 1080 (the default resolution). */
export function srOf(resolution: unknown): number {
  const n = typeof resolution === 'number' ? resolution : parseInt(String(resolution ?? ''), 10);
  return Number.isFinite(n) && n > 0 ? n : 1080;
}
