/** The saved orders history against the simulator's demo history, on loopback, with real files. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderRow, OrdersHistoryProgress, User } from '../../../preload/contract';
import { EventBus } from '../../core/bus';
import { systemClock } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { ORDERS_PATH } from '../../platform/orders';
import type { PlatformHttp } from '../../platform/types';
import { capturingLogger, FakeSession, signIn } from '../../testing/simple-http';
import { useSignedInSimulator } from '../../testing/signed-in-sim';
import { OrdersHistoryService } from './service';

const signed = useSignedInSimulator();
const PAGE = 50;
let user: User;

beforeAll(async () => {
  user = await signIn(signed.http());
});

function service(dir: string, http: PlatformHttp = signed.http()) {
  const session = new FakeSession();
  session.set(user);
  const bus = new EventBus();
  const progress: OrdersHistoryProgress[] = [];
  bus.subscribe((event) => {
    if (event.event === 'orders.history.progress') progress.push(event.payload);
  });
  const history = new OrdersHistoryService({
    http, session, serverUrl: () => signed.sim().url, dir, bus, clock: systemClock, logger: capturingLogger(), pageSize: PAGE,
  });
  return { history, progress, session };
}

const orderRequests = () => signed.sim().control.requests().filter((r) => r.path === ORDERS_PATH);
const newDir = () => mkdtempSync(join(tmpdir(), 'yj-orders-history-'));

describe('orders history', () => {
  it('reads every page once with progress, saves it, and a restart answers from the file without asking', async () => {
    const dir = newDir();
    const first = service(dir);
    expect((await first.history.read('cached')).rows).toEqual([]);
    expect(orderRequests()).toHaveLength(0);

    const read = await first.history.read('refresh');
    const total = read.rows.length;
    expect(total).toBeGreaterThan(200); // the first demo phone's organisation: ~200 past rows and today's
    expect(read.reachedEnd).toBe(true);
    expect(read.fetchedAt).not.toBeNull();
    expect(orderRequests()).toHaveLength(Math.floor(total / PAGE) + 1);
    // Newest first, as the platform sends them.
    const times = read.rows.map((row) => row.useTime);
    expect([...times].sort().reverse()).toEqual(times);
    // Progress: one start, one per page, one end; the counts only grow.
    expect(first.progress[0]).toEqual({ loaded: 0, total: null, running: true });
    expect(first.progress.at(-1)).toEqual({ loaded: total, total, running: false });
    expect(first.progress.filter((p) => p.running).map((p) => p.loaded)).toEqual([0, ...Array.from({ length: Math.floor(total / PAGE) }, (_, i) => (i + 1) * PAGE), total]);

    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{32}\.json$/);
    expect(JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')).rows).toEqual(read.rows);

    signed.sim().control.clearRequests();
    const restarted = service(dir);
    expect(await restarted.history.read('cached')).toEqual(read);
    expect(orderRequests()).toHaveLength(0);
  });

  it('a refresh reads only the new pages: it stops at rows already saved', async () => {
    const dir = newDir();
    const all = await service(dir).history.read('refresh');
    // As if the newest 70 rows had arrived since the last read: remove them from the file.
    const file = join(dir, readdirSync(dir)[0]!);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { rows: OrderRow[] };
    writeFileSync(file, JSON.stringify({ ...saved, rows: saved.rows.slice(70) }));
    signed.sim().control.clearRequests();

    const again = service(dir);
    expect((await again.history.read('cached')).rows).toHaveLength(all.rows.length - 70);
    const refreshed = await again.history.read('refresh');
    expect(orderRequests()).toHaveLength(2); // rows 1–50 are all new, 51–100 meet saved ones
    expect(refreshed.rows).toEqual(all.rows);

    signed.sim().control.clearRequests();
    await again.history.read('full');
    expect(orderRequests()).toHaveLength(Math.floor(all.rows.length / PAGE) + 1);
  });

  it('saves nothing from a read that failed half-way, and reports the end of the read', async () => {
    const dir = newDir();
    const http = signed.http();
    const failing: PlatformHttp = {
      ...http,
      get: (path, query, options) => {
        if (path === ORDERS_PATH && (query as { page?: number } | undefined)?.page === 2) return Promise.reject(new AppError('server', 'HTTP 500'));
        return http.get(path, query, options);
      },
    };
    const broken = service(dir, failing);
    await expect(broken.history.read('refresh')).rejects.toThrow('HTTP 500');
    expect(broken.progress.at(-1)).toEqual({ loaded: PAGE, total: expect.any(Number), running: false });
    expect((await broken.history.read('cached')).rows).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps one history per account and refuses without one', async () => {
    const dir = newDir();
    const one = service(dir);
    await one.history.read('refresh');
    one.session.set({ ...user, id: 'someone-else' });
    expect((await one.history.read('cached')).rows).toEqual([]);
    one.session.set(null);
    await expect(one.history.read('cached')).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
