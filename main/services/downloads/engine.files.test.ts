/**
 * The download engine's side of the file system, on real files through the DownloadFs port: free
 * space, the rename the OS may refuse, fsync before the final name, handles closed, memory kept
 * bounded when the disk is slower than the network, and stopping before anything started.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMediaClient } from '../../platform/media';
import { FakeClock } from '../../testing/fake-clock';
import { rangeAnswer, send, startScriptedServer, type ScriptedServer } from '../../testing/scripted-media';
import { createDownloadEngine, partPaths, type EngineOptions } from './engine';
import { DownloadError } from './errors';
import { nodeDownloadFs, type DownloadFs } from './fs-port';
import type { DownloadProgress } from './progress';

const BYTES = randomBytes(200_000);
const ETAG = '"f1"';
const MiB = 1 << 20;
let server: ScriptedServer;
let dir: string;

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yj-dl-files-'));
  server.requests.length = 0;
  server.answer(rangeAnswer(BYTES, { etag: ETAG }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function engine(extra: Partial<EngineOptions> = {}) {
  const media = createMediaClient({ platformBaseUrl: () => 'http://platform.invalid', cookieHeader: () => null });
  return createDownloadEngine({ media, rename: { attempts: 5, delayMs: 1 }, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

const refusal = (code: string) => Object.assign(new Error(`${code}: rename refused`), { code });
const withFree = (free: number, asked: string[] = []): DownloadFs => ({ ...nodeDownloadFs, freeBytes: async (folder) => (asked.push(folder), free) });

describe('free space', () => {
  const RESERVE = 8 * MiB; // the default kept free on top of the file

  it('needs the file plus the 8 MiB reserve: exactly that is enough, one byte less is disk_full with the figures', async () => {
    const asked: string[] = [];
    await engine({ fs: withFree(BYTES.length + RESERVE, asked) }).download({ url: server.url, dir, name: 'ok.mp4' });
    expect(asked).toEqual([dir]);
    expect(readFileSync(join(dir, 'ok.mp4')).equals(BYTES)).toBe(true);

    const error = await failure(engine({ fs: withFree(BYTES.length + RESERVE - 1) }).download({ url: server.url, dir, name: 'no.mp4' }));
    expect(error).toMatchObject({ code: 'disk_full', retryable: false });
    expect(error.message).toContain(`need ${BYTES.length + RESERVE} B, free ${BYTES.length + RESERVE - 1} B`);
    expect(existsSync(join(dir, 'no.mp4'))).toBe(false);
  });

  it('a resume needs only the missing bytes plus the reserve', async () => {
    const kept = 150_000;
    const leave = (name: string) => {
      writeFileSync(partPaths(dir, name).part, BYTES.subarray(0, kept));
      writeFileSync(partPaths(dir, name).meta, JSON.stringify({ url: server.url, validator: ETAG, total: BYTES.length }));
    };
    const missing = BYTES.length - kept;
    leave('a.mp4');
    expect(await engine({ fs: withFree(missing + 1_000), reserveBytes: 1_000 }).download({ url: server.url, dir, name: 'a.mp4' })).toMatchObject({ fetched: missing });
    leave('b.mp4');
    const error = await failure(engine({ fs: withFree(missing + 999), reserveBytes: 1_000 }).download({ url: server.url, dir, name: 'b.mp4' }));
    expect(error.code).toBe('disk_full');
    expect(statSync(partPaths(dir, 'b.mp4').part).size).toBe(kept);
  });

  it('unknown length (no Content-Length): no free-space check, the whole body kept, progress without a total', async () => {
    server.answer((_req, res) => {
      res.writeHead(200, { ETag: ETAG }); // chunked
      res.end(BYTES);
    });
    const asked: string[] = [];
    const seen: DownloadProgress[] = [];
    const result = await engine({ fs: withFree(0, asked) }).download({ url: server.url, dir, name: 'u.mp4', onProgress: (p) => seen.push(p) });
    expect(asked).toEqual([]);
    expect(result.size).toBe(BYTES.length);
    expect(seen.at(-1)).toMatchObject({ bytesDone: BYTES.length, bytesTotal: null, etaSeconds: null });
  });

  it('a full disk reported before any byte arrives still ends the download at once and drops the connection', async () => {
    let dropped = false;
    server.answer((_req, res) => {
      res.once('close', () => (dropped = true));
      res.writeHead(200, { ETag: ETAG, 'Content-Length': BYTES.length }).flushHeaders();
    });
    const error = await failure(engine({ fs: withFree(0) }).download({ url: server.url, dir, name: 'silent.mp4' }));
    expect(error.code).toBe('disk_full');
    await vi.waitFor(() => expect(dropped).toBe(true)); // the connection is not left open
  });
});

describe('a write refused half-way', () => {
  it('ENOSPC from a write → disk_full, what was written kept, nothing more written', async () => {
    let room = 70_000;
    let writesAfterFull = 0;
    const fs: DownloadFs = {
      ...nodeDownloadFs,
      async openPart(file, flags) {
        const handle = await open(file, flags);
        const writev = handle.writev.bind(handle);
        handle.writev = (async (buffers: Buffer[], position: number) => {
          const all = Buffer.concat(buffers);
          if (room === 0) writesAfterFull += 1;
          if (all.length <= room) return (room -= all.length, writev([all], position));
          await writev([all.subarray(0, room)], position);
          room = 0;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }) as typeof handle.writev;
        return handle;
      },
    };
    const error = await failure(engine({ fs }).download({ url: server.url, dir, name: 'full.mp4' }));
    expect(error).toMatchObject({ code: 'disk_full', retryable: false });
    expect(readFileSync(partPaths(dir, 'full.mp4').part).equals(BYTES.subarray(0, 70_000))).toBe(true);
    expect(writesAfterFull).toBe(0);
    expect(existsSync(join(dir, 'full.mp4'))).toBe(false);
  });
});

describe('the final rename', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])('%s once (antivirus, indexer) → retried, done', async (code) => {
    let calls = 0;
    const fs: DownloadFs = { ...nodeDownloadFs, rename: async (from, to) => ((calls += 1) === 1 ? Promise.reject(refusal(code)) : nodeDownloadFs.rename(from, to)) };
    await engine({ fs }).download({ url: server.url, dir, name: 'r.mp4' });
    expect(calls).toBe(2);
    expect(readFileSync(join(dir, 'r.mp4')).equals(BYTES)).toBe(true);
  });

  it('any other refusal (EXDEV) → io at once, the whole .part kept', async () => {
    let calls = 0;
    const fs: DownloadFs = { ...nodeDownloadFs, rename: async () => ((calls += 1), Promise.reject(refusal('EXDEV'))) };
    const error = await failure(engine({ fs }).download({ url: server.url, dir, name: 'x.mp4' }));
    expect(error).toMatchObject({ code: 'io', retryable: false });
    expect(calls).toBe(1);
    expect(statSync(partPaths(dir, 'x.mp4').part).size).toBe(BYTES.length);
  });

  it('by default: 5 tries, 200 ms apart, then rename_failed naming the OS code', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const fs: DownloadFs = { ...nodeDownloadFs, rename: async () => ((calls += 1), Promise.reject(refusal('EBUSY'))) };
    const media = createMediaClient({ platformBaseUrl: () => 'http://platform.invalid', cookieHeader: () => null });
    const running = createDownloadEngine({ media, fs, clock }).download({ url: server.url, dir, name: 'd.mp4' });
    const outcome = running.then(() => null, (e: unknown) => e);
    for (let n = 1; n <= 4; n += 1) {
      await vi.waitFor(() => expect(clock.nextDelay()).toBe(200));
      expect(calls).toBe(n);
      await clock.advance(199);
      expect(calls).toBe(n);
      await clock.advance(1);
    }
    const error = (await outcome) as DownloadError;
    expect(error).toMatchObject({ code: 'rename_failed' });
    expect(error.message).toContain('EBUSY');
    expect(calls).toBe(5);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('what reaches the disk', () => {
  /** A port that records what the engine does with the .part's handle and the rename. */
  function recordingFs(events: string[], writes: number[] = [], slowMs = 0): DownloadFs {
    return {
      ...nodeDownloadFs,
      async openPart(file, flags) {
        const handle = await open(file, flags);
        events.push(`open ${flags}`);
        const writev = handle.writev.bind(handle);
        const sync = handle.sync.bind(handle);
        const close = handle.close.bind(handle);
        handle.writev = (async (buffers: Buffer[], position: number) => {
          writes.push(buffers.reduce((n, b) => n + b.length, 0));
          if (slowMs) await new Promise((resolve) => setTimeout(resolve, slowMs));
          return writev(buffers, position);
        }) as typeof handle.writev;
        handle.sync = async () => (events.push('sync'), sync());
        handle.close = async () => (events.push('close'), close());
        return handle;
      },
      rename: async (from, to) => (events.push('rename'), nodeDownloadFs.rename(from, to)),
    };
  }

  it('the .part is synced and closed before it takes the final name; a cut attempt closes it too', async () => {
    const events: string[] = [];
    await engine({ fs: recordingFs(events) }).download({ url: server.url, dir, name: 's.mp4' });
    expect(events).toEqual(['open w', 'sync', 'close', 'rename']);

    server.answer(rangeAnswer(BYTES, { etag: ETAG }, () => 70_000));
    const cut: string[] = [];
    await failure(engine({ fs: recordingFs(cut) }).download({ url: server.url, dir, name: 'c.mp4' }));
    expect(cut).toEqual(['open w', 'close']);
    const resumed: string[] = [];
    server.answer(rangeAnswer(BYTES, { etag: ETAG }));
    await engine({ fs: recordingFs(resumed) }).download({ url: server.url, dir, name: 'c.mp4' });
    expect(resumed).toEqual(['open r+', 'sync', 'close', 'rename']);
  });

  it('a disk slower than the network: at most 16 MiB waits in memory, reading resumes at half, writes of about 1 MiB, the file whole', { tags: ['slow'] }, async () => {
    const big = randomBytes(28 * MiB);
    server.answer((_req, res) => send(res, 200, { ETag: '"big"' }, big));
    const writes: number[] = [];
    const lags: number[] = []; // received but not yet handed to the disk, at each chunk
    const written = () => writes.reduce((a, b) => a + b, 0);
    await engine({ fs: recordingFs([], writes, 15), progressIntervalMs: 0, reserveBytes: 0 }).download({
      url: server.url, dir, name: 'big.mp4', onProgress: (p) => p.bytesDone < big.length && lags.push(p.bytesDone - written()),
    });
    expect(Math.max(...writes)).toBeLessThanOrEqual(MiB + 64 * 1024);
    expect(Math.max(...lags)).toBeLessThanOrEqual(17 * MiB + 128 * 1024);
    // Once reading paused, it resumes only when half the backlog is written, not after every batch.
    const paused = lags.findIndex((lag) => lag >= 15 * MiB);
    expect(paused).toBeGreaterThan(0);
    expect(Math.min(...lags.slice(paused + 1))).toBeLessThan(10 * MiB);
    expect(readFileSync(join(dir, 'big.mp4')).equals(big)).toBe(true);
  });

  it('a body that ends while its last bytes are still being written: they are waited for, the file whole', async () => {
    server.answer((_req, res) => {
      res.writeHead(200, { ETag: ETAG }); // chunked: the end comes on its own, after the last bytes
      res.write(BYTES.subarray(0, 199_000));
      setTimeout(() => {
        res.write(BYTES.subarray(199_000));
        setTimeout(() => res.end(), 20);
      }, 60);
    });
    const result = await engine({ fs: recordingFs([], [], 50) }).download({ url: server.url, dir, name: 'tail.mp4' });
    expect(result.size).toBe(BYTES.length);
    expect(readFileSync(join(dir, 'tail.mp4')).equals(BYTES)).toBe(true);
  });

  it('progress: the first chunk and the final figure are always reported, nothing in between within the interval', async () => {
    const clock = new FakeClock(); // time stands still: only the first and the forced final report pass
    const seen: DownloadProgress[] = [];
    await engine({ clock }).download({ url: server.url, dir, name: 'p.mp4', onProgress: (p) => seen.push(p) });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.bytesDone).toBeGreaterThan(0);
    expect(seen[0]?.bytesDone).toBeLessThan(BYTES.length);
    expect(seen[1]).toEqual({ bytesDone: BYTES.length, bytesTotal: BYTES.length, speed: 0, etaSeconds: null });
  });
});

describe('stopped before it started', () => {
  function leave(name: string) {
    const paths = partPaths(dir, name);
    writeFileSync(paths.part, BYTES.subarray(0, 50_000));
    writeFileSync(paths.meta, JSON.stringify({ url: server.url, validator: ETAG, total: BYTES.length }));
    return paths;
  }

  it('paused: no request, the .part and its meta kept', async () => {
    const paths = leave('p.mp4');
    const error = await failure(engine().download({ url: server.url, dir, name: 'p.mp4', signal: AbortSignal.abort('pause') }));
    expect(error).toMatchObject({ code: 'paused', retryable: false });
    expect(server.requests).toEqual([]);
    expect([existsSync(paths.part), existsSync(paths.meta)]).toEqual([true, true]);
  });

  it('cancelled: no request, the .part and its meta removed', async () => {
    const paths = leave('c.mp4');
    const error = await failure(engine().download({ url: server.url, dir, name: 'c.mp4', signal: AbortSignal.abort('cancel') }));
    expect(error).toMatchObject({ code: 'cancelled', retryable: false });
    expect(server.requests).toEqual([]);
    expect([existsSync(paths.part), existsSync(paths.meta)]).toEqual([false, false]);
    // Nothing on disk yet: still simply cancelled.
    expect(await failure(engine().download({ url: server.url, dir, name: 'none.mp4', signal: AbortSignal.abort('cancel') }))).toMatchObject({ code: 'cancelled' });
  });
});

describe('nodeDownloadFs.freeBytes', () => {
  it('agrees with df for the folder (within what others wrote meanwhile)', async () => {
    const free = await nodeDownloadFs.freeBytes(dir);
    const df = Number(execFileSync('df', ['-k', '--output=avail', dir], { encoding: 'utf8' }).trim().split('\n').at(-1)) * 1024;
    expect(Math.abs(free - df)).toBeLessThan(Math.max(64 * MiB, df * 0.01));
  });
});
