/**
 * The download queue (architecture.md "Downloads", platform-api.md §10.8):
 *
 * - at most `concurrency` (3) downloads at once; the next one is the link that expires first;
 * - network errors are retried with exponential backoff, `maxAttempts` (4) tries in all;
 * - a 403/404/410 calls `refreshUrl(item)` ONCE (the caller asks the platform for the status
 *   again) and retries once from zero without Range; a second one fails with `expired_link`,
 *   and the caller offers "open in browser";
 * - a failure here never touches the task: the only outward calls are refreshUrl and onChange;
 * - the items live in `<dataDir>/downloads/queue.json`, so `DownloadQueue.open()` after a restart
 *   continues every unfinished download from its .part; finished ones leave it after a while
 *   (retention.ts: the library holds them), so the file stays small.
 * Listeners get full snapshots; progress arrives throttled by the engine (≤ 10/s per item).
 */
import { resultUrlExpiresAt } from '../../platform/task-status';
import { rm } from 'node:fs/promises';
import { systemClock, type Clock, type Logger } from '../../core/ports';
import { partPaths, type DownloadEngine } from './engine';
import { DownloadError, toDownloadError } from './errors';
import type { DownloadProgress } from './progress';
import { QueueStore, type DownloadState, type StoredItem } from './queue-store';
import { isFinished, prunable } from './retention';

export type { DownloadState } from './queue-store';

export interface DownloadItem extends Readonly<Omit<StoredItem, 'noRange'>> {
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  readonly speed: number;
  readonly etaSeconds: number | null;
  /** The finished file, once done. */
  readonly file: string | null;
}

export interface NewDownload {
  id: string;
  url: string;
  dir: string;
  name: string;
  /** When the URL was seen (for the 1 h default expiry); now by default. */
  seenAt?: number;
  /** Replaces a `done` item (its file was deleted since) instead of answering it. */
  again?: boolean;
}

export interface QueueOptions {
  engine: DownloadEngine;
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  concurrency?: number;
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** A fresh URL for an item whose link answered 403/404/410, or null when there is none. */
  refreshUrl?: (item: DownloadItem) => Promise<string | null>;
}

interface Live extends StoredItem {
  progress: DownloadProgress | null;
  file: string | null;
}

const ACTIVE: ReadonlySet<DownloadState> = new Set(['queued', 'running', 'waiting']);

export class DownloadQueue {
  private readonly items = new Map<string, Live>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly timers = new Map<string, unknown>();
  private readonly runs = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(item: DownloadItem) => void>();
  private readonly clock: Clock;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private closing = false;

  private constructor(private readonly options: QueueOptions, private readonly store: QueueStore) {
    this.clock = options.clock ?? systemClock;
    this.concurrency = options.concurrency ?? 3;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.backoff = options.backoff ?? { baseMs: 2_000, maxMs: 60_000 };
  }

  /** Loads queue.json and continues whatever was unfinished (a running item resumes from its .part). */
  static async open(options: QueueOptions): Promise<DownloadQueue> {
    const store = new QueueStore(options.dataDir, options.logger);
    const queue = new DownloadQueue(options, store);
    for (const item of await store.load()) {
      const state = ACTIVE.has(item.state) ? 'queued' : item.state;
      queue.items.set(item.id, { ...item, state, progress: null, file: null });
    }
    if (queue.prune()) await store.save(queue.stored());
    queue.pump();
    return queue;
  }

  onChange(listener: (item: DownloadItem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): DownloadItem[] {
    return [...this.items.values()].map(snapshot);
  }

  get(id: string): DownloadItem | null {
    const item = this.items.get(id);
    return item ? snapshot(item) : null;
  }

  /** Queues a download; an id already queued, running or done is returned as it is (done: unless `again`). */
  add(input: NewDownload): DownloadItem {
    const existing = this.items.get(input.id);
    const replaceable = existing?.state === 'failed' || existing?.state === 'cancelled' || (existing?.state === 'done' && input.again === true);
    if (existing && !replaceable) return snapshot(existing);
    const now = this.clock.now();
    const item: Live = {
      id: input.id, url: input.url, dir: input.dir, name: input.name,
      expiresAt: resultUrlExpiresAt(input.url, input.seenAt ?? now), addedAt: now,
      state: 'queued', attempts: 0, refreshed: false, noRange: false, error: null, progress: null, file: null,
    };
    this.items.set(item.id, item);
    this.changed(item);
    this.pump();
    return snapshot(item);
  }

  /** Stops a download and keeps its .part; `resume` continues from there. */
  pause(id: string): void {
    const item = this.items.get(id);
    if (!item || !ACTIVE.has(item.state)) return;
    this.clearTimer(id);
    item.state = 'paused';
    this.controllers.get(id)?.abort('pause');
    this.changed(item);
  }

  /** A paused or failed item goes back in line (a failed one with fresh tries). */
  resume(id: string): void {
    const item = this.items.get(id);
    if (!item || (item.state !== 'paused' && item.state !== 'failed')) return;
    if (item.state === 'failed') Object.assign(item, { attempts: 0, refreshed: false, error: null });
    item.state = 'queued';
    this.changed(item);
    this.pump();
  }

  /** Stops a download and removes its .part. */
  cancel(id: string): void {
    const item = this.items.get(id);
    if (!item || item.state === 'done' || item.state === 'cancelled') return;
    this.clearTimer(id);
    const controller = this.controllers.get(id);
    item.state = 'cancelled';
    if (controller && !controller.signal.aborted) controller.abort('cancel'); // the engine removes the .part
    // Paused and still winding down (or not running): remove the .part once nothing writes to it.
    else void (this.runs.get(id) ?? Promise.resolve()).then(() => this.removePart(item));
    this.changed(item);
  }

  /** Stops every running download keeping its .part and state, so the next `open()` continues them. */
  async close(): Promise<void> {
    this.closing = true;
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
    for (const controller of this.controllers.values()) controller.abort('pause');
    await Promise.allSettled([...this.runs.values()]);
    await this.store.save(this.stored());
  }

  private pump(): void {
    if (this.closing) return;
    const waiting = [...this.items.values()].filter((i) => i.state === 'queued').sort((a, b) => a.expiresAt - b.expiresAt || a.addedAt - b.addedAt);
    for (const item of waiting) {
      if (this.controllers.size >= this.concurrency) break;
      if (!this.controllers.has(item.id)) this.start(item); // the old run still winds down: its end pumps again
    }
  }

  private start(item: Live): void {
    const controller = new AbortController();
    this.controllers.set(item.id, controller);
    item.state = 'running';
    item.error = null;
    this.changed(item);
    const run = this.options.engine
      .download({
        url: item.url, dir: item.dir, name: item.name, noRange: item.noRange, signal: controller.signal,
        onProgress: (p) => {
          item.progress = p;
          this.emit(item);
        },
      })
      .then(
        (result) => {
          Object.assign(item, { state: 'done', file: result.file, noRange: false });
          item.progress = { bytesDone: result.size, bytesTotal: result.size, speed: 0, etaSeconds: 0 };
        },
        (error: unknown) => this.failed(item, toDownloadError(error)),
      )
      .finally(() => {
        // These entries are this run's: pump() never starts an item whose controller is still
        // here (a quick pause + resume waits for this line), so no newer run can have replaced them.
        this.controllers.delete(item.id);
        this.runs.delete(item.id);
        this.changed(item);
        this.pump();
      });
    this.runs.set(item.id, run);
  }

  private async failed(item: Live, error: DownloadError): Promise<void> {
    // "Without Range" is for the one attempt after a refresh; later retries resume again.
    item.noRange = false;
    if (error.code === 'paused' || error.code === 'cancelled') {
      // close() pauses without changing the state: the saved file still says running → resumes.
      return;
    }
    if (error.code === 'expired_link' && !item.refreshed) {
      item.refreshed = true;
      const fresh = await this.options.refreshUrl?.(snapshot(item)).catch(() => null);
      if (fresh) Object.assign(item, { url: fresh, expiresAt: resultUrlExpiresAt(fresh, this.clock.now()) });
      Object.assign(item, { noRange: true, state: 'queued' });
      return;
    }
    item.attempts += 1;
    if (error.retryable && item.attempts < this.maxAttempts && !this.closing) {
      item.state = 'waiting';
      item.error = { code: error.code, message: error.message };
      const delay = Math.min(this.backoff.baseMs * 2 ** (item.attempts - 1), this.backoff.maxMs);
      this.timers.set(item.id, this.clock.setTimeout(() => {
        this.timers.delete(item.id);
        if (item.state !== 'waiting') return;
        item.state = 'queued';
        this.changed(item);
        this.pump();
      }, delay));
      return;
    }
    this.options.logger?.warn('downloads: failed', { id: item.id, code: error.code, httpStatus: error.httpStatus });
    Object.assign(item, { state: 'failed', error: { code: error.code, message: error.message } });
  }

  private clearTimer(id: string): void {
    const handle = this.timers.get(id);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.timers.delete(id);
  }

  private async removePart(item: Live): Promise<void> {
    const paths = partPaths(item.dir, item.name);
    await rm(paths.part, { force: true });
    await rm(paths.meta, { force: true });
  }

  private stored(): StoredItem[] {
    return [...this.items.values()].map(({ progress: _p, file: _f, ...rest }) => rest);
  }

  /** Drops finished items past retention (never one still winding down); true when any went. */
  private prune(): boolean {
    const gone = prunable(this.items.values(), this.clock.now()).filter((id) => !this.runs.has(id));
    for (const id of gone) this.items.delete(id);
    return gone.length > 0;
  }

  /** A state change: saved, then published. */
  private changed(item: Live): void {
    if (isFinished(item)) this.prune();
    void this.store.save(this.stored());
    this.emit(item);
  }

  private emit(item: Live): void {
    const shot = snapshot(item);
    for (const listener of this.listeners) listener(shot);
  }
}

function snapshot(item: Live): DownloadItem {
  const { progress, noRange: _n, ...rest } = item;
  return {
    ...rest,
    error: item.error ? { ...item.error } : null,
    bytesDone: progress?.bytesDone ?? 0,
    bytesTotal: progress?.bytesTotal ?? null,
    speed: progress?.speed ?? 0,
    etaSeconds: progress?.etaSeconds ?? null,
  };
}
