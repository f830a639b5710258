/**
 * The balance as the app knows it (platform-api.md §3.7). Every fetch publishes
 * `balance.changed`, so whoever reads it (header, recharge watch, task billing) updates the UI.
 * Refreshes on sign-in; forgets the figure on sign-out (it belongs to the organisation).
 */
import type { Balance, SessionState } from '../../preload/contract';
import { fetchBalance } from '../platform/account';
import type { PlatformHttp } from '../platform/types';
import type { EventBus } from '../core/bus';
import type { Clock, Logger } from '../core/ports';

export interface BalanceServiceDeps {
  http: PlatformHttp;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  session?: { onChange(listener: (state: SessionState) => void): () => void };
}

export class BalanceService {
  private lastBalance: Balance | null = null;
  private inFlight: Promise<Balance> | null = null;
  private soonTimer: unknown = null;
  private soonAt = 0;
  /** Bumped on sign-out: a fetch that started before it must not publish afterwards. */
  private epoch = 0;
  private userId: string | null | undefined = undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: BalanceServiceDeps) {
    this.unsubscribe = deps.session?.onChange((state) => this.onSession(state)) ?? (() => undefined);
  }

  /** The last balance fetched in this session, null before the first one. */
  last(): Balance | null {
    return this.lastBalance;
  }

  /** Fetches now; concurrent callers share one request. Errors (AppError) reach the caller. */
  refresh(): Promise<Balance> {
    if (this.inFlight) return this.inFlight;
    const epoch = this.epoch;
    const request = (async () => {
      const reading = await fetchBalance(this.deps.http);
      const balance: Balance = { accounts: reading.accounts, total: reading.total, fetchedAt: this.deps.clock.now() };
      if (epoch === this.epoch) {
        this.lastBalance = balance;
        this.deps.bus.publish('balance.changed', balance);
      }
      return balance;
    })();
    this.inFlight = request;
    const clear = () => {
      if (this.inFlight === request) this.inFlight = null;
    };
    request.then(clear, clear);
    return request;
  }

  /**
   * Refreshes once after `delayMs` (charges arrive a few seconds after a task succeeds, §5.6).
   * Calls made while one is pending keep the earlier moment; failures are logged, not thrown.
   */
  refreshSoon(delayMs: number): void {
    const at = this.deps.clock.now() + Math.max(0, delayMs);
    if (this.soonTimer !== null && this.soonAt <= at) return;
    this.cancelSoon();
    this.soonAt = at;
    this.soonTimer = this.deps.clock.setTimeout(() => {
      this.soonTimer = null;
      this.refresh().catch((error: unknown) => this.deps.logger.warn('balance refresh failed', { code: codeOf(error) }));
    }, Math.max(0, delayMs));
  }

  dispose(): void {
    this.unsubscribe();
    this.cancelSoon();
  }

  private onSession(state: SessionState): void {
    const userId = state.user ? state.user.id : null;
    // Another account (or signed out): the old figure and any fetch under way belong to it.
    if (userId !== this.userId) this.forget();
    this.userId = userId;
    if (state.user) {
      this.refresh().catch((error: unknown) => this.deps.logger.warn('balance refresh after sign-in failed', { code: codeOf(error) }));
      return;
    }
    this.cancelSoon();
  }

  private forget(): void {
    this.epoch += 1;
    this.lastBalance = null;
    this.inFlight = null;
  }

  private cancelSoon(): void {
    if (this.soonTimer !== null) this.deps.clock.clearTimeout(this.soonTimer);
    this.soonTimer = null;
  }
}

function codeOf(error: unknown): string {
  return error !== null && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : 'internal';
}
