/**
 * A one-in-flight poll loop: a `setTimeout` chain (never `setInterval`, so a slow run can never
 * overlap the next), the delay to the next run chosen after each run by a cadence callback,
 * exponential backoff with jitter after failures, pause/resume for sign-out and sleep, and a
 * stop that waits for the run in flight so nothing is cut off half-written on quit.
 */
import type { Clock } from '../../core/ports';

export interface BackoffOptions {
  /** Delay after the first failure. */
  baseMs: number;
  /** Upper bound of the delay, however many failures in a row. */
  maxMs: number;
}

export interface SchedulerOptions {
  clock: Clock;
  /** One poll run. A rejection counts as a failure and backs off. */
  run: () => Promise<void>;
  /** Called after each successful run: the delay to the next one, or null when nothing is active (the loop idles). */
  cadence: () => number | null;
  backoff?: BackoffOptions;
  /** In [0, 1); injectable so tests see fixed jitter. */
  random?: () => number;
  onError?: (error: unknown) => void;
}

export type SchedulerState = 'stopped' | 'idle' | 'scheduled' | 'running';

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 120_000 };

/** The delay after `failures` failures in a row: doubled each time, capped, then jittered down by up to half so many clients do not retry in step. */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number): number {
  const raw = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (0.5 + random() * 0.5));
}

export class PollScheduler {
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private started = false;
  private idle = false;
  private paused = false;
  private failures = 0;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  get state(): SchedulerState {
    if (this.inFlight) return 'running';
    if (!this.started) return 'stopped';
    if (this.timer !== null) return 'scheduled';
    return 'idle';
  }

  /** Consecutive failures so far (0 after a success). */
  get failureCount(): number {
    return this.failures;
  }

  /** Starts (or restarts after idling) with a run at once. A no-op while running or scheduled. */
  start(): void {
    if (this.started && !this.idle) return;
    this.started = true;
    this.idle = false;
    if (!this.paused && !this.inFlight) this.schedule(0);
  }

  /**
   * Runs now (wake, coming online, a new task). While a run is in flight this joins it instead
   * of starting a second one; while paused it only marks the loop started.
   */
  runNow(): Promise<void> {
    this.started = true;
    this.idle = false;
    if (this.inFlight) return this.inFlight;
    if (this.paused) return Promise.resolve();
    this.clearTimer();
    return this.execute();
  }

  /** Holds the loop (signed out, asleep, offline); a run in flight finishes but schedules nothing. */
  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  /** Lifts the pause and runs at once if the loop was started. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.started && !this.idle && !this.inFlight) void this.execute();
  }

  /** Stops the loop for good (until `start`), leaving any run in flight to finish. */
  stop(): void {
    // `idle` is left as it is: it is read only while started, and start()/runNow() reset it.
    this.started = false;
    this.clearTimer();
  }

  /** Stops and waits for the run in flight (quit). */
  async drain(): Promise<void> {
    this.stop();
    await this.inFlight; // null when nothing is in flight: resolves at once
  }

  /** Clearing a null handle is a no-op for every Clock (Node's clearTimeout included). */
  private clearTimer(): void {
    this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.execute();
    }, ms);
  }

  private execute(): Promise<void> {
    const run = this.runOnce().finally(() => {
      this.inFlight = null;
      this.afterRun();
    });
    this.inFlight = run;
    return run;
  }

  private async runOnce(): Promise<void> {
    try {
      await this.options.run();
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.onError?.(error);
    }
  }

  private afterRun(): void {
    if (!this.started || this.paused) return;
    if (this.failures > 0) {
      this.schedule(backoffDelay(this.failures, this.backoff, this.random));
      return;
    }
    const next = this.options.cadence();
    if (next === null) {
      this.idle = true;
      return;
    }
    this.schedule(next);
  }
}
