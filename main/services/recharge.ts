/**
 * Alipay recharge (platform-api.md §7): create the order once, open the payment page in the
 * system browser, then learn the result by watching the balance — the platform has no
 * completion callback to the client. Lives in main and outlives any screen; one watch at a time.
 *
 * States: opening → waiting → confirmed | timeout (→ confirmed during the slow refresh)
 *         opening → failed;  opening | waiting | timeout → cancelled.
 * Every state change publishes `recharge.changed`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RechargeWatch, SessionState } from '../../preload/contract';
import { hasRechargeDecimals, RECHARGE_MAX_AMOUNT, RECHARGE_MAX_DECIMALS, RECHARGE_MIN_AMOUNT } from '../../preload/contract/limits';
import { AppError, isAppError } from '../lib/errors';
import { createRechargeOrder } from '../platform/account';
import { singleFlight } from '../lib/single-flight';
import { roundMoney } from '../platform/normalize';
import type { PlatformHttp } from '../platform/types';
import type { BalanceService } from './balance';
import type { EventBus } from '../core/bus';
import { checkExternalUrl } from './external-links';
import type { Clock, ExternalOpener, Logger } from '../core/ports';

export const rechargeAmountSchema = z
  .number({ error: '请输入充值金额 / Enter an amount' })
  .min(RECHARGE_MIN_AMOUNT, `金额至少 ${RECHARGE_MIN_AMOUNT} 元 / The amount must be at least ${RECHARGE_MIN_AMOUNT} CNY`)
  .max(RECHARGE_MAX_AMOUNT, `单次充值不能超过 ${RECHARGE_MAX_AMOUNT} 元 / At most ${RECHARGE_MAX_AMOUNT.toLocaleString('en')} CNY per recharge`)
  .refine(hasRechargeDecimals, `金额最多两位小数 / At most ${RECHARGE_MAX_DECIMALS} decimal places`);

export interface RechargeTimings {
  /** Balance poll while waiting (default 5 s, §7.5). */
  pollIntervalMs: number;
  /** How long to wait for the payment (default 15 min). */
  watchMs: number;
  /** Background refresh after a timeout (default 60 s)… */
  slowIntervalMs: number;
  /** …for this long after the deadline (default 15 min). */
  slowWatchMs: number;
}

export const DEFAULT_RECHARGE_TIMINGS: RechargeTimings = {
  pollIntervalMs: 5_000,
  watchMs: 15 * 60_000,
  slowIntervalMs: 60_000,
  slowWatchMs: 15 * 60_000,
};

export interface RechargeServiceDeps {
  http: PlatformHttp;
  balance: Pick<BalanceService, 'refresh'>;
  bus: EventBus;
  clock: Clock;
  opener: ExternalOpener;
  logger: Logger;
  serverUrl(): string | null;
  session?: { onChange(listener: (state: SessionState) => void): () => void };
  timings?: Partial<RechargeTimings>;
}

/** A rise smaller than half a fen is float noise, not a payment. */
const RISE_EPSILON = 0.005;

export class RechargeService {
  private watch: RechargeWatch | null = null;
  private timer: unknown = null;
  /** Bumped whenever the current watch is replaced or stopped: late async work checks it. */
  private generation = 0;
  private lastUserId: string | null | undefined = undefined;
  private readonly timings: RechargeTimings;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: RechargeServiceDeps) {
    this.timings = { ...DEFAULT_RECHARGE_TIMINGS, ...deps.timings };
    this.unsubscribe = deps.session?.onChange((state) => this.onSession(state)) ?? (() => undefined);
  }

  /** The current (or last) watch, a copy. */
  current(): RechargeWatch | null {
    return this.watch ? { ...this.watch } : null;
  }

  /**
   * Reads the baseline balance, creates the payment order (POST once, never retried), vets and
   * opens the payment URL, and starts watching. A new recharge replaces the previous watch.
   * Single-flight: a call while another is still opening joins it (one order, one payment page).
   */
  readonly start: (amountInput: number) => Promise<RechargeWatch> = singleFlight((amountInput: number) => this.startOnce(amountInput));

  private async startOnce(amountInput: number): Promise<RechargeWatch> {
    const parsed = rechargeAmountSchema.safeParse(amountInput);
    if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues[0]?.message ?? 'invalid amount');
    const amount = roundMoney(parsed.data);

    this.stopTimer();
    const generation = ++this.generation;
    const startedAt = this.deps.clock.now();
    const watch: RechargeWatch = { id: randomUUID(), amount, state: 'opening', baseline: null, startedAt, deadline: startedAt + this.timings.watchMs };
    this.watch = watch;
    this.publish();

    try {
      const before = await this.deps.balance.refresh();
      if (generation !== this.generation) return { ...watch };
      watch.baseline = before.total;

      const order = await createRechargeOrder(this.deps.http, amount);
      // Cancelled or replaced while the order was being created: do not open the page.
      if (generation !== this.generation) return { ...watch };

      const vetted = checkExternalUrl(order.url, this.deps.serverUrl());
      if (!vetted.ok) {
        this.deps.logger.warn('recharge: payment URL refused', { reason: vetted.reason });
        throw new AppError('url_refused', `支付链接未通过安全检查，未打开 / The payment link was refused and not opened: ${vetted.reason}`);
      }
      try {
        await this.deps.opener.open(vetted.url);
      } catch (error) {
        if (isAppError(error)) throw error;
        throw new AppError('internal', '无法打开系统浏览器 / Could not open the system browser', { cause: error });
      }
      if (generation !== this.generation) return { ...watch };

      const openedAt = this.deps.clock.now();
      watch.state = 'waiting';
      watch.deadline = openedAt + this.timings.watchMs;
      this.publish();
      this.schedule(generation, this.timings.pollIntervalMs);
      return { ...watch };
    } catch (error) {
      if (generation === this.generation) {
        watch.state = 'failed';
        watch.errorCode = isAppError(error) ? error.code : 'internal';
        this.publish();
      }
      throw error;
    }
  }

  /** "I have paid": poll the balance now. Returns the watch afterwards. */
  async check(): Promise<RechargeWatch | null> {
    if (this.watch && (this.watch.state === 'waiting' || this.watch.state === 'timeout')) await this.pollOnce();
    return this.current();
  }

  /** Stops watching. A finished watch (confirmed, failed) stays as it is. */
  cancel(): void {
    const watch = this.watch;
    this.stopTimer();
    this.generation += 1;
    if (!watch || watch.state === 'confirmed' || watch.state === 'failed' || watch.state === 'cancelled') return;
    watch.state = 'cancelled';
    this.publish();
  }

  dispose(): void {
    this.unsubscribe();
    this.stopTimer();
    this.generation += 1;
  }

  private onSession(state: SessionState): void {
    const userId = state.user ? state.user.id : null;
    // Signed out or another account: the watch was about the previous organisation's balance.
    const switched = typeof this.lastUserId === 'string' && userId !== this.lastUserId;
    if (userId === null || switched) this.cancel();
    this.lastUserId = userId;
  }

  private schedule(generation: number, delayMs: number): void {
    this.stopTimer();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.tick(generation);
    }, Math.max(0, delayMs));
  }

  /** One step of the setTimeout chain: one balance request, then decide the next step. */
  private async tick(generation: number): Promise<void> {
    await this.pollOnce();
    const watch = this.watch;
    if (generation !== this.generation || !watch || this.timer !== null) return;
    const now = this.deps.clock.now();
    if (watch.state === 'waiting') {
      if (now >= watch.deadline) {
        watch.state = 'timeout';
        this.publish();
        this.schedule(generation, this.timings.slowIntervalMs);
      } else {
        this.schedule(generation, Math.min(this.timings.pollIntervalMs, watch.deadline - now));
      }
    } else if (watch.state === 'timeout') {
      const slowEnd = watch.deadline + this.timings.slowWatchMs;
      if (now < slowEnd) this.schedule(generation, Math.min(this.timings.slowIntervalMs, slowEnd - now));
    }
  }

  /** Reads the balance through BalanceService (the header updates) and confirms on a rise. */
  private async pollOnce(): Promise<void> {
    const generation = this.generation;
    let total: number | null;
    try {
      ({ total } = await this.deps.balance.refresh());
    } catch (error) {
      // A 401 is handled by the http layer (session.expired); keep watching until the deadline.
      this.deps.logger.warn('recharge: balance poll failed', { code: isAppError(error) ? error.code : 'internal' });
      return;
    }
    const watch = this.watch;
    if (generation !== this.generation || !watch || (watch.state !== 'waiting' && watch.state !== 'timeout')) return;
    const rise = (total ?? 0) - (watch.baseline ?? 0);
    if (rise > RISE_EPSILON) {
      this.stopTimer();
      this.generation += 1;
      watch.state = 'confirmed';
      watch.arrived = roundMoney(rise);
      this.publish();
    }
  }

  private stopTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(): void {
    if (this.watch) this.deps.bus.publish('recharge.changed', { ...this.watch });
  }
}
