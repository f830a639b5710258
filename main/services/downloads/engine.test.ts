/** The download engine on real files: against the simulator's /media and a small loopback server that misbehaves on cue. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { mediaFile } from '../../../simulator/media';
import { createMediaClient } from '../../platform/media';
import { startMediaServer, type MediaServer } from '../../testing/media-server';
import { createDownloadEngine, partPaths, type EngineOptions } from './engine';
import { DownloadError } from './errors';
import { nodeDownloadFs } from './fs-port';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TASK = '20261202000042';
const MEDIA_PATH = `/media/${TASK}.mp4`;

let sim: Simulator;
let local: MediaServer;
let dir: string;
const BASE = randomBytes(300_000);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, quiet: true });
  local = await startMediaServer(BASE);
});
afterAll(async () => {
  await sim.close();
  await local.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yj-dl-'));
  sim.control.clearFaults();
  sim.control.clearRequests();
  local.requests.length = 0;
  local.plan(() => ({}));
  local.replace(BASE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function engine(extra: Partial<EngineOptions> = {}) {
  const media = createMediaClient({ platformBaseUrl: () => sim.url, cookieHeader: () => null });
  return createDownloadEngine({ media, rename: { attempts: 5, delayMs: 5 }, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

const simUrl = () => `${sim.url}${MEDIA_PATH}`;
const expected = () => mediaFile(TASK).bytes;

describe('download engine against the simulator', () => {
  it('downloads the whole file byte for byte and leaves no .part or meta behind', async () => {
    const result = await engine().download({ url: simUrl(), dir, name: 'a.mp4' });
    expect(sha(readFileSync(join(dir, 'a.mp4')))).toBe(sha(expected()));
    expect(result).toMatchObject({ size: expected().length, fetched: expected().length, restarts: 0 });
    expect(existsSync(partPaths(dir, 'a.mp4').part)).toBe(false);
    expect(existsSync(partPaths(dir, 'a.mp4').meta)).toBe(false);
  });

  it('resumes after a connection reset mid-body, fetching only the missing bytes', async () => {
    sim.control.setFault({ kind: 'resetMidBody', path: MEDIA_PATH, times: 1 });
    const cut = await failure(engine().download({ url: simUrl(), dir, name: 'b.mp4' }));
    expect(cut.code).toBe('network');
    expect(cut.retryable).toBe(true);
    expect(existsSync(join(dir, 'b.mp4'))).toBe(false);
    const kept = statSync(partPaths(dir, 'b.mp4').part).size;
    expect(kept).toBeGreaterThan(0);

    const result = await engine().download({ url: simUrl(), dir, name: 'b.mp4' });
    expect(result.fetched).toBe(expected().length - kept);
    expect(sim.control.requests().at(-1)?.headers.range).toBe(`bytes=${kept}-`);
    expect(sha(readFileSync(join(dir, 'b.mp4')))).toBe(sha(expected()));
  });

  it('starts over cleanly when the server ignores the range (200 to a ranged request)', async () => {
    sim.control.setFault({ kind: 'resetMidBody', path: MEDIA_PATH, times: 1 });
    await failure(engine().download({ url: simUrl(), dir, name: 'c.mp4' }));
    sim.control.setFault({ kind: 'rangeIgnored', path: MEDIA_PATH, times: 1 });
    const result = await engine().download({ url: simUrl(), dir, name: 'c.mp4' });
    expect(result).toMatchObject({ restarts: 1, fetched: expected().length });
    expect(sha(readFileSync(join(dir, 'c.mp4')))).toBe(sha(expected()));
  });

  it('reports a 403 as expired_link, not retryable', async () => {
    sim.control.setFault({ kind: 'forbidden', path: MEDIA_PATH, times: 1 });
    const error = await failure(engine().download({ url: simUrl(), dir, name: 'd.mp4' }));
    expect(error).toMatchObject({ code: 'expired_link', httpStatus: 403, retryable: false });
    expect(error.message).toMatch(/过期.*expired/);
  });
});

describe('download engine against a misbehaving server', () => {
  const url = () => `${local.url}/v.mp4`;

  it('restarts from zero when the file changed between attempts (If-Range fails, new ETag)', async () => {
    local.plan((_r, i) => (i === 0 ? { cutAfter: 100_000 } : {}));
    await failure(engine().download({ url: url(), dir, name: 'e.mp4' }));
    const oldEtag = local.etag();
    const next = randomBytes(280_000);
    local.replace(next);
    const result = await engine().download({ url: url(), dir, name: 'e.mp4' });
    expect(local.requests[1]?.ifRange).toBe(oldEtag);
    expect(result.restarts).toBe(1);
    expect(sha(readFileSync(join(dir, 'e.mp4')))).toBe(sha(next));
  });

  it('restarts from zero when a server serves the range of a changed file anyway (206 with a new ETag)', async () => {
    local.plan((_r, i) => (i === 0 ? { cutAfter: 100_000 } : { ignoreIfRange: true }));
    await failure(engine().download({ url: url(), dir, name: 'e2.mp4' }));
    const next = randomBytes(250_000);
    local.replace(next);
    const result = await engine().download({ url: url(), dir, name: 'e2.mp4' });
    expect(local.requests.map((r) => r.range)).toEqual([null, 'bytes=100000-', null]);
    expect(result).toMatchObject({ restarts: 1, fetched: next.length });
    expect(sha(readFileSync(join(dir, 'e2.mp4')))).toBe(sha(next));
  });

  it('retries a refused rename (antivirus) and succeeds on the 4th try', async () => {
    let calls = 0;
    const fs = {
      ...nodeDownloadFs,
      rename: async (from: string, to: string) => {
        calls += 1;
        if (calls <= 3) throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
        await nodeDownloadFs.rename(from, to);
      },
    };
    await engine({ fs }).download({ url: url(), dir, name: 'f.mp4' });
    expect(calls).toBe(4);
    expect(existsSync(join(dir, 'f.mp4'))).toBe(true);
  });

  it('gives up with rename_failed after 5 refusals and keeps the finished .part', async () => {
    const fs = { ...nodeDownloadFs, rename: async () => Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' })) };
    const error = await failure(engine({ fs }).download({ url: url(), dir, name: 'g.mp4' }));
    expect(error.code).toBe('rename_failed');
    expect(statSync(partPaths(dir, 'g.mp4').part).size).toBe(300_000);
  });

  it('fails with disk_full before writing and keeps the .part already downloaded', async () => {
    local.plan((_r, i) => (i === 0 ? { cutAfter: 120_000 } : {}));
    await failure(engine().download({ url: url(), dir, name: 'h.mp4' }));
    const before = statSync(partPaths(dir, 'h.mp4').part).size;
    const fs = { ...nodeDownloadFs, freeBytes: async () => 1_000 };
    const error = await failure(engine({ fs }).download({ url: url(), dir, name: 'h.mp4' }));
    expect(error.code).toBe('disk_full');
    expect(error.message).toMatch(/磁盘空间不足.*Not enough disk space/);
    expect(statSync(partPaths(dir, 'h.mp4').part).size).toBe(before);
  });

  it('pause keeps the .part; cancel removes it', async () => {
    for (const reason of ['pause', 'cancel'] as const) {
      const name = `${reason}.mp4`;
      const controller = new AbortController();
      local.plan(() => ({ cutAfter: 150_000 }));
      const running = engine({ progressIntervalMs: 0 }).download({
        url: url(), dir, name, signal: controller.signal,
        onProgress: (p) => p.bytesDone > 0 && controller.abort(reason),
      });
      const error = await failure(running);
      expect(error.code).toBe(reason === 'pause' ? 'paused' : 'cancelled');
      expect(existsSync(partPaths(dir, name).part)).toBe(reason === 'pause');
      expect(existsSync(join(dir, name))).toBe(false);
    }
  });

  it('reports throttled progress with the total, speed and ETA', async () => {
    const seen: { bytesDone: number; bytesTotal: number | null }[] = [];
    const started = Date.now();
    await engine().download({ url: url(), dir, name: 'p.mp4', onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ bytesDone: 300_000, bytesTotal: 300_000 });
    // ≤ 10/s: one report per 100 ms at most, plus the first and the final one.
    expect(seen.length).toBeLessThanOrEqual(Math.floor((Date.now() - started) / 100) + 2);
  });
});

describe('fault loop: the connection cut at random offsets', () => {
  it('never leaves a final file that is incomplete, and every finished file matches (24 runs)', { tags: ['slow'] }, async () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const bytes = randomBytes(300_000);
    local.replace(bytes);
    let failed = 0;
    for (let run = 0; run < 24; run += 1) {
      const name = `loop-${run}.mp4`;
      // Cut the first one to three answers of each run at random places in what they send; then let it through.
      const first = local.requests.length;
      const cuts = 1 + Math.floor(random() * 3);
      local.plan((_r, i) => (i - first < cuts ? { cutAfter: Math.floor(random() * 250_000) } : {}));
      for (let attempt = 0; attempt <= cuts; attempt += 1) {
        const done = await engine().download({ url: `${local.url}/v.mp4`, dir, name }).then(() => true, () => false);
        if (done) break;
        failed += 1;
        expect(existsSync(join(dir, name))).toBe(false);
      }
      expect(sha(readFileSync(join(dir, name)))).toBe(sha(bytes));
      expect(existsSync(partPaths(dir, name).part)).toBe(false);
    }
    expect(failed).toBeGreaterThanOrEqual(24);
  });
});
