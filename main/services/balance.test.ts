/** BalanceService against the real simulator: sign-in refresh, refreshSoon, sign-out. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/index';
import type { Balance, User } from '../../preload/contract';
import { BALANCE_PATH } from '../platform/account';
import { capturingLogger, createTestHttp, FakeSession, signIn, type TestHttp } from '../testing/simple-http';
import { BalanceService } from './balance';
import { EventBus } from '../core/bus';
import { systemClock } from '../core/ports';

let sim: Simulator;
let http: TestHttp;
let user: User;
let service: BalanceService | null = null;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.control.resetSwitches();
  sim.control.setBalance({ phone: '13900000001', balance: 42.5 });
  http = createTestHttp(sim.url);
  user = await signIn(http);
  sim.control.clearRequests();
});
afterEach(() => {
  service?.dispose();
  service = null;
});

function create(session?: FakeSession): { service: BalanceService; published: Balance[] } {
  const bus = new EventBus();
  const published: Balance[] = [];
  bus.subscribe((e) => {
    if (e.event === 'balance.changed') published.push(e.payload);
  });
  service = new BalanceService({ http, bus, clock: systemClock, logger: capturingLogger(), session });
  return { service, published };
}

const balanceRequests = () => sim.control.requests().filter((r) => r.path === BALANCE_PATH).length;

describe('BalanceService', () => {
  it('refreshes when a user signs in and keeps the last balance; forgets it on sign-out', async () => {
    const session = new FakeSession();
    const { service: s, published } = create(session);
    expect(s.last()).toBeNull();
    session.set(user);
    await vi.waitFor(() => expect(published).toHaveLength(1));
    expect(s.last()?.total).toBe(42.5);
    session.set(null);
    expect(s.last()).toBeNull();
  });

  it('shares one request between concurrent callers', async () => {
    const { service: s, published } = create();
    const [a, b] = await Promise.all([s.refresh(), s.refresh()]);
    expect(a).toBe(b);
    expect(balanceRequests()).toBe(1);
    expect(published).toHaveLength(1);
  });

  it('refreshSoon fetches once after the delay, coalescing repeated calls', async () => {
    const { service: s, published } = create();
    sim.control.setBalance({ phone: '13900000001', balance: 37.6 });
    s.refreshSoon(40);
    s.refreshSoon(60);
    s.refreshSoon(50);
    expect(balanceRequests()).toBe(0);
    await vi.waitFor(() => expect(published).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(balanceRequests()).toBe(1);
    expect(s.last()?.total).toBe(37.6);
  });

  it('refreshSoon is dropped by sign-out', async () => {
    const session = new FakeSession();
    const { service: s } = create(session);
    s.refreshSoon(30);
    session.set(null);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(balanceRequests()).toBe(0);
  });

  it('a failed refreshSoon is logged without throwing', async () => {
    const logger = capturingLogger();
    service = new BalanceService({ http, bus: new EventBus(), clock: systemClock, logger });
    sim.control.setFault({ kind: 'status500', path: BALANCE_PATH, times: 1 });
    service.refreshSoon(0);
    await vi.waitFor(() => expect(logger.lines.some((line) => line.includes('balance refresh failed'))).toBe(true));
    sim.control.clearFaults();
  });
});
