/**
 * Test rig for the download fault matrix: the REAL engine and queue against the REAL simulator
 * over loopback HTTP, writing real files in a tmp folder. Small files (`mediaBytes`) keep it fast.
 * Tests only.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/index';
import { createMediaClient } from '../platform/media';
import { createDownloadEngine, partPaths, type EngineOptions } from '../services/downloads/engine';
import { DownloadQueue, type DownloadItem, type NewDownload, type QueueOptions } from '../services/downloads/queue';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A small seeded PRNG (mulberry32) so a failing run can be replayed from the printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from YJ_FAULT_SEED, else a fresh one; printed either way. */
export function faultSeed(label: string): number {
  const given = Number(process.env['YJ_FAULT_SEED']);
  const seed = Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31);
  console.log(`${label}: seed ${seed} (replay with YJ_FAULT_SEED=${seed})`);
  return seed;
}

export interface DownloadRig {
  sim: Simulator;
  root: string;
  /** Where the videos go. */
  dir: string;
  /** The session cookie the media client may send (only to /idfile). */
  cookie: string | null;
  engine(extra?: Partial<EngineOptions>): ReturnType<typeof createDownloadEngine>;
  queue(extra?: Partial<QueueOptions> & { engineOptions?: Partial<EngineOptions> }): Promise<DownloadQueue>;
  /** The source's bytes as a plain client sees them now (after any new version). */
  source(path: string): Promise<Buffer>;
  item(id: string, path: string): NewDownload;
  paths(name: string): ReturnType<typeof partPaths>;
  closeQueues(): Promise<void>;
  close(): Promise<void>;
}

export async function startDownloadRig(mediaBytes: number): Promise<DownloadRig> {
  const sim = await startSimulator({ port: 0, quiet: true, mediaBytes });
  const root = mkdtempSync(join(tmpdir(), 'yj-dlfault-'));
  const dir = join(root, 'videos');
  const queues: DownloadQueue[] = [];
  let dataDirs = 0;
  const rig: DownloadRig = {
    sim, root, dir, cookie: null,
    engine: (extra = {}) => createDownloadEngine({
      media: createMediaClient({ platformBaseUrl: () => sim.url, cookieHeader: () => rig.cookie }),
      rename: { attempts: 5, delayMs: 5 },
      progressIntervalMs: 100,
      ...extra,
    }),
    async queue(extra = {}) {
      const { engineOptions, ...rest } = extra;
      dataDirs += 1;
      const queue = await DownloadQueue.open({
        engine: rig.engine(engineOptions), dataDir: join(root, `data-${dataDirs}`), backoff: { baseMs: 5, maxMs: 20 }, ...rest,
      });
      queues.push(queue);
      return queue;
    },
    async source(path) {
      const headers: Record<string, string> = rig.cookie ? { cookie: rig.cookie } : {};
      const res = await fetch(`${sim.url}${path}`, { headers });
      if (!res.ok) throw new Error(`source ${path}: HTTP ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    },
    item: (id, path) => ({ id, url: `${sim.url}${path}`, dir, name: `${id}.mp4` }),
    paths: (name) => partPaths(dir, name),
    async closeQueues() {
      await Promise.all(queues.splice(0).map((q) => q.close()));
    },
    async close() {
      await rig.closeQueues();
      await sim.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return rig;
}

const RESTING = new Set(['done', 'failed', 'cancelled', 'paused']);

/** Resolves when `id` reaches a state that will not change by itself. */
export function settled(queue: DownloadQueue, id: string, timeoutMs = 15_000): Promise<DownloadItem> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id} did not settle: ${JSON.stringify(queue.get(id))}`)), timeoutMs);
    const check = (item: DownloadItem | null) => {
      if (item?.id !== id || !RESTING.has(item.state)) return;
      clearTimeout(timer);
      off();
      resolve(item);
    };
    const off = queue.onChange(check);
    check(queue.get(id));
  });
}

/** A unique task id per test (the simulator's media paths want 6–24 digits). */
let taskCounter = 0;
export function nextTaskId(): string {
  taskCounter += 1;
  return `2026120200${String(taskCounter).padStart(4, '0')}`;
}

/** The simulator's path of a task's result video. */
export const mediaPath = (taskid: string): string => `/media/${taskid}.mp4`;

/** What the simulator received for one path, oldest first. */
export const requestsTo = (rig: DownloadRig, path: string): ReturnType<Simulator['control']['requests']> =>
  rig.sim.control.requests().filter((r) => r.path === path);

