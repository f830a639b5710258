/**
 * The local library: an in-memory index of the videos in the library (download) folder, built
 * from their sidecars. It is filled by a scan soon after start or at the first list (and on
 * `library.rescan`, and when the folder setting changes) and kept current without rescanning by the downloads' own event: a
 * `download.changed` that is `done` with a `file` adds that one video. Acting on an item (reveal,
 * open, "再来一次") looks at the disk again and flips `missing` when the file came or went.
 *
 * Removals are not published (the contract's event carries an item, not its absence): the
 * caller of `trash` drops the item itself, and a rescan answers counts so the page lists again.
 */
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, sep } from 'node:path';
import type { AppEvent } from '../../../preload/contract/events';
import type { LibraryAgain, LibraryFilter, LibraryItem } from '../../../preload/contract/models/library';
import type { EventBus } from '../../core/bus';
import type { FileShell, Logger } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { importImage } from '../video/images';
import { copyPosition, withFreshImagePaths } from './again-params';
import type { LibraryEntry } from './entry';
import { filterEntries, newestFirst } from './query';
import { loadEntry, scanLibrary, type ScanResult } from './scan';
import { sidecarPathFor } from './sidecar';

export interface LibraryDeps {
  /** The library folder (the download folder setting, or its default). */
  dir(): string;
  /** Where the studio keeps its image copies (`<dataDir>/inputs`). */
  inputsDir(): string;
  /** The URL the page plays a file with, from its path relative to the library folder. */
  mediaUrl(relPath: string): string;
  /** Moves a file or folder to the trash (the OS trash, or a folder of ours). */
  trash(path: string): Promise<void>;
  files: FileShell | null;
  bus: EventBus;
  logger: Logger;
}

export interface ScanCounts {
  items: number;
  missing: number;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export class LibraryService {
  private entries = new Map<string, LibraryEntry>();
  private sorted: LibraryEntry[] | null = null;
  private root: string | null = null;
  /** Videos added by events while a scan runs: the scan's result would not know them. */
  private addedDuringScan: Map<string, LibraryEntry> | null = null;
  private scanning: Promise<ScanCounts> | null = null;
  private queued: Promise<ScanCounts> | null = null;
  private readonly unsubscribe: () => void;
  /** The first scan, started by `start()` or the first `list`; `list` waits for it so a first page is never empty by accident. */
  private initial: Promise<void> | null = null;

  constructor(private readonly deps: LibraryDeps) {
    this.unsubscribe = deps.bus.subscribe((message) => this.onEvent(message));
  }

  /** Reads the folder once (idempotent): the module calls it shortly after start-up, off the start's critical path. */
  start(): Promise<void> {
    if (!this.initial) void this.rescan().catch(() => undefined);
    return this.initial!;
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** Reads the folder again; concurrent calls share one scan, a call during a scan gets the next one. */
  rescan(): Promise<ScanCounts> {
    let next: Promise<ScanCounts>;
    if (!this.scanning) {
      next = this.scanning = this.scanOnce().finally(() => {
        this.scanning = null;
      });
    } else {
      next = this.queued ??= this.scanning
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.rescan();
        });
    }
    // Whichever scan comes first is the one a first `list` waits for.
    this.initial ??= next.then(
      () => undefined,
      (error: unknown) => this.deps.logger.error('library scan failed', { error: String(error) }),
    );
    return next;
  }

  async list(filter: LibraryFilter = {}): Promise<LibraryItem[]> {
    await this.start();
    return filterEntries(this.ordered(), filter);
  }

  /** Adds (or refreshes) the video at `file` from its sidecar; null when it is not in the folder or has no valid sidecar. */
  async addVideo(file: string): Promise<LibraryItem | null> {
    const root = this.deps.dir();
    const rel = relative(root, file);
    if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      this.deps.logger.warn('a finished download is outside the library folder; not listed');
      return null;
    }
    const entry = await loadEntry(root, sidecarPathFor(file), (p) => this.deps.mediaUrl(p));
    if (!entry) {
      this.deps.logger.warn('a finished download has no valid sidecar; not listed', { name: basename(file) });
      return null;
    }
    this.put(entry);
    this.addedDuringScan?.set(entry.item.id, entry);
    this.deps.bus.publish('library.changed', entry.item);
    return entry.item;
  }

  async reveal(id: string): Promise<void> {
    const entry = await this.refreshed(id);
    const files = this.requireFiles();
    // A missing video's sidecar still shows where it was.
    await files.reveal(entry.item.missing ? entry.sidecarPath : entry.videoPath);
  }

  async openWithSystemPlayer(id: string): Promise<void> {
    const entry = await this.refreshed(id);
    if (entry.item.missing) throw new AppError('not_found', '视频文件已被移走或删除 / The video file was moved or deleted');
    if (!(await this.requireFiles().openPath(entry.videoPath))) {
      throw new AppError('internal', '系统无法打开这个视频 / The system could not open this video');
    }
  }

  /** Video, inputs folder, then sidecar: if anything fails midway the sidecar still describes what is left. */
  async trash(id: string): Promise<void> {
    const entry = this.require(id);
    const targets = [entry.videoPath, entry.inputsDir, entry.sidecarPath];
    for (const path of targets) {
      if (!(await exists(path))) continue;
      try {
        await this.deps.trash(path);
      } catch (error) {
        this.deps.logger.warn('moving to the trash failed', { name: basename(path), error: String(error) });
        throw new AppError('internal', `无法移到回收站：${basename(path)} / Could not move “${basename(path)}” to the trash`, { cause: error });
      }
    }
    this.entries.delete(id);
    this.addedDuringScan?.delete(id);
    this.sorted = null;
  }

  /**
   * The item's settings and fresh copies of its input images (those still readable and valid),
   * with the params' image paths pointing at those copies (the sent paths may be in an old data folder).
   */
  async again(id: string): Promise<LibraryAgain> {
    const entry = await this.refreshed(id);
    const inputImages: string[] = [];
    const byPosition = new Map<number, string>();
    for (const [index, path] of entry.inputPaths.entries()) {
      const copy = await importImage(path, this.deps.inputsDir());
      if ('path' in copy) {
        inputImages.push(copy.path);
        byPosition.set(copyPosition(path, index), copy.path);
      } else this.deps.logger.warn('an input image of a library item cannot be used again', { name: copy.name, problem: copy.problem });
    }
    const { modelId, catalog, prompt } = entry.item;
    return { modelId, catalog, prompt, params: withFreshImagePaths(entry.item.params, byPosition), inputImages };
  }

  /**
   * True when a video of this task (by taskid, localId or transno) is in the library and its file
   * is on disk. Waits for (or starts) the first scan, so a check right after start-up — before the
   * deferred warm-up scan — still sees the folder: after a reinstall the downloads side asks this
   * before fetching again a video the folder already holds.
   */
  async hasVideoFor(task: { taskid?: string | null; localId?: string; transno?: string }): Promise<boolean> {
    await this.start();
    const matches = (item: LibraryItem) =>
      (!!task.taskid && item.taskid === task.taskid) || (!!task.localId && item.localId === task.localId) || (!!task.transno && item.transno === task.transno);
    for (const entry of this.entries.values()) {
      if (matches(entry.item) && (await isFile(entry.videoPath))) return true;
    }
    return false;
  }

  /** The folder the index was last read from (the media routes serve the current setting's folder). */
  scannedDir(): string | null {
    return this.root;
  }

  private onEvent(message: AppEvent): void {
    if (message.event === 'download.changed') {
      const download = message.payload;
      if (download.state !== 'done' || !download.file) return;
      void this.addVideo(download.file).catch((error: unknown) => this.deps.logger.error('adding a download to the library failed', { error: String(error) }));
    } else if (message.event === 'settings.changed') {
      if (this.root !== null && this.deps.dir() !== this.root) void this.rescan().catch(() => undefined);
    }
  }

  private async scanOnce(): Promise<ScanCounts> {
    const root = this.deps.dir();
    this.addedDuringScan = new Map();
    const started = Date.now();
    let result: ScanResult;
    try {
      result = await scanLibrary(root, (p) => this.deps.mediaUrl(p));
    } catch (error) {
      this.addedDuringScan = null;
      throw error;
    }
    const next = new Map(result.entries.map((entry) => [entry.item.id, entry]));
    if (root === this.deps.dir()) for (const [id, entry] of this.addedDuringScan) if (!next.has(id)) next.set(id, entry);
    this.addedDuringScan = null;
    const previous = this.root === root ? this.entries : null;
    this.entries = next;
    this.root = root;
    this.sorted = null;
    // A rescan of the same folder tells the page what changed; the first scan and a new folder are read by listing.
    if (previous) {
      for (const [id, entry] of next) {
        const before = previous.get(id);
        if (!before || before.item.missing !== entry.item.missing) this.deps.bus.publish('library.changed', entry.item);
      }
    }
    const missing = [...next.values()].filter((entry) => entry.item.missing).length;
    this.deps.logger.info('library scanned', { items: next.size, missing, skipped: result.skipped, ms: Date.now() - started });
    return { items: next.size, missing };
  }

  private ordered(): LibraryEntry[] {
    this.sorted ??= [...this.entries.values()].sort(newestFirst);
    return this.sorted;
  }

  private put(entry: LibraryEntry): void {
    this.entries.set(entry.item.id, entry);
    this.sorted = null;
  }

  private require(id: string): LibraryEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('not_found', '资料库里没有这个视频 / No such video in the library');
    return entry;
  }

  /** The entry after looking at the disk: a video that came back or went away flips `missing` (and is published). */
  private async refreshed(id: string): Promise<LibraryEntry> {
    const entry = this.require(id);
    const missing = !(await isFile(entry.videoPath));
    if (missing === entry.item.missing) return entry;
    const next = { ...entry, item: { ...entry.item, missing } };
    this.put(next);
    this.deps.bus.publish('library.changed', next.item);
    return next;
  }

  private requireFiles(): FileShell {
    if (!this.deps.files) throw new AppError('internal', '这里无法打开文件管理器 / No file manager can be opened here');
    return this.deps.files;
  }
}
