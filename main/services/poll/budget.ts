/**
 * A sliding-window request budget: at most `limit` platform requests in any `windowMs`. The
 * poller asks before each request, so the rate cannot grow with the number of tasks however
 * often it is woken (wake, sign-in, a new task).
 */
import type { Clock } from '../../core/ports';

export class RequestBudget {
  private stamps: number[] = [];

  constructor(
    private readonly clock: Clock,
    readonly limit = 12,
    readonly windowMs = 60_000,
  ) {}

  private prune(): void {
    const since = this.clock.now() - this.windowMs;
    // Oldest first. An empty list reads undefined, which is never <= since: no separate length check.
    while (this.stamps[0] <= since) this.stamps.shift();
  }

  available(): number {
    this.prune();
    return this.limit - this.stamps.length;
  }

  /** Spends `n` requests if all `n` fit; otherwise spends nothing. */
  take(n = 1): boolean {
    if (this.available() < n) return false;
    const now = this.clock.now();
    for (let i = 0; i < n; i += 1) this.stamps.push(now);
    return true;
  }

  /** Milliseconds until `n` requests fit (0 when they do now). */
  msUntil(n: number): number {
    const excess = n - this.available();
    if (excess <= 0) return 0;
    if (n > this.limit) return Infinity;
    return this.stamps[excess - 1] + this.windowMs - this.clock.now();
  }
}
