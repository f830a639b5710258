/**
 * When the app checks for, downloads and installs updates. The mechanics (electron-updater,
 * signature checks, the installer) sit behind UpdaterPort; this file is the policy, so it can be
 * tested without Electron:
 *   - check shortly after start, then once a day; an error waits an hour, then tries again;
 *   - download in the background as soon as an update is found;
 *   - show the release notes and offer "restart to update"; never restart on its own, and never
 *     while a video submission is on its way (its task id may not be stored yet).
 */
import type { RestartAnswer, UpdateState } from '../../../preload/contract/models';
import type { AvailableUpdate, Clock, Logger, UpdaterPort } from '../../core/ports';

export const FIRST_CHECK_DELAY_MS = 15_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const RETRY_AFTER_ERROR_MS = 60 * 60 * 1000;

// The port and the state shapes are shared: the port with the kernel (core/ports.ts), the
// states with the renderer (the contract), so nobody keeps a second copy of them.
export type { AvailableUpdate, UpdaterPort } from '../../core/ports';
export type { RestartAnswer, UpdateState } from '../../../preload/contract/models';

export interface UpdatePolicyOptions {
  /** null when updates cannot apply (a development build, or no update provider built in). */
  updater: UpdaterPort | null;
  disabledReason?: 'development' | 'no-provider';
  clock: Clock;
  logger: Logger;
  /** True while a video submission is in flight: a restart then could lose its task id. */
  isBusy: () => boolean;
  publish: (state: UpdateState) => void;
}

export class UpdatePolicy {
  private state: UpdateState;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: UpdatePolicyOptions) {
    this.state = options.updater ? { status: 'idle' } : { status: 'disabled', reason: options.disabledReason ?? 'no-provider' };
  }

  current(): UpdateState {
    return this.state;
  }

  start(): void {
    if (!this.options.updater) return;
    this.schedule(FIRST_CHECK_DELAY_MS);
  }

  /** "检查更新" in settings: now, unless a check or download is already under way. */
  checkNow(): Promise<void> {
    if (!this.options.updater) return Promise.resolve();
    if (this.running) return this.running;
    if (this.state.status === 'ready') return Promise.resolve();
    this.cancelTimer();
    this.running = this.cycle().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** "重启以更新": only with a downloaded update, and never during a submission. */
  restartToUpdate(): RestartAnswer {
    if (this.state.status !== 'ready' || !this.options.updater) return { ok: false, reason: 'not-ready' };
    if (this.options.isBusy()) return { ok: false, reason: 'busy' };
    this.options.logger.info('restarting to install an update', { version: this.state.update.version });
    this.options.updater.install();
    return { ok: true };
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    await this.running?.catch(() => undefined);
  }

  private async cycle(): Promise<void> {
    const updater = this.options.updater;
    if (!updater || this.stopped) return;
    this.set({ status: 'checking' });
    let update: AvailableUpdate | null;
    try {
      update = await updater.check();
    } catch (error) {
      this.fail('check_failed', error);
      return;
    }
    if (!update) {
      this.set({ status: 'idle', checkedAt: this.options.clock.now() });
      this.schedule(CHECK_INTERVAL_MS);
      return;
    }
    this.set({ status: 'downloading', update, percent: 0 });
    try {
      await updater.download((percent) => {
        if (this.state.status === 'downloading') this.set({ status: 'downloading', update, percent: Math.max(0, Math.min(100, Math.round(percent))) });
      });
    } catch (error) {
      this.fail('download_failed', error);
      return;
    }
    // Ready stays ready: no more checks until the user restarts (the next start checks again).
    this.set({ status: 'ready', update });
  }

  private fail(code: 'check_failed' | 'download_failed', error: unknown): void {
    const retryAt = this.options.clock.now() + RETRY_AFTER_ERROR_MS;
    this.options.logger.warn(code === 'check_failed' ? 'update check failed' : 'update download failed', { error });
    this.set({ status: 'error', code, retryAt });
    this.schedule(RETRY_AFTER_ERROR_MS);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancelTimer();
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.checkNow();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(state: UpdateState): void {
    if (this.stopped) return;
    this.state = state;
    this.options.publish(state);
  }
}
