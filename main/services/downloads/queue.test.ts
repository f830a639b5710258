/** The download queue on real files against a loopback server: concurrency, expiry order, retries, the §10.8 refresh, restart. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaClient } from '../../platform/media';
import { startMediaServer, type MediaServer } from '../../testing/media-server';
import { createDownloadEngine, partPaths } from './engine';
import { DownloadQueue, type DownloadItem, type QueueOptions } from './queue';

const BYTES = randomBytes(200_000);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let server: MediaServer;
let root: string;
const queues: DownloadQueue[] = [];

beforeAll(async () => {
  server = await startMediaServer(BYTES);
});
afterAll(async () => server.close());
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-queue-'));
  server.requests.length = 0;
  server.plan(() => ({}));
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  rmSync(root, { recursive: true, force: true });
});

const engine = () => createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.example', cookieHeader: () => null }) });

async function openQueue(extra: Partial<QueueOptions> = {}): Promise<DownloadQueue> {
  const queue = await DownloadQueue.open({ engine: engine(), dataDir: join(root, 'data'), backoff: { baseMs: 5, maxMs: 20 }, ...extra });
  queues.push(queue);
  return queue;
}

/** Resolves when `id` reaches a state that will not change by itself. */
function settled(queue: DownloadQueue, id: string): Promise<DownloadItem> {
  return new Promise((resolve) => {
    const check = (item: DownloadItem | null) => item?.id === id && ['done', 'failed', 'cancelled', 'paused'].includes(item.state) && resolve(item);
    queue.onChange(check);
    check(queue.get(id));
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

const dl = (id: string, path = `/${id}.mp4`) => ({ id, url: `${server.url}${path}`, dir: join(root, 'videos'), name: `${id}.mp4` });

describe('DownloadQueue', () => {
  it('downloads an item and publishes full snapshots up to done', async () => {
    const queue = await openQueue();
    const states: string[] = [];
    queue.onChange((i) => states.push(i.state));
    queue.add(dl('a'));
    const item = await settled(queue, 'a');
    expect(item).toMatchObject({ state: 'done', bytesDone: BYTES.length, bytesTotal: BYTES.length, error: null });
    expect(sha(readFileSync(join(root, 'videos', 'a.mp4')))).toBe(sha(BYTES));
    expect(states[0]).toBe('queued');
    expect(states.at(-1)).toBe('done');
  });

  it('runs at most 3 at once; the link that expires first starts first', async () => {
    // Every answer stalls, so a slot frees only when the test pauses its download.
    server.plan(() => ({ stallAfter: 1000 }));
    const queue = await openQueue();
    let peak = 0;
    const started: string[] = [];
    queue.onChange((item) => {
      peak = Math.max(peak, queue.list().filter((i) => i.state === 'running').length);
      // Progress is published as `running` too: count each start once.
      if (item.state === 'running' && !started.includes(item.id)) started.push(item.id);
    });
    for (const n of [1, 2, 3]) queue.add(dl(`hold${n}`));
    const now = Math.floor(Date.now() / 1000);
    queue.add(dl('late', `/late.mp4?Expires=${now + 7200}`));
    queue.add(dl('soon', `/soon.mp4?Expires=${now + 600}`));
    queue.add(dl('nohint', '/nohint.mp4')); // assumed to expire in 1 h
    await until(() => server.requests.length === 3);
    expect(queue.list().filter((i) => i.state === 'queued').map((i) => i.id).sort()).toEqual(['late', 'nohint', 'soon']);
    // One slot at a time, each next request seen before the next slot frees. Freeing all three at
    // once (as this test once did) starts three downloads within a millisecond, and their requests
    // reach the server in whatever order each engine's mkdir/readFile of the .part.json finishes on
    // libuv's thread pool: under load the server saw /nohint before /soon although the queue had
    // started /soon first. The queue's start order was right; the test raced its own requests.
    for (const [n, expected] of [[1, '/soon.mp4'], [2, '/nohint.mp4'], [3, '/late.mp4']] as const) {
      queue.pause(`hold${n}`);
      await until(() => server.requests.length === 3 + n);
      expect(server.requests.at(-1)?.path.split('?')[0]).toBe(expected);
    }
    expect(started).toEqual(['hold1', 'hold2', 'hold3', 'soon', 'nohint', 'late']);
    expect(peak).toBe(3);
  });

  it('retries network errors with backoff and succeeds; gives up after 4 tries', async () => {
    server.plan((r, i) => (r.path === '/flaky.mp4' && i < 2 ? { cutAfter: 50_000 } : r.path === '/dead.mp4' ? { cutAfter: 10 } : {}));
    const queue = await openQueue();
    queue.add(dl('flaky'));
    expect(await settled(queue, 'flaky')).toMatchObject({ state: 'done', attempts: 2 });
    expect(server.requests.slice(0, 3).map((r) => r.range)).toEqual([null, 'bytes=50000-', 'bytes=100000-']);
    queue.add(dl('dead'));
    const dead = await settled(queue, 'dead');
    expect(dead).toMatchObject({ state: 'failed', attempts: 4, error: { code: 'network' } });
    expect(server.requests.filter((r) => r.path === '/dead.mp4')).toHaveLength(4);
  });

  it('a 403 calls refreshUrl once and retries without Range at the new URL', async () => {
    server.plan((r, i) => (r.path === '/old.mp4' ? (i === 0 ? { cutAfter: 60_000 } : { status: 403 }) : {}));
    const asked: string[] = [];
    const queue = await openQueue({ refreshUrl: async (item) => (asked.push(item.url), `${server.url}/new.mp4`) });
    queue.add(dl('r', '/old.mp4'));
    const item = await settled(queue, 'r');
    expect(item).toMatchObject({ state: 'done', url: `${server.url}/new.mp4` });
    expect(asked).toEqual([`${server.url}/old.mp4`]);
    expect(server.requests.map((r) => [r.path, r.range])).toEqual([['/old.mp4', null], ['/old.mp4', 'bytes=60000-'], ['/new.mp4', null]]);
    expect(sha(readFileSync(join(root, 'videos', 'r.mp4')))).toBe(sha(BYTES));
  });

  it('a second 403 fails with expired_link (and never touches anything but the listener)', async () => {
    server.plan(() => ({ status: 403 }));
    let refreshes = 0;
    const queue = await openQueue({ refreshUrl: async () => ((refreshes += 1), null) });
    queue.add(dl('x'));
    const item = await settled(queue, 'x');
    expect(item).toMatchObject({ state: 'failed', error: { code: 'expired_link' } });
    expect(item.error?.message).toMatch(/浏览器.*open it in the browser/);
    expect(refreshes).toBe(1);
    expect(server.requests.map((r) => r.range)).toEqual([null, null]);
  });

  it('pause keeps the .part and resume continues from it; cancel removes it', async () => {
    server.plan((_r, i) => (i === 0 ? { stallAfter: 80_000 } : {}));
    const queue = await openQueue();
    queue.add(dl('p'));
    await until(() => (queue.get('p')?.bytesDone ?? 0) > 0 || existsSync(partPaths(join(root, 'videos'), 'p.mp4').part));
    await new Promise((r) => setTimeout(r, 50));
    queue.pause('p');
    await until(() => server.requests.length === 1 && queue.get('p')?.state === 'paused');
    await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(partPaths(join(root, 'videos'), 'p.mp4').part)).toBe(true);
    queue.resume('p');
    expect(await settled(queue, 'p')).toMatchObject({ state: 'done' });
    expect(server.requests[1]?.range).toBe('bytes=80000-');

    server.plan(() => ({ stallAfter: 80_000 }));
    queue.add(dl('c'));
    await until(() => existsSync(partPaths(join(root, 'videos'), 'c.mp4').part));
    queue.cancel('c');
    await until(() => !existsSync(partPaths(join(root, 'videos'), 'c.mp4').part));
    expect(queue.get('c')?.state).toBe('cancelled');
  });

  it('cancelling a paused item removes its .part', async () => {
    server.plan(() => ({ stallAfter: 70_000 }));
    const queue = await openQueue();
    queue.add(dl('q'));
    const part = partPaths(join(root, 'videos'), 'q.mp4').part;
    await until(() => existsSync(part));
    queue.pause('q');
    await until(() => queue.get('q')?.state === 'paused');
    await new Promise((r) => setTimeout(r, 30));
    expect(existsSync(part)).toBe(true);
    queue.cancel('q');
    await until(() => !existsSync(part));
    expect(queue.get('q')?.state).toBe('cancelled');
  });

  it('after a restart, the reopened queue finishes the same file from its .part', async () => {
    server.plan((_r, i) => (i === 0 ? { stallAfter: 90_000 } : {}));
    const first = await openQueue();
    first.add(dl('k'));
    await until(() => existsSync(partPaths(join(root, 'videos'), 'k.mp4').part));
    await new Promise((r) => setTimeout(r, 50));
    await first.close();
    const saved = JSON.parse(readFileSync(join(root, 'data', 'downloads', 'queue.json'), 'utf8')) as { items: { id: string; state: string }[] };
    expect(saved.items).toMatchObject([{ id: 'k', state: 'running' }]);

    const second = await openQueue();
    expect(await settled(second, 'k')).toMatchObject({ state: 'done' });
    expect(server.requests[1]?.range).toBe('bytes=90000-');
    expect(sha(readFileSync(join(root, 'videos', 'k.mp4')))).toBe(sha(BYTES));
  });
});
