/**
 * Downloads as the app runs them (issue 8), over the tested queue and engine:
 *
 * - a task reaching SUCCEEDED with result URLs is queued at once when `autoDownload` is on (ids
 *   `<localId>`, `<localId>#2` …), named from the template, into the download folder; tasks that
 *   finished while the app was closed are queued at start while their links still work;
 * - a dead link (403/404/410) asks §3.14 once for a fresh URL (the queue decides when);
 * - after the rename: input copies, SHA-256 and the sidecar (finish.ts), then `download.changed`
 *   says `done` — so a listener that sees `done` finds the sidecar;
 * - every change is published whole; the taskbar shows the active downloads' fraction, cleared
 *   when none is left;
 * - a download failure never touches the task: nothing here writes to the ledger.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DownloadErrorCode as ContractErrorCode, DownloadView, Settings, TaskView } from '../../../preload/contract/models';
import type { EventBus } from '../../core/bus';
import type { Clock, ExternalOpener, FolderPicker, Logger, ProgressBadge } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { ASSUMED_URL_LIFETIME_MS } from '../../platform/task-status';
import { inputsDirFor, sidecarPathFor } from '../library/sidecar';
import { checkExternalUrl } from '../external-links';
import type { DownloadErrorCode } from './errors';
import type { DownloadItem, DownloadQueue } from './queue';
import { updateSidecarBilling, writeSidecar } from './finish';
import { KEEP_FINISHED_MS } from './retention';
import { aggregateFraction, downloadId, splitDownloadId } from './items';
import { uniqueName, videoExtension, videoStem } from './naming';

export interface DownloadServiceDeps {
  queue: DownloadQueue;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** A task as the ledger holds it now (null when unknown). */
  task(localId: string): TaskView | null;
  tasks(): TaskView[];
  settings: { get(): Settings; update(patch: Partial<Settings>): Settings };
  /** The download folder for the current settings. */
  folder(): string;
  folderPicker: FolderPicker | null;
  opener: ExternalOpener;
  badge: ProgressBadge | null;
  serverUrl(): string | null;
  /**
   * True when the library already holds a video of this task (file on disk): auto-download then
   * skips it (a reinstall adopts today's finished tasks again). `downloads.start` does not ask.
   */
  hasVideoFor?(task: TaskView): Promise<boolean>;
  /** A model's display name from the catalog cache (by model id or llmid), null when unknown. */
  modelNameOf?(modelIdOrLlmid: string, catalog: TaskView['catalog']): string | null;
}

/**
 * The renderer translates the engine's codes through the contract's list: the two must stay the
 * same, or this line stops the type check. (A type, not a `const … = true`: nothing at run time.)
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustHold<T extends true> = T;
export type DownloadCodesMatchContract = MustHold<Same<ContractErrorCode, DownloadErrorCode>>;

export class DownloadService {
  private readonly stops: (() => void)[] = [];
  /** Downloads whose sidecar is being (or has been) written in this run. */
  private readonly finishing = new Map<string, Promise<void>>();
  private lastFraction: number | null = null;
  /** Sizes of videos finished in an earlier run (the queue keeps no progress across restarts). */
  private readonly doneSizes = new Map<string, number | null>();
  /** Tasks whose library check (hasVideoFor) is under way: one check per task at a time. */
  private readonly checking = new Set<string>();
  private disposed = false;

  constructor(private readonly deps: DownloadServiceDeps) {}

  /** Follows the queue and the tasks; queues what finished while the app was closed; completes unfinished sidecars. */
  start(): void {
    const { queue, bus } = this.deps;
    this.stops.push(queue.onChange((item) => this.onItem(item)));
    this.stops.push(
      bus.subscribe((event) => {
        if (event.event === 'task.changed') this.onTask(event.payload);
      }),
    );
    for (const task of this.deps.tasks()) {
      if (this.linkAlive(task)) this.onTask(task);
    }
    for (const item of queue.list()) {
      const video = join(item.dir, item.name);
      // Renamed, but the app stopped before the sidecar was written (a video deleted since is left alone).
      if (item.state === 'done' && existsSync(video) && !existsSync(sidecarPathFor(video))) this.finish(item);
    }
    this.updateBadge();
  }

  list(): DownloadView[] {
    return this.deps.queue
      .list()
      .sort((a, b) => b.addedAt - a.addedAt)
      .map((item) => this.view(item));
  }

  /** Queues a finished task's videos now; a failed or paused one continues from its .part. */
  startTask(localId: string): DownloadView[] {
    const task = this.deps.task(localId);
    if (!task) throw new AppError('not_found', '没有这个任务 / No such task');
    if (task.status !== 'SUCCEEDED' || task.resultUrls.length === 0) {
      throw new AppError('not_found', '这个任务还没有可下载的视频 / This task has no video to download yet');
    }
    return this.enqueue(task).map((item) => this.view(item));
  }

  pause(id: string): DownloadView {
    this.require(id);
    this.deps.queue.pause(id);
    return this.viewOf(id);
  }

  resume(id: string): DownloadView {
    this.require(id);
    this.deps.queue.resume(id);
    return this.viewOf(id);
  }

  cancel(id: string): DownloadView {
    this.require(id);
    this.deps.queue.cancel(id);
    return this.viewOf(id);
  }

  retry(id: string): DownloadView {
    const item = this.require(id);
    if (item.state === 'cancelled') {
      // Cancelled removed the .part: a new download under a fresh name.
      const task = this.deps.task(splitDownloadId(id).localId);
      if (task) this.enqueue(task);
    } else this.deps.queue.resume(id);
    return this.viewOf(id);
  }

  async openInBrowser(id: string): Promise<void> {
    const item = this.require(id);
    // The URL is the one the platform reported for this account's task (see checkExternalUrl's anyHttpsHost).
    const verdict = checkExternalUrl(item.url, this.deps.serverUrl(), { anyHttpsHost: true });
    if (!verdict.ok) throw new AppError('url_refused', verdict.reason);
    await this.deps.opener.open(verdict.url);
  }

  async chooseFolder(): Promise<{ dir: string } | null> {
    const picker = this.deps.folderPicker;
    if (!picker) return null;
    const dir = await picker.pickFolder({ title: '选择下载文件夹 / Choose the download folder', defaultPath: this.deps.folder() });
    if (!dir) return null;
    this.deps.settings.update({ downloadDir: dir });
    return { dir };
  }

  /** Resolves once every sidecar started so far is written (tests, quitting). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.finishing.values()]);
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.stops.splice(0)) stop();
    if (this.lastFraction !== null) this.deps.badge?.setProgress(null);
    this.lastFraction = null;
  }

  private onTask(task: TaskView): void {
    this.followBilling(task);
    if (!this.deps.settings.get().autoDownload) return;
    if (task.status !== 'SUCCEEDED' || task.resultUrls.length === 0 || task.hidden) return;
    // Once known (even cancelled by the user), a task is not queued again by itself.
    if (this.deps.queue.get(downloadId(task.localId, 0))) return;
    // Finished downloads leave the queue after a day (retention.ts): a task older than that seen
    // again (a list refresh) must not be fetched a second time; downloads.start still can.
    if (this.deps.clock.now() - (task.finishedAt ?? task.updatedAt) > KEEP_FINISHED_MS) return;
    const has = this.deps.hasVideoFor;
    if (!has) {
      this.enqueue(task);
      return;
    }
    if (this.checking.has(task.localId)) return;
    this.checking.add(task.localId);
    void has(task)
      .catch((error: unknown) => {
        // The check failing must not cost the user a video: download as before.
        // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
        this.deps.logger.warn('downloads: library check failed; downloading', { error: String(error) });
        return false;
      })
      .then((inLibrary) => {
        if (this.disposed || this.deps.queue.get(downloadId(task.localId, 0))) return;
        if (inLibrary) {
          // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
          this.deps.logger.info('downloads: already in the library; not downloaded again', { localId: task.localId });
          return;
        }
        this.enqueue(this.deps.task(task.localId) ?? task);
      })
      .finally(() => this.checking.delete(task.localId));
  }

  /** True while a succeeded task's link should still work (§10.8: one hour when nothing says). */
  private linkAlive(task: TaskView): boolean {
    const seen = task.finishedAt ?? task.updatedAt;
    return (task.resultExpiresAt ?? seen + ASSUMED_URL_LIFETIME_MS) > this.deps.clock.now();
  }

  private enqueue(task: TaskView): DownloadItem[] {
    const { queue } = this.deps;
    return task.resultUrls.map((url, index) => {
      const id = downloadId(task.localId, index);
      const existing = queue.get(id);
      if (existing && (existing.state === 'failed' || existing.state === 'paused')) {
        queue.resume(id);
        return queue.get(id) ?? existing;
      }
      if (existing?.state === 'done' && !existsSync(existing.file ?? join(existing.dir, existing.name))) {
        // The video was deleted since: fetched again under its old name (its sidecar, if kept, is rewritten).
        // A link that expired meanwhile gets the queue's one §3.14 refresh on its 403.
        this.finishing.delete(id);
        this.doneSizes.delete(id);
        return queue.add({ id, url, dir: existing.dir, name: existing.name, again: true });
      }
      if (existing && existing.state !== 'cancelled') return existing;
      const dir = this.deps.folder();
      const facts = { createdAt: task.createdAt, llmid: task.llmid, modelName: this.modelName(task), prompt: task.prompt, taskid: task.taskid ?? task.localId, catalog: task.catalog };
      const name = uniqueName(videoStem(this.deps.settings.get().fileNameTemplate, facts), videoExtension(url), (candidate) => this.taken(dir, candidate));
      return queue.add({ id, url, dir, name, ...(task.finishedAt ? { seenAt: task.finishedAt } : {}) });
    });
  }

  /** The model's display name when the catalog knows it (adopted tasks carry only the id), else the record's. */
  private modelName(task: TaskView): string {
    const lookup = this.deps.modelNameOf;
    if (!lookup) return task.modelName;
    return lookup(task.modelId, task.catalog) ?? lookup(task.llmid, task.catalog) ?? task.modelName;
  }

  /**
   * A name is taken by a file (or its .part, sidecar, inputs folder) or by another live download
   * in the folder. (The download being named is never live here: enqueue() names only new or
   * cancelled ones.)
   */
  private taken(dir: string, name: string): boolean {
    const path = join(dir, name);
    if ([path, `${path}.part`, sidecarPathFor(path), inputsDirFor(path)].some((p) => existsSync(p))) return true;
    // Case-insensitive: Windows and macOS file systems are.
    const wanted = name.toLowerCase();
    return this.deps.queue.list().some((i) => i.dir === dir && i.state !== 'cancelled' && i.name.toLowerCase() === wanted);
  }

  private onItem(item: DownloadItem): void {
    this.updateBadge();
    if (item.state === 'done' && !this.finishing.has(item.id)) {
      this.finish(item);
      return;
    }
    // While its sidecar is written, `done` waits (see the header); other states pass.
    if (item.state === 'done') return;
    this.deps.bus.publish('download.changed', this.view(item));
  }

  private finish(item: DownloadItem): void {
    const { localId } = splitDownloadId(item.id);
    const task = this.deps.task(localId);
    const file = item.file ?? join(item.dir, item.name);
    const work = (async () => {
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      if (!task) this.deps.logger.warn('downloads: no task for a finished video; no sidecar', { id: item.id });
      else await writeSidecar({ file, sourceUrl: item.url, task: { ...task, modelName: this.modelName(task) }, downloadedAt: this.deps.clock.now() }, this.deps.logger);
    })()
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      .catch((error: unknown) => this.deps.logger.warn('downloads: sidecar not written', { id: item.id, code: (error as { code?: string }).code, error: String(error) }))
      .finally(() => this.deps.bus.publish('download.changed', this.view(this.deps.queue.get(item.id) ?? item)));
    this.finishing.set(item.id, work);
  }

  /** A downloaded task's billing settled: its sidecars say so too (after any sidecar still being written). */
  private followBilling(task: TaskView): void {
    if (task.amount === undefined && task.billing === undefined) return;
    task.resultUrls.forEach((_url, index) => {
      const id = downloadId(task.localId, index);
      const item = this.deps.queue.get(id);
      if (!item || item.state !== 'done') return;
      // Serialised behind a sidecar still being written; a sidecar from an earlier run is read as it is.
      const before = this.finishing.get(id) ?? Promise.resolve();
      const file = item.file ?? join(item.dir, item.name);
      const next = before
        .then(() => updateSidecarBilling(file, task))
        // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
        .then(() => undefined, (error: unknown) => this.deps.logger.warn('downloads: sidecar billing not updated', { id, error: String(error) }));
      this.finishing.set(id, next);
    });
  }

  private updateBadge(): void {
    const fraction = aggregateFraction(this.deps.queue.list());
    const same = fraction === this.lastFraction || (fraction !== null && this.lastFraction !== null && Math.abs(fraction - this.lastFraction) < 0.001);
    if (same) return;
    this.lastFraction = fraction;
    this.deps.badge?.setProgress(fraction);
  }

  private doneSize(item: DownloadItem): number | null {
    if (!this.doneSizes.has(item.id)) {
      let size: number | null = null;
      try {
        size = statSync(join(item.dir, item.name)).size;
      } catch {
        // moved or deleted since: the library shows it as missing
      }
      this.doneSizes.set(item.id, size);
    }
    return this.doneSizes.get(item.id) ?? null;
  }

  private require(id: string): DownloadItem {
    const item = this.deps.queue.get(id);
    if (!item) throw new AppError('not_found', '没有这个下载 / No such download');
    return item;
  }

  private viewOf(id: string): DownloadView {
    return this.view(this.require(id));
  }

  private view(item: DownloadItem): DownloadView {
    const { localId } = splitDownloadId(item.id);
    const done = item.state === 'done';
    const size = done && item.bytesTotal === null ? this.doneSize(item) : null;
    return {
      id: item.id,
      localId,
      taskid: this.deps.task(localId)?.taskid ?? null,
      name: item.name,
      dir: item.dir,
      state: item.state,
      bytesDone: size ?? item.bytesDone,
      bytesTotal: size ?? item.bytesTotal,
      speed: item.state === 'running' ? item.speed : 0,
      etaSeconds: item.state === 'running' ? item.etaSeconds : null,
      expiresAt: item.expiresAt,
      addedAt: item.addedAt,
      error: item.error ? { ...item.error } : null,
      file: item.file ?? (done ? join(item.dir, item.name) : null),
      canOpenInBrowser: item.state === 'failed' && item.error?.code === 'expired_link',
    };
  }
}
