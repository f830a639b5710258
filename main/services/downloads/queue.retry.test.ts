/**
 * The queue's retries on real files against a loopback server, with a fake clock for the backoff
 * timers (so each wait is measured, not slept): the delays, a wait paused, cancelled or closed,
 * the §10.8 refresh whose lookup fails, and a restart during a wait.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaClient } from '../../platform/media';
import { capturingLogger, type CapturingLogger } from '../../testing/capturing-logger';
import { FakeClock, flushPromises } from '../../testing/fake-clock';
import { startMediaServer, type MediaServer } from '../../testing/media-server';
import { createDownloadEngine, partPaths } from './engine';
import { DownloadQueue, type QueueOptions } from './queue';

const BYTES = randomBytes(60_000);
let server: MediaServer;
let root: string;
let clock: FakeClock;
let logger: CapturingLogger;
const queues: DownloadQueue[] = [];

beforeAll(async () => {
  server = await startMediaServer(BYTES);
});
afterAll(async () => server.close());
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yj-qretry-'));
  server.requests.length = 0;
  server.plan(() => ({}));
  clock = new FakeClock();
  logger = capturingLogger();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  rmSync(root, { recursive: true, force: true });
});

async function openQueue(extra: Partial<QueueOptions> = {}): Promise<DownloadQueue> {
  const engine = createDownloadEngine({ media: createMediaClient({ platformBaseUrl: () => 'https://platform.example', cookieHeader: () => null }) });
  const queue = await DownloadQueue.open({ engine, dataDir: join(root, 'data'), clock, logger, backoff: { baseMs: 100, maxMs: 250 }, ...extra });
  queues.push(queue);
  return queue;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

const dl = (id: string, path = `/${id}.mp4`) => ({ id, url: `${server.url}${path}`, dir: join(root, 'videos'), name: `${id}.mp4` });
const part = (id: string) => partPaths(join(root, 'videos'), `${id}.mp4`).part;

describe('DownloadQueue retries', () => {
  it('waits base × 2ⁿ between tries, capped at the maximum, and after the last try fails with the error logged', async () => {
    server.plan(() => ({ cutAfter: 1_000 }));
    const queue = await openQueue();
    queue.add(dl('w'));
    const waits: (number | null)[] = [];
    for (let tries = 1; tries <= 3; tries += 1) {
      await until(() => queue.get('w')?.state === 'waiting');
      expect(queue.get('w')).toMatchObject({ attempts: tries, error: { code: 'network' } });
      waits.push(clock.nextDelay());
      await clock.advance((clock.nextDelay() ?? 0) - 1);
      expect(server.requests).toHaveLength(tries); // not a moment early
      await clock.advance(1);
      await until(() => server.requests.length === tries + 1);
    }
    expect(waits).toEqual([100, 200, 250]);
    await until(() => queue.get('w')?.state === 'failed');
    expect(queue.get('w')).toMatchObject({ attempts: 4, error: { code: 'network', message: expect.stringContaining('网络中断') } });
    expect(clock.pendingTimers()).toBe(0);
    expect(logger.lines.map((l) => JSON.parse(l) as unknown)).toContainEqual({ level: 'warn', message: expect.any(String), fields: { id: 'w', code: 'network' } });
  });

  it('by default the first wait is 2 s, and a download that starts again carries no old error', async () => {
    server.plan((_r, i) => (i === 0 ? { cutAfter: 1_000 } : { stallAfter: 1_000 }));
    const queue = await openQueue({ backoff: undefined });
    queue.add(dl('d'));
    await until(() => queue.get('d')?.state === 'waiting');
    expect(clock.nextDelay()).toBe(2_000);
    await clock.advance(2_000);
    await until(() => server.requests.length === 2);
    expect(queue.get('d')).toMatchObject({ state: 'running', attempts: 1, error: null });
  });

  it('a 4xx that will not change fails at once, with its status in the log', async () => {
    server.plan(() => ({ status: 401 }));
    const queue = await openQueue();
    queue.add(dl('u'));
    await until(() => queue.get('u')?.state === 'failed');
    expect(queue.get('u')).toMatchObject({ attempts: 1, error: { code: 'server' } });
    expect(clock.pendingTimers()).toBe(0);
    expect(logger.lines.some((l) => l.includes('"httpStatus":401'))).toBe(true);
  });

  it('pausing a download that waits to retry stops the wait; resume starts it now, its tries counted', async () => {
    server.plan((_r, i) => (i === 0 ? { cutAfter: 10_000 } : {}));
    const queue = await openQueue();
    queue.add(dl('p'));
    await until(() => queue.get('p')?.state === 'waiting');
    queue.pause('p');
    expect(queue.get('p')?.state).toBe('paused');
    expect(clock.pendingTimers()).toBe(0);
    queue.resume('p');
    expect(queue.get('p')).toMatchObject({ state: 'running', attempts: 1 }); // a paused one keeps its count
    await until(() => queue.get('p')?.state === 'done');
    expect(server.requests.map((r) => r.range)).toEqual([null, 'bytes=10000-']);
  });

  it('cancelling a download that waits to retry stops the wait and removes its .part', async () => {
    server.plan(() => ({ cutAfter: 10_000 }));
    const queue = await openQueue();
    queue.add(dl('c'));
    await until(() => queue.get('c')?.state === 'waiting');
    expect(existsSync(part('c'))).toBe(true);
    queue.cancel('c');
    expect(clock.pendingTimers()).toBe(0);
    await until(() => !existsSync(part('c')));
    await clock.advance(1_000);
    expect(server.requests).toHaveLength(1);
    expect(queue.get('c')?.state).toBe('cancelled');
  });

  it('a timer that fires for a download no longer waiting leaves it alone', async () => {
    // The real clock's timer cannot be cleared after it fired; the state check is what holds.
    server.plan((_r, i) => (i === 0 ? { cutAfter: 10_000 } : { stallAfter: 1_000 }));
    const sloppy = new FakeClock();
    const fired: (() => void)[] = [];
    const queue = await openQueue({ clock: { now: () => sloppy.now(), setTimeout: (fn) => fired.push(fn), clearTimeout: () => undefined } });
    queue.add(dl('t'));
    await until(() => queue.get('t')?.state === 'waiting');
    queue.pause('t');
    fired.shift()?.();
    await flushPromises();
    expect(queue.get('t')?.state).toBe('paused');
    expect(server.requests).toHaveLength(1);
  });

  it('close during a wait keeps the download for the next start, which continues from the .part', async () => {
    server.plan((_r, i) => (i === 0 ? { cutAfter: 10_000 } : {}));
    const first = await openQueue();
    first.add(dl('k'));
    await until(() => first.get('k')?.state === 'waiting');
    await first.close();
    expect(clock.pendingTimers()).toBe(0);
    const saved = JSON.parse(readFileSync(join(root, 'data', 'downloads', 'queue.json'), 'utf8')) as { items: { id: string; state: string; attempts: number }[] };
    expect(saved.items).toMatchObject([{ id: 'k', state: 'waiting', attempts: 1 }]);

    const second = await openQueue();
    expect(second.get('k')?.state).toBe('running');
    await until(() => second.get('k')?.state === 'done');
    expect(server.requests.map((r) => r.range)).toEqual([null, 'bytes=10000-']);
  });

  it('a refresh lookup that throws counts as "no new URL": one retry from zero at the old one, then expired_link', async () => {
    server.plan((_r, i) => (i === 0 ? { cutAfter: 10_000 } : { status: 410 }));
    let asked = 0;
    const queue = await openQueue({
      refreshUrl: async () => {
        asked += 1;
        throw new Error('status query failed');
      },
    });
    queue.add(dl('e'));
    await until(() => queue.get('e')?.state === 'waiting'); // the cut: a network retry first
    await clock.advance(100);
    await until(() => queue.get('e')?.state === 'failed');
    expect(asked).toBe(1);
    expect(queue.get('e')).toMatchObject({ refreshed: true, url: `${server.url}/e.mp4`, error: { code: 'expired_link' } });
    expect(server.requests.map((r) => [r.path, r.range])).toEqual([['/e.mp4', null], ['/e.mp4', 'bytes=10000-'], ['/e.mp4', null]]);
  });

  it('a fresh URL brings its own expiry, and the retry after it resumes with Range again', async () => {
    const expires = Math.floor(clock.now() / 1000) + 900;
    server.plan((r, i) => (r.path === '/old.mp4' ? { status: 404 } : i === 1 ? { cutAfter: 20_000 } : {}));
    const queue = await openQueue({ refreshUrl: async () => `${server.url}/new.mp4?Expires=${expires}` });
    queue.add(dl('f', '/old.mp4'));
    await until(() => queue.get('f')?.state === 'waiting');
    expect(queue.get('f')).toMatchObject({ expiresAt: expires * 1000, refreshed: true });
    await clock.advance(100);
    await until(() => queue.get('f')?.state === 'done');
    expect(server.requests.map((r) => [r.path.split('?')[0], r.range])).toEqual([['/old.mp4', null], ['/new.mp4', null], ['/new.mp4', 'bytes=20000-']]);
  });
});
