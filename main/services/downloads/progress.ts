/**
 * Progress figures for one download, throttled: at most one report per `intervalMs` (100 ms → ≤ 10/s),
 * plus the final one. Speed is a moving average over the last few seconds, so a stall shows.
 */
import type { Clock } from '../../core/ports';

export interface DownloadProgress {
  bytesDone: number;
  /** null when the server did not say. */
  bytesTotal: number | null;
  /** Bytes per second over the recent window. */
  speed: number;
  /** Seconds left at that speed; null when unknown. */
  etaSeconds: number | null;
}

const WINDOW_MS = 3_000;

export class ProgressMeter {
  private lastReport = -Infinity;
  private samples: { at: number; bytes: number }[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly report: ((p: DownloadProgress) => void) | undefined,
    private readonly intervalMs = 100,
  ) {}

  /** Call on every chunk; reports only when the interval has passed (or `force`). */
  update(bytesDone: number, bytesTotal: number | null, force = false): void {
    const now = this.clock.now();
    const last = this.samples[this.samples.length - 1];
    // One sample per interval is enough for the average, and keeps the window small at any speed.
    if (!last || now - last.at >= this.intervalMs || force) this.samples.push({ at: now, bytes: bytesDone });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - WINDOW_MS) this.samples.shift();
    if (!this.report || (!force && now - this.lastReport < this.intervalMs)) return;
    this.lastReport = now;
    const first = this.samples[0] ?? { at: now, bytes: bytesDone };
    const elapsed = (now - first.at) / 1000;
    const speed = elapsed > 0 ? (bytesDone - first.bytes) / elapsed : 0;
    const left = bytesTotal === null ? null : Math.max(0, bytesTotal - bytesDone);
    this.report({ bytesDone, bytesTotal, speed, etaSeconds: left === null || speed <= 0 ? null : Math.ceil(left / speed) });
  }
}
