/** The recharge flow (§3.3, §7) through the account routes, against the real simulator. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/index';
import type { RechargeWatch } from '../../preload/contract';
import { balanceSchemas } from '../ipc/handlers/balance';
import { createHarness, type Harness, type HarnessOptions } from '../testing/account-harness';
import { RECHARGE_PATH } from '../platform/account';

const BALANCE_PATH = '/accounting/mybalance.dspy';
const PHONE = '13900000001';
/** Tiny intervals: the same code paths as 5 s / 15 min / 60 s / 15 min. */
const FAST = { pollIntervalMs: 20, watchMs: 60_000, slowIntervalMs: 20, slowWatchMs: 60_000 };

let sim: Simulator;
let h: Harness | null = null;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true, paymentNotifyDelayMs: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.resetSwitches();
  sim.control.clearFaults();
  sim.control.setBalance({ phone: PHONE, balance: 100 });
});
afterEach(() => {
  h?.dispose();
  h = null;
});

async function harness(options: HarnessOptions = {}): Promise<Harness> {
  h = await createHarness(sim.url, { rechargeTimings: FAST, ...options });
  sim.control.clearRequests();
  return h;
}

const requestsTo = (path: string) => sim.control.requests().filter((r) => r.path === path);
const states = (x: Harness) => x.payloads('recharge.changed').map((w) => w.state);
const lastWatch = (x: Harness): RechargeWatch | undefined => x.payloads('recharge.changed').at(-1);

describe('account.recharge', () => {
  it.each(['redirct', 'redirect', 'url'] as const)('reads the URL under `%s`, opens the local cashier page, confirms after payment', async (key) => {
    sim.control.setSwitches({ rechargeUrlKey: key, paymentUrlMode: 'local' });
    const x = await harness();
    const watch = await x.routes.handlers['account.recharge']({ amount: 12.34 });
    expect(watch).toMatchObject({ amount: 12.34, state: 'waiting', baseline: 100 });

    // The loopback http page is accepted only because it is the platform's own origin.
    expect(x.opened).toHaveLength(1);
    expect(x.opened[0]!.startsWith(`${sim.url}/`)).toBe(true);
    const posts = requestsTo(RECHARGE_PATH);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ provider: 'alipay', amount: 12.34, currency: 'CNY' });
    expect(posts[0]?.headers.contentType).toMatch(/application\/json/);

    sim.control.completePayment();
    await vi.waitFor(() => expect(lastWatch(x)?.state).toBe('confirmed'), { timeout: 3_000 });
    expect(lastWatch(x)?.arrived).toBe(12.34);
    expect(states(x)).toEqual(['opening', 'waiting', 'confirmed']);
    expect(x.routes.services.balance.last()?.total).toBe(112.34);
    expect(x.payloads('balance.changed').at(-1)?.total).toBe(112.34); // the header follows

    // Confirmed: polling stops.
    const polled = requestsTo(BALANCE_PATH).length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(requestsTo(BALANCE_PATH).length).toBe(polled);
    expect(requestsTo(RECHARGE_PATH)).toHaveLength(1);
  });

  it('opens the Alipay gateway URL in alipay mode', async () => {
    sim.control.setSwitches({ paymentUrlMode: 'alipay' });
    const x = await harness({ serverUrl: 'https://token.example.cn' });
    await x.routes.handlers['account.recharge']({ amount: 50 });
    expect(x.opened).toHaveLength(1);
    expect(new URL(x.opened[0]!).host).toBe('openapi.alipay.com');
  });

  it('refuses a plain-http page that is not the platform origin, and never opens it', async () => {
    sim.control.setSwitches({ paymentUrlMode: 'local' });
    const x = await harness({ serverUrl: 'https://token.example.cn' });
    await expect(x.routes.handlers['account.recharge']({ amount: 10 })).rejects.toMatchObject({ code: 'url_refused' });
    expect(x.opened).toHaveLength(0);
    expect(lastWatch(x)).toMatchObject({ state: 'failed' });
    // The event carries the code only; the error text (with the refused URL) went to the caller.
    expect(lastWatch(x)?.errorCode).toBe('url_refused');
    expect(JSON.stringify(x.payloads('recharge.changed'))).not.toMatch(/token\.example|http:/);
    expect(requestsTo(RECHARGE_PATH)).toHaveLength(1);
  });

  it('refuses an https URL on a lookalike host, and never opens it', async () => {
    const x = await harness({
      wrapHttp: (http) => ({
        ...http,
        post: async (path, body, options) => {
          const answer = await http.post(path, body, options);
          return path === RECHARGE_PATH ? { kind: 'ok', data: { redirct: 'https://openapi.alipay.com.evil.cn/gateway.do?x=1' } } : answer;
        },
      }),
    });
    await expect(x.routes.handlers['account.recharge']({ amount: 10 })).rejects.toMatchObject({ code: 'url_refused' });
    expect(x.opened).toHaveLength(0);
    expect(states(x)).toEqual(['opening', 'failed']);
  });

  it('shows the platform error and does not retry the POST', async () => {
    const x = await harness();
    sim.control.setFault({ kind: 'status500', path: RECHARGE_PATH, times: 1 });
    await expect(x.routes.handlers['account.recharge']({ amount: 10 })).rejects.toMatchObject({ code: 'server' });
    expect(requestsTo(RECHARGE_PATH)).toHaveLength(1);
    expect(x.opened).toHaveLength(0);
    expect(lastWatch(x)?.state).toBe('failed');
  });

  it('two concurrent recharges make one order and one payment page: the second joins the first', async () => {
    sim.control.setSwitches({ paymentUrlMode: 'local' });
    const x = await harness();
    const [first, second] = await Promise.all([x.routes.handlers['account.recharge']({ amount: 30 }), x.routes.handlers['account.recharge']({ amount: 30 })]);
    expect(second).toEqual(first);
    expect(requestsTo(RECHARGE_PATH)).toHaveLength(1);
    expect(x.opened).toHaveLength(1);
    // Once settled, a new recharge is a new order.
    await x.routes.handlers['account.recharge']({ amount: 30 });
    expect(requestsTo(RECHARGE_PATH)).toHaveLength(2);
  });

  it('validates the amount before any request', async () => {
    const schema = balanceSchemas['account.recharge'];
    for (const ok of [0.01, 1, 19.99, 0.29, 50_000]) expect(schema.safeParse({ amount: ok }).success, String(ok)).toBe(true);
    for (const bad of [0, -1, 1.005, 50_000.01, 1e-9, 10.000000001, 0.01 + 1e-12, Number.NaN, Number.POSITIVE_INFINITY, '10']) {
      expect(schema.safeParse({ amount: bad }).success, String(bad)).toBe(false);
    }
    const issue = schema.safeParse({ amount: 1.234 });
    expect(issue.success ? '' : issue.error.issues[0]?.message).toBe('金额最多两位小数 / At most 2 decimal places');

    const x = await harness();
    await expect(x.routes.handlers['account.recharge']({ amount: 60_000 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(sim.control.requests()).toHaveLength(0);
  });
});

describe('the recharge watch', () => {
  it('times out with the documented message, keeps a slow refresh, and still confirms a late payment', async () => {
    const x = await harness({ rechargeTimings: { pollIntervalMs: 20, watchMs: 100, slowIntervalMs: 30, slowWatchMs: 5_000 } });
    await x.routes.handlers['account.recharge']({ amount: 20 });
    await vi.waitFor(() => expect(lastWatch(x)?.state).toBe('timeout'), { timeout: 3_000 });
    expect(lastWatch(x)).not.toHaveProperty('message');
    expect(await x.routes.handlers['account.rechargeWatch']()).toMatchObject({ state: 'timeout' });

    const atTimeout = requestsTo(BALANCE_PATH).length;
    await vi.waitFor(() => expect(requestsTo(BALANCE_PATH).length).toBeGreaterThan(atTimeout + 1), { timeout: 3_000 });

    sim.control.completePayment();
    await vi.waitFor(() => expect(lastWatch(x)?.state).toBe('confirmed'), { timeout: 3_000 });
    expect(lastWatch(x)?.arrived).toBe(20);
    expect(states(x)).toEqual(['opening', 'waiting', 'timeout', 'confirmed']);
  });

  it('stops the slow refresh after its window', { tags: ['slow'] }, async () => {
    const x = await harness({ rechargeTimings: { pollIntervalMs: 20, watchMs: 60, slowIntervalMs: 20, slowWatchMs: 100 } });
    await x.routes.handlers['account.recharge']({ amount: 20 });
    await vi.waitFor(() => expect(lastWatch(x)?.state).toBe('timeout'), { timeout: 3_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const settled = requestsTo(BALANCE_PATH).length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(requestsTo(BALANCE_PATH).length).toBe(settled);
    expect(lastWatch(x)?.state).toBe('timeout');
  });

  it('"I have paid" checks right away', async () => {
    const x = await harness({ rechargeTimings: { pollIntervalMs: 60_000 } });
    await x.routes.handlers['account.recharge']({ amount: 30.5 });
    expect(await x.routes.handlers['account.rechargeCheck']()).toMatchObject({ state: 'waiting' });
    sim.control.completePayment();
    const checked = await x.routes.handlers['account.rechargeCheck']();
    expect(checked).toMatchObject({ state: 'confirmed', arrived: 30.5 });
  });

  it('cancel stops polling and publishes cancelled', async () => {
    const x = await harness();
    await x.routes.handlers['account.recharge']({ amount: 10 });
    await vi.waitFor(() => expect(requestsTo(BALANCE_PATH).length).toBeGreaterThan(2), { timeout: 3_000 });
    expect(await x.routes.handlers['account.rechargeCancel']()).toBeNull();
    expect(lastWatch(x)?.state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const after = requestsTo(BALANCE_PATH).length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(requestsTo(BALANCE_PATH).length).toBe(after);
    sim.control.completePayment();
    expect(await x.routes.handlers['account.rechargeWatch']()).toMatchObject({ state: 'cancelled' });
  });

  it('sign-out cancels the watch', async () => {
    const x = await harness();
    await x.routes.handlers['account.recharge']({ amount: 10 });
    x.session.set(null);
    expect(lastWatch(x)?.state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const after = requestsTo(BALANCE_PATH).length;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(requestsTo(BALANCE_PATH).length).toBe(after);
    await expect(x.routes.handlers['account.rechargeWatch']()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a new recharge replaces the previous watch', async () => {
    const x = await harness();
    const first = await x.routes.handlers['account.recharge']({ amount: 10 });
    const second = await x.routes.handlers['account.recharge']({ amount: 11 });
    expect(second.id).not.toBe(first.id);
    expect(await x.routes.handlers['account.rechargeWatch']()).toMatchObject({ id: second.id, state: 'waiting' });
    sim.control.completePayment(); // the newest order (11)
    await vi.waitFor(() => expect(lastWatch(x)).toMatchObject({ id: second.id, state: 'confirmed', arrived: 11 }), { timeout: 3_000 });
    expect(x.payloads('recharge.changed').filter((w) => w.id === first.id && w.state === 'confirmed')).toHaveLength(0);
  });
});
