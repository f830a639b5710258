/**
 * Prices before sending (platform-api.md §3.8, §6) and the balance guard (§10.6).
 * The pricing program's keys are unverified (§6): the documented guess `{duration, SR}` is
 * built from the form (SR is the resolution's number, 1080 for "1080p").
 */
import type { BalanceCheck } from '../../../preload/contract/models/tasks';
import type { Quote, VideoModel } from '../../../preload/contract/models/video';
import { AppError } from '../../lib/errors';
import { fetchQuote } from '../../platform/price';
import type { PlatformHttp } from '../../platform/types';
import type { TaskRecord } from '../tasks/types';

export function configData(model: VideoModel, values: Record<string, unknown>): Record<string, unknown> {
  const defaultOf = (name: string) => model.fields.find((f) => f.name === name)?.defaultValue;
  const duration = Number(values.duration ?? defaultOf('duration'));
  // No resolution at all reads as "undefined": no number, no SR.
  const resolution = String(values.resolution ?? defaultOf('resolution'));
  const sr = Number(/^(\d+)p?$/i.exec(resolution.trim())?.[1]);
  const config: Record<string, unknown> = {};
  if (Number.isFinite(duration)) config.duration = duration;
  if (Number.isFinite(sr)) config.SR = sr;
  return config;
}

export async function quoteFor(http: PlatformHttp, model: VideoModel, values: Record<string, unknown>): Promise<Quote> {
  const config = configData(model, values);
  if (!('duration' in config)) throw new AppError('invalid_input', '请先填写时长 / Set a duration to see the price');
  return fetchQuote(http, model.id, config);
}

/**
 * max(min_balance, max_cost, quote) per submission, times `count`, plus the quotes of the tasks
 * still running (the platform may hold up to max_cost for each, §10.6; their quote is the
 * honest figure we have). Money is rounded to cents so 0.1 + 0.2 never asks for a cent more.
 */
export function balanceCheck(input: { balance: number; model: VideoModel; quotedPrice?: number; count?: number; running: readonly TaskRecord[] }): BalanceCheck {
  const cents = (n: number) => Math.round(n * 100) / 100;
  const { each, reserveReason } = reservePerTask(input.model, input.quotedPrice);
  const count = Math.max(1, input.count ?? 1);
  const needed = cents(each * count);
  const heldByRunning = cents(input.running.filter((r) => r.taskid && r.origin === 'local').reduce((sum, r) => sum + (r.quotedPrice ?? 0), 0));
  const missing = Math.max(0, cents(needed + heldByRunning - input.balance));
  return { balance: input.balance, needed, each, reserveReason, count, heldByRunning, missing, ...(input.quotedPrice === undefined ? {} : { quotedPrice: input.quotedPrice }) };
}

/**
 * The largest of the three decides; on a tie the quote wins (then the reserve is the price and
 * there is nothing to explain), and max_cost wins over min_balance (the likelier one to hold).
 */
function reservePerTask(model: VideoModel, quotedPrice: number | undefined): Pick<BalanceCheck, 'each' | 'reserveReason'> {
  const quote = quotedPrice ?? 0;
  const maxCost = model.maxCost ?? 0;
  const minBalance = model.minBalance ?? 0;
  if (quote >= maxCost && quote >= minBalance) return { each: quote, reserveReason: 'quote' };
  if (maxCost >= minBalance) return { each: maxCost, reserveReason: 'max_cost' };
  return { each: minBalance, reserveReason: 'min_balance' };
}
