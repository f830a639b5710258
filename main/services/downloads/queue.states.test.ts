/**
 * The queue's answers to each action in each state, and what a restart brings back, on real files
 * against a loopback server: nothing a user asks twice (or too late) may lose a download.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/ports';
import { createMediaClient } from '../../platform/media';
import { startMediaServer, type MediaServer } from '../../testing/media-server';
import { createDownloadEngine } from './engine';
import { DownloadQueue, type DownloadItem, type QueueOptions } from './queue';
import type { StoredItem } from './queue-store';

const BYTES = randomBytes(40_000);
const NOW = Date.UTC(2026, 11, 2, 12);
const HOUR = 3_600_000;
let server: MediaServer;
let root: string;
const queues: DownloadQueue[] = [];

beforeAll(async () => {
  server = await startMediaServer(BYTES);
});
afterAll(async () => server.close());
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-qstates-'));
  server.requests.length = 0;
  server.plan(() => ({}));
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  rmSync(root, { recursive: true, force: true });
});

async function openQueue(extra: Partial<QueueOptions> = {}): Promise<DownloadQueue> {
  const engine = createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.example', cookieHeader: () => null }) });
  const queue = await DownloadQueue.open({ engine, dataDir: join(root, 'data'), clock: { ...systemClock, now: () => NOW }, backoff: { baseMs: 5, maxMs: 20 }, maxAttempts: 1, ...extra });
  queues.push(queue);
  return queue;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

const dl = (id: string, path = `/${id}.mp4`) => ({ id, url: `${server.url}${path}`, dir: join(root, 'videos'), name: `${id}.mp4` });
const recorder = (queue: DownloadQueue) => {
  const seen: DownloadItem[] = [];
  queue.onChange((i) => seen.push(i));
  return seen;
};

describe('DownloadQueue states', () => {
  it('add answers an id it already has as it is; a failed or cancelled one is replaced; a done one only when asked again', async () => {
    server.plan((r) => (r.path === '/bad.mp4' ? { status: 500 } : r.path.startsWith('/hold') ? { stallAfter: 1_000 } : {}));
    const queue = await openQueue();
    queue.add(dl('h', '/hold.mp4'));
    expect(queue.add(dl('h', '/other.mp4'))).toMatchObject({ url: `${server.url}/hold.mp4`, state: 'running' });

    queue.add(dl('f', '/bad.mp4'));
    await until(() => queue.get('f')?.state === 'failed');
    expect(queue.add(dl('f', '/good.mp4'))).toMatchObject({ url: `${server.url}/good.mp4`, attempts: 0, error: null });
    await until(() => queue.get('f')?.state === 'done');

    expect(queue.add(dl('f', '/again.mp4'))).toMatchObject({ state: 'done', url: `${server.url}/good.mp4`, bytesDone: BYTES.length });
    expect(queue.add({ ...dl('f', '/again.mp4'), again: true })).toMatchObject({ state: 'running', url: `${server.url}/again.mp4`, bytesDone: 0 });
    await until(() => queue.get('f')?.state === 'done');

    queue.cancel('h');
    expect(queue.add(dl('h', '/fresh.mp4'))).toMatchObject({ url: `${server.url}/fresh.mp4` });
  });

  it('a link without an expiry is assumed to live an hour from when it was seen (now, unless told)', async () => {
    server.plan(() => ({ stallAfter: 1_000 }));
    const queue = await openQueue({ concurrency: 0 });
    expect(queue.add(dl('n')).expiresAt).toBe(NOW + HOUR);
    expect(queue.add({ ...dl('s'), seenAt: NOW - 600_000 }).expiresAt).toBe(NOW - 600_000 + HOUR);
    expect(queue.add(dl('x', '/x.mp4?Expires=1900000000')).expiresAt).toBe(1_900_000_000_000);
    expect(queue.list().map((i) => [i.id, i.addedAt, i.state])).toEqual([['n', NOW, 'queued'], ['s', NOW, 'queued'], ['x', NOW, 'queued']]);
  });

  it('with equal expiry, the one added first starts first; concurrency is an option', async () => {
    server.plan(() => ({ stallAfter: 1_000 }));
    let now = NOW;
    const queue = await openQueue({ concurrency: 1, clock: { ...systemClock, now: () => now } });
    queue.add(dl('first'));
    now += 1;
    queue.add({ ...dl('b'), seenAt: NOW });
    now += 1;
    queue.add({ ...dl('a'), seenAt: NOW });
    expect(queue.list().map((i) => i.state)).toEqual(['running', 'queued', 'queued']);
    queue.pause('first');
    await until(() => queue.get('b')?.state === 'running');
    expect(queue.get('a')?.state).toBe('queued');
  });

  it('pause, resume and cancel do nothing where they do not apply (no event, no change)', async () => {
    const queue = await openQueue();
    queue.add(dl('d'));
    await until(() => queue.get('d')?.state === 'done');
    const seen = recorder(queue);
    queue.pause('d');
    queue.resume('d');
    queue.cancel('d');
    queue.pause('nope');
    queue.resume('nope');
    queue.cancel('nope');
    expect(seen).toEqual([]);
    expect(queue.get('d')?.state).toBe('done');

    server.plan(() => ({ stallAfter: 1_000 }));
    queue.add(dl('r'));
    queue.resume('r'); // running: nothing to resume
    expect(seen.map((i) => i.state)).toEqual(['queued', 'running']);
    queue.cancel('r');
    await until(() => seen.filter((i) => i.state === 'cancelled').length >= 1);
    const count = seen.length;
    queue.cancel('r');
    queue.pause('r');
    queue.resume('r');
    expect(seen).toHaveLength(count);
    expect(queue.get('r')?.state).toBe('cancelled');
  });

  it('a queued download can be paused before it starts, and resumed', async () => {
    server.plan(() => ({ stallAfter: 1_000 }));
    const queue = await openQueue({ concurrency: 0 });
    queue.add(dl('q'));
    queue.pause('q');
    expect(queue.get('q')?.state).toBe('paused');
    queue.resume('q');
    expect(queue.get('q')?.state).toBe('queued');
  });

  it('resuming a failed download gives it fresh tries and a fresh refresh', async () => {
    server.plan(() => ({ status: 403 }));
    const queue = await openQueue({ refreshUrl: async () => null });
    queue.add(dl('e'));
    await until(() => queue.get('e')?.state === 'failed');
    expect(queue.get('e')).toMatchObject({ attempts: 1, refreshed: true, error: { code: 'expired_link' } });
    server.plan(() => ({}));
    queue.resume('e');
    expect(queue.get('e')).toMatchObject({ state: 'running', attempts: 0, refreshed: false, error: null });
    await until(() => queue.get('e')?.state === 'done');
  });

  it('snapshots are copies: changing one changes nothing in the queue', async () => {
    server.plan(() => ({ status: 500 }));
    const queue = await openQueue();
    queue.add(dl('c'));
    await until(() => queue.get('c')?.state === 'failed');
    const shot = queue.get('c') as { error: { code: string } };
    shot.error.code = 'changed';
    expect(queue.get('c')?.error?.code).toBe('server');
  });

  it('a restart continues running and waiting downloads, leaves paused, failed and done ones as they were', async () => {
    const item = (id: string, state: StoredItem['state']): StoredItem => ({
      ...dl(id), expiresAt: NOW + HOUR, addedAt: NOW - 1_000, state, attempts: 1, refreshed: false, noRange: false, error: null,
    });
    mkdirSync(join(root, 'data', 'downloads'), { recursive: true });
    const states = ['queued', 'running', 'waiting', 'paused', 'failed', 'done', 'cancelled'] as const;
    writeFileSync(join(root, 'data', 'downloads', 'queue.json'), JSON.stringify({ version: 1, items: states.map((s) => item(s, s)) }));
    const queue = await openQueue({ concurrency: 0 });
    expect(queue.list().map((i) => [i.id, i.state])).toEqual([
      ['queued', 'queued'], ['running', 'queued'], ['waiting', 'queued'], ['paused', 'paused'], ['failed', 'failed'], ['done', 'done'], ['cancelled', 'cancelled'],
    ]);
    expect(queue.list().every((i) => i.bytesDone === 0 && i.bytesTotal === null && i.speed === 0 && i.etaSeconds === null && i.file === null)).toBe(true);
  });

  it('a closed queue starts nothing more (the app is quitting): what is added waits for the next start', async () => {
    const queue = await openQueue();
    await queue.close();
    expect(queue.add(dl('late')).state).toBe('queued');
    await new Promise((r) => setTimeout(r, 30));
    expect(server.requests).toEqual([]);
    expect(queue.get('late')?.state).toBe('queued');
  });

  it('cancelling right after a pause, while the run still winds down, removes the .part once it has', async () => {
    server.plan(() => ({ stallAfter: 10_000 }));
    const queue = await openQueue();
    queue.add(dl('w'));
    const part = join(root, 'videos', 'w.mp4.part');
    await until(() => (queue.get('w')?.bytesDone ?? 0) > 0);
    queue.pause('w');
    queue.cancel('w');
    await until(() => !existsSync(part));
    expect(queue.get('w')?.state).toBe('cancelled');
  });

  it('close resolves only after every running download has stopped (nothing changes after it)', async () => {
    server.plan(() => ({ stallAfter: 10_000 }));
    const queue = await openQueue();
    queue.add(dl('a'));
    queue.add(dl('b'));
    await until(() => queue.list().every((i) => i.bytesDone > 0));
    const seen = recorder(queue);
    await queue.close();
    const atClose = seen.length;
    expect(atClose).toBeGreaterThan(0); // each run's end was published before close resolved
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(atClose);
  });

  it('close saves the last state even when nothing was saved since', async () => {
    const queue = await openQueue();
    queue.add(dl('s'));
    await until(() => queue.get('s')?.state === 'done');
    const file = join(root, 'data', 'downloads', 'queue.json');
    rmSync(file);
    await queue.close();
    expect((JSON.parse(readFileSync(file, 'utf8')) as { items: StoredItem[] }).items).toMatchObject([{ id: 's', state: 'done', noRange: false }]);
  });
});
