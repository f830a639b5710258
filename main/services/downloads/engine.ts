/**
 * Downloads one URL to `<dir>/<name>` so that nothing is lost on a crash and nothing half-written
 * ever carries the final name (architecture.md "Downloads", platform-api.md §10.8):
 *
 * 1. bytes go to `<name>.part`; `<name>.part.json` (atomic) remembers the URL, the validator
 *    (ETag, else Last-Modified) and the total, so a later call resumes with `Range` + `If-Range`;
 * 2. a 200 to a ranged request (range ignored, or the file changed: If-Range failed) truncates
 *    and starts over cleanly; a 206 whose validator or start differs does the same;
 * 3. free space is checked once the size is known (`disk_full` keeps the .part);
 * 4. the length is verified against Content-Length / the Content-Range total, the file fsync'd,
 *    then renamed, retrying briefly while the OS refuses (antivirus on Windows), and the folder synced.
 *
 * No retries after network errors here: the error says whether it is retryable, the queue decides.
 * Aborting with reason 'cancel' removes the .part; any other reason ('pause') keeps it.
 */
import { mkdir, readFile, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { syncFolder, writeFileAtomic } from '../../lib/atomic-file';
import { systemClock, type Clock } from '../../core/ports';
import type { MediaClient, MediaResponse } from '../../platform/media';
import { DownloadError, toDownloadError } from './errors';
import { nodeDownloadFs, TRANSIENT_RENAME_CODES, type DownloadFs } from './fs-port';
import { ProgressMeter, type DownloadProgress } from './progress';

export type StopReason = 'pause' | 'cancel';

export interface DownloadJob {
  url: string;
  dir: string;
  /** The final file name; decided by main, never by the server. */
  name: string;
  /** Start from zero even if a .part exists (the retry after a 403, §10.8). */
  noRange?: boolean;
  /** Abort with reason 'pause' (keeps the .part) or 'cancel' (removes it). */
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadResult {
  file: string;
  size: number;
  /** Bytes received by this call (less than `size` after a resume). */
  fetched: number;
  /** Clean restarts from zero in this call (range ignored, file changed). */
  restarts: number;
}

export interface EngineOptions {
  media: MediaClient;
  fs?: DownloadFs;
  clock?: Clock;
  rename?: { attempts: number; delayMs: number };
  progressIntervalMs?: number;
  /** Free space kept on top of the file's remaining bytes. */
  reserveBytes?: number;
}

interface PartMeta {
  url: string;
  validator: string;
  total: number | null;
}

export interface DownloadEngine {
  download(job: DownloadJob): Promise<DownloadResult>;
}

/** Received bytes waiting for the disk before reading pauses: bounds memory when the disk is slower than the network. */
const MAX_PENDING_BYTES = 16 << 20;
/** One write call: large enough for few system calls, small enough to overlap with reading. */
const WRITE_BATCH_BYTES = 1 << 20;
const MAX_RESTARTS = 2;

export const partPaths = (dir: string, name: string) => {
  const part = join(dir, `${name}.part`);
  return { final: join(dir, name), part, meta: `${part}.json` };
};

/** The validator of a meta file this engine wrote (the URL and total are kept for people reading the folder). */
async function readValidator(file: string): Promise<string | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<PartMeta>;
    return typeof value.validator === 'string' && typeof value.url === 'string' ? value.validator : null;
  } catch {
    return null;
  }
}

/** Where a kept .part can go on from, and the validator its bytes were fetched against; null: from zero. */
async function resumable(paths: ReturnType<typeof partPaths>): Promise<{ start: number; validator: string } | null> {
  const validator = await readValidator(paths.meta);
  if (validator === null) return null;
  let start = 0;
  try {
    start = (await stat(paths.part)).size;
  } catch {
    // The meta without its .part: nothing kept.
  }
  return start > 0 ? { start, validator } : null;
}

function stopError(signal: AbortSignal | undefined): DownloadError | null {
  if (!signal?.aborted) return null;
  return new DownloadError(signal.reason === 'cancel' ? 'cancelled' : 'paused');
}

export function createDownloadEngine(options: EngineOptions): DownloadEngine {
  const fs = options.fs ?? nodeDownloadFs;
  const clock = options.clock ?? systemClock;
  const renameRetry = options.rename ?? { attempts: 5, delayMs: 200 };
  const reserve = options.reserveBytes ?? 8 * 1024 * 1024;
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  async function renameWithRetry(from: string, to: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await fs.rename(from, to);
        return;
      } catch (error) {
        const code = String((error as { code?: unknown }).code);
        if (!TRANSIENT_RENAME_CODES.has(code)) throw toDownloadError(error);
        if (attempt >= renameRetry.attempts) throw new DownloadError('rename_failed', { cause: error, detail: code });
        await sleep(renameRetry.delayMs);
      }
    }
  }

  async function ensureSpace(dir: string, remaining: number | null): Promise<void> {
    if (remaining === null) return;
    const free = await fs.freeBytes(dir);
    if (free < remaining + reserve) {
      throw new DownloadError('disk_full', { detail: `need ${remaining + reserve} B, free ${free} B` });
    }
  }

  /**
   * Writes the body at `start`. The body is read in flowing mode and written behind it, because a
   * stream destroyed by a reset drops what it still buffers: bytes must leave it as they arrive
   * for a resume to keep them. Reading pauses only while a lot is waiting for the disk.
   */
  function writeBody(body: Readable, prepared: Promise<FileHandle>, start: number, onBytes: (done: number) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let position = start;
      let received = start;
      const pending: Buffer[] = [];
      let pendingBytes = 0;
      let writing = false;
      let ended = false;
      let readError: unknown = null;
      let writeError: unknown = null;
      const finish = () => {
        // Bytes waiting always mean a drain is running (`writing`): it calls back when done.
        if (writing || !(ended || readError !== null || writeError !== null)) return;
        if (writeError !== null) reject(writeError);
        else if (readError !== null) reject(readError);
        else resolve(position);
      };
      const drain = async () => {
        if (writing) return;
        writing = true;
        try {
          const handle = await prepared;
          while (pendingBytes > 0) {
            // A bounded batch, so reading goes on while the disk takes it (reading pauses only when far behind).
            let count = 0;
            let size = 0;
            for (const chunk of pending) {
              if (size >= WRITE_BATCH_BYTES) break;
              size += chunk.length;
              count += 1;
            }
            const chunks = pending.splice(0, count);
            pendingBytes -= size;
            // Resuming a flowing or finished stream does nothing, so no need to ask which it is.
            if (pendingBytes < MAX_PENDING_BYTES / 2) body.resume();
            await handle.writev(chunks, position);
            position += size;
          }
        } catch (error) {
          // The caller drops the connection on any failure; what is still queued is not written.
          writeError = error;
          pendingBytes = 0;
        } finally {
          writing = false;
        }
        finish();
      };
      if (body.destroyed) readError = new DownloadError('network', { detail: 'connection closed before the body' });
      body.on('data', (chunk: Buffer) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        received += chunk.length;
        onBytes(received);
        if (pendingBytes >= MAX_PENDING_BYTES) body.pause();
        void drain();
      });
      body.once('end', () => {
        ended = true;
        finish();
      });
      body.once('error', (error) => {
        readError = error;
        finish();
      });
      body.once('close', () => {
        if (!ended && readError === null) readError = new DownloadError('network', { detail: 'connection closed early' });
        finish();
      });
      // A failed preparation (disk full) must surface even if no byte ever arrives.
      prepared.catch((error: unknown) => {
        writeError ??= error;
        finish();
      });
      finish();
    });
  }

  async function attempt(job: DownloadJob, paths: ReturnType<typeof partPaths>, fresh: boolean, meter: ProgressMeter) {
    const range = fresh ? null : await resumable(paths);
    const response: MediaResponse = await options.media.open({ url: job.url, range: range ?? undefined, signal: job.signal });
    const validator = response.etag ?? response.lastModified;
    const status = response.status;
    const served = response.contentRange;
    if (status === 403 || status === 404 || status === 410) {
      response.discard();
      throw new DownloadError('expired_link', { httpStatus: status });
    }
    if (status === 416 && range !== null && served?.total === range.start) {
      response.discard();
      return { kind: 'complete' as const, size: range.start, fetched: 0, restarted: false };
    }
    const resumed = status === 206 && range !== null && served !== null && served.start === range.start && validator === range.validator;
    if (status !== 200 && !resumed) {
      response.discard();
      // A 206 at the wrong place or with another validator, or a 416: start again from zero.
      if (status === 206 || status === 416) return { kind: 'restart' as const };
      throw new DownloadError('server', { httpStatus: status, detail: `HTTP ${status}` });
    }
    const start = resumed ? range.start : 0;
    const total = resumed ? served.total : response.contentLength;
    let handle: FileHandle | null = null;
    // Reading starts at once (see writeBody); the checks and the file open run while bytes gather.
    const prepared = (async () => {
      await ensureSpace(job.dir, total === null ? null : total - start);
      handle = await fs.openPart(paths.part, resumed ? 'r+' : 'w');
      if (!resumed) {
        if (validator) await writeFileAtomic(paths.meta, JSON.stringify({ url: job.url, validator, total } satisfies PartMeta));
        else await rm(paths.meta, { force: true }); // nothing to resume against: a cut restarts from zero
      }
      return handle;
    })();
    try {
      const end = await writeBody(response.body, prepared, start, (done) => meter.update(done, total));
      const file = await prepared;
      if (total !== null) {
        if (end < total) throw new DownloadError('network', { detail: `body ended at ${end} of ${total} B` });
        if (end > total) {
          await file.truncate(0);
          throw new DownloadError('length_mismatch', { detail: `${end} B > ${total} B` });
        }
      }
      await file.sync();
      meter.update(end, total, true);
      return { kind: 'complete' as const, size: end, fetched: end - start, restarted: range !== null && !resumed };
    } catch (error) {
      response.discard();
      throw error;
    } finally {
      await prepared.catch(() => undefined);
      await (handle as FileHandle | null)?.close();
    }
  }

  return {
    async download(job) {
      const paths = partPaths(job.dir, job.name);
      const meter = new ProgressMeter(clock, job.onProgress, options.progressIntervalMs);
      await mkdir(job.dir, { recursive: true });
      let restarts = 0;
      let fresh = job.noRange === true;
      try {
        for (;;) {
          const stopped = stopError(job.signal);
          if (stopped) throw stopped;
          const outcome = await attempt(job, paths, fresh, meter);
          if (outcome.kind === 'restart') {
            restarts += 1;
            if (restarts > MAX_RESTARTS) throw new DownloadError('server', { detail: 'the server keeps answering unusable ranges' });
            fresh = true;
            continue;
          }
          if (outcome.restarted) restarts += 1;
          await renameWithRetry(paths.part, paths.final);
          await rm(paths.meta, { force: true });
          await syncFolder(job.dir);
          return { file: paths.final, size: outcome.size, fetched: outcome.fetched, restarts };
        }
      } catch (error) {
        const stopped = stopError(job.signal);
        if (stopped?.code === 'cancelled') {
          await rm(paths.part, { force: true });
          await rm(paths.meta, { force: true });
        }
        throw stopped ?? toDownloadError(error);
      }
    },
  };
}
