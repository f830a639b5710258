/**
 * The price of one video before it is made, platform-api.md §3.8: `{list_price, price,
 * config_data}`, or only `{price}` (then the list price is the price). A dict the pricing
 * program cannot price (`product_id='…', config_data=…, e=…`) becomes a short "price
 * unavailable" with the raw text kept as detail.
 */
import type { Quote } from '../../preload/contract/models/video';
import { AppError, isAppError } from '../lib/errors';
import { isRecord, toMoney } from './normalize';
import type { PlatformHttp } from './types';

export const PRICE_PATH = '/platformbiz/product_query_price.dspy';

export function decodeQuote(data: unknown, llmid: string, configData: Record<string, unknown>): Quote {
  const record = isRecord(data) ? data : { price: data };
  const price = toMoney(record.price);
  if (price === null) throw new AppError('malformed', '报价格式无法识别 / Unrecognised price answer');
  const listPrice = toMoney(record.list_price) ?? price;
  return { llmid, configData, listPrice, price };
}

export async function fetchQuote(http: PlatformHttp, llmid: string, configData: Record<string, unknown>): Promise<Quote> {
  try {
    const { data } = await http.post(PRICE_PATH, { product_type: 'llm', product_id: llmid, config_data: configData });
    return decodeQuote(data, llmid, configData);
  } catch (error) {
    if (isAppError(error) && error.code === 'app' && error.message.startsWith('product_id=')) {
      throw new AppError('app', '这些参数暂时无法报价 / No price is available for these settings', { detail: error.message, cause: error });
    }
    throw error;
  }
}
