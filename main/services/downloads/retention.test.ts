/** Finished downloads leave queue.json (retention.ts): the rule, and the queue applying it on real files. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/ports';
import { createMediaClient } from '../../platform/media';
import { createDownloadEngine } from './engine';
import { DownloadQueue } from './queue';
import { QueueStore, type DownloadState, type StoredItem } from './queue-store';
import { KEEP_FINISHED_COUNT, KEEP_FINISHED_MS, prunable } from './retention';

const NOW = Date.UTC(2026, 11, 2, 12);
const DAY = 24 * 60 * 60_000;
let root: string;
const queues: DownloadQueue[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-retention-'));
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  rmSync(root, { recursive: true, force: true });
});

const item = (n: number, state: DownloadState, addedAt: number): StoredItem => ({
  id: `L${n}`, url: `https://cdn.example/v/${n}.mp4?Expires=1`, dir: join(root, 'videos'), name: `2026-12-02 Vidu 江南古镇 ${n}.mp4`,
  expiresAt: addedAt + 3_600_000, addedAt, state, attempts: 0, refreshed: false, noRange: false, error: null,
});

function writeQueue(items: StoredItem[]): string {
  const file = join(root, 'data', 'downloads', 'queue.json');
  mkdirSync(join(root, 'data', 'downloads'), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: 1, items }));
  return file;
}

async function openQueue(): Promise<DownloadQueue> {
  const engine = createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.example', cookieHeader: () => null }) });
  const queue = await DownloadQueue.open({ engine, dataDir: join(root, 'data'), clock: { ...systemClock, now: () => NOW } });
  queues.push(queue);
  return queue;
}

const savedIds = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { items: StoredItem[] }).items.map((i) => i.id);

describe('prunable', () => {
  it('keeps the newest 100 finished, or every one of the last 24 h when that is more; never an unfinished one', () => {
    const old = Array.from({ length: 150 }, (_, n) => item(n, n % 2 ? 'done' : 'cancelled', NOW - 2 * DAY - n));
    const gone = prunable(old, NOW);
    expect(gone).toHaveLength(50);
    expect(gone).toContain('L149');
    expect(gone).not.toContain('L0');
    const today = Array.from({ length: 150 }, (_, n) => item(n, 'done', NOW - KEEP_FINISHED_MS + 60_000 + n));
    expect(prunable(today, NOW)).toEqual([]);
    const unfinished = (['failed', 'paused', 'queued', 'running', 'waiting'] as const).map((s, n) => item(1000 + n, s, NOW - 30 * DAY));
    expect(prunable([...old, ...unfinished], NOW)).toHaveLength(50);
  });
});

describe('prunable at its edges', () => {
  it('100 finished stay however old; the 101st oldest goes', () => {
    const old = (count: number) => Array.from({ length: count }, (_, n) => item(n, 'done', NOW - 30 * DAY - n));
    expect(prunable(old(KEEP_FINISHED_COUNT), NOW)).toEqual([]);
    expect(prunable(old(KEEP_FINISHED_COUNT + 1), NOW)).toEqual([`L${KEEP_FINISHED_COUNT}`]);
  });

  it('past the newest 100, one added exactly 24 h ago stays; a moment older goes', () => {
    const newest = Array.from({ length: KEEP_FINISHED_COUNT }, (_, n) => item(n, 'done', NOW - n));
    expect(prunable([...newest, item(500, 'cancelled', NOW - KEEP_FINISHED_MS)], NOW)).toEqual([]);
    expect(prunable([...newest, item(501, 'cancelled', NOW - KEEP_FINISHED_MS - 1)], NOW)).toEqual(['L501']);
  });
});

describe('DownloadQueue retention', () => {
  it('a queue.json with 5,000 finished videos shrinks on open; unfinished ones stay and are listed', async () => {
    const finished = Array.from({ length: 5_000 }, (_, n) => item(n, 'done', NOW - 2 * DAY - n * 60_000));
    const paused = [item(9001, 'paused', NOW - 30 * DAY), item(9002, 'failed', NOW - 30 * DAY)];
    const file = writeQueue([...finished, ...paused]);

    // The rewrite cost the pruning saves: one save of the whole list versus of what is kept.
    const store = new QueueStore(join(root, 'bench'));
    const time = async (items: StoredItem[]) => {
      await store.save(items); // warm up (directory, JIT)
      const t0 = performance.now();
      for (let i = 0; i < 5; i += 1) await store.save(items);
      return (performance.now() - t0) / 5;
    };
    const before = await time([...finished, ...paused]);

    const queue = await openQueue();
    const ids = savedIds(file);
    expect(ids).toHaveLength(KEEP_FINISHED_COUNT + 2);
    expect(ids).toEqual(expect.arrayContaining(['L0', 'L99', 'L9001', 'L9002']));
    expect(ids).not.toContain('L100');
    expect(queue.list().map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(queue.get('L9001')?.state).toBe('paused');

    const after = await time(queue.list().map(({ bytesDone: _b, bytesTotal: _t, speed: _s, etaSeconds: _e, file: _f, ...rest }) => ({ ...rest, noRange: false })));
    console.log(`queue.json rewrite with 5,000 done items: ${before.toFixed(2)} ms before pruning, ${after.toFixed(2)} ms after (${ids.length} items kept)`);
    expect(after).toBeLessThan(before);
  });

  it('a change after pruning writes the small file again (the next finished item does not bring the old ones back)', async () => {
    const file = writeQueue(Array.from({ length: 300 }, (_, n) => item(n, 'done', NOW - 2 * DAY - n)));
    const queue = await openQueue();
    queue.cancel('L0'); // done: nothing to cancel, no change
    queue.add({ id: 'new', url: 'http://127.0.0.1:9/x.mp4', dir: join(root, 'videos'), name: 'new.mp4' });
    queue.cancel('new');
    await queue.close();
    const ids = savedIds(file);
    expect(ids).toContain('new');
    expect(ids).toHaveLength(KEEP_FINISHED_COUNT);
  });
});
