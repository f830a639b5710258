/** The account routes against the real simulator over real HTTP, every variant switch. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index';
import { APP, PPID } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { keysSchemas } from './keys';
import { ordersSchemas } from './orders';
import { pricingSchemas } from './pricing';
import { createHarness, type Harness } from '../../testing/account-harness';

let sim: Simulator;
let h: Harness;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.control.resetSwitches();
  sim.control.clearFaults();
  h = await createHarness(sim.url);
  sim.control.clearRequests();
});
afterEach(() => {
  h.dispose();
});

const requestsTo = (path: string) => sim.control.requests().filter((r) => r.path === path);

describe('account.balance (§3.7)', () => {
  it.each(['list', 'object', 'number'] as const)('accepts the %s shape; total is the first account; publishes balance.changed', async (shape) => {
    sim.control.setSwitches({ balanceShape: shape });
    sim.control.setBalance({ phone: '13900000001', balance: 88.25 });
    const balance = await h.routes.handlers['account.balance']();
    expect(balance.total).toBe(88.25);
    expect(balance.accounts[0]?.balance).toBe(88.25);
    if (shape === 'number') expect(balance.accounts).toEqual([{ account: '', balance: 88.25 }]);
    expect(balance.fetchedAt).toBeGreaterThan(0);
    expect(h.payloads('balance.changed').at(-1)).toEqual(balance);
    expect(h.routes.services.balance.last()).toEqual(balance);
  });

  it('refuses without a session and sends nothing', async () => {
    h.session.set(null);
    await expect(h.routes.handlers['account.balance']()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(requestsTo('/accounting/mybalance.dspy')).toHaveLength(0);
  });

  it('lets a 401 through as unauthorized (the http layer reports it)', async () => {
    sim.control.expireSessions();
    await expect(h.routes.handlers['account.balance']()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(h.http.unauthorizedCount()).toBe(1);
  });
});

describe('orders.list (§3.9)', () => {
  it.each(['usages', 'usage'] as const)('normalises rows whose usage arrives as `%s`', async (key) => {
    sim.control.setSwitches({ ordersUsageKey: key });
    const page = await h.routes.handlers['orders.list']({ page: 1, pageSize: 20 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.length).toBeLessThanOrEqual(20);
    const withUsage = page.rows.filter((row) => row.usage !== null);
    expect(withUsage.length).toBeGreaterThan(0);
    for (const row of page.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['accountingStatus', 'amount', 'llmid', 'model', 'name', 'status', 'usage', 'useDate', 'useTime', 'userid'].sort(),
      );
      expect(row.amount === null || typeof row.amount === 'number').toBe(true);
      expect(row.useDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (row.usage !== null) expect(typeof row.usage).toBe('object');
    }
    expect(typeof withUsage[0]?.usage?.duration).toBe('number');
  });

  it('pages: page 3 of 80 sends page, pagerows and rows', async () => {
    const seeded = sim.control.seedOrders({ phone: '13900000001', count: 60 });
    const page = await h.routes.handlers['orders.list']({ page: 3, pageSize: 80 });
    expect(page.total).toBe(seeded.total);
    expect(page.page).toBe(3);
    expect(page.pageSize).toBe(80);
    expect(page.rows).toHaveLength(Math.min(80, Math.max(0, seeded.total - 160)));
    const [request] = requestsTo('/platformbiz/query_orders.dspy');
    expect(request?.query).toMatchObject({ page: '3', pagerows: '80', rows: '80' });
  });

  it('reports an empty body as "orders unavailable"', async () => {
    sim.control.setSwitches({ ordersEmptyBody: true });
    await expect(h.routes.handlers['orders.list']({ page: 1, pageSize: 80 })).rejects.toMatchObject({
      code: 'empty_response',
      message: '订单暂不可用 / Orders unavailable on this server',
    });
  });

  it('validates the page size (10–10 000, default 80)', () => {
    const schema = ordersSchemas['orders.list'];
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 80 });
    expect(schema.safeParse({ page: 1, pageSize: 9 }).success).toBe(false);
    expect(schema.safeParse({ page: 1, pageSize: 10_000 }).success).toBe(true);
    expect(schema.safeParse({ page: 1, pageSize: 10_001 }).success).toBe(false);
    expect(schema.safeParse({ page: 0, pageSize: 80 }).success).toBe(false);
    expect(schema.safeParse({ page: 1.5, pageSize: 80 }).success).toBe(false);
  });
});

describe('keys (§3.4–3.6)', () => {
  it.each(['name', 'appname'] as const)('lists apps with the name under `%s`', async (key) => {
    sim.control.setSwitches({ downappsNameKey: key });
    const apps = await h.routes.handlers['keys.list']();
    const studio = apps.find((app) => app.id === APP.studio);
    expect(studio?.appName).toBe('剪辑工作室');
    if (key === 'name') expect(studio?.apiKeyId).toBe('WC9ynYFc8a4fl0auPDer-');
    expect(apps.some((app) => app.id === APP.legacy)).toBe(false); // expired keys are not listed
  });

  it('turns the broken-server `…,today=` failure into "API key list unavailable"', async () => {
    sim.control.setSwitches({ downappsError: true });
    await expect(h.routes.handlers['keys.list']()).rejects.toMatchObject({ code: 'app', message: 'API Key 列表暂不可用 / API key list unavailable' });
  });

  it.each([false, true])('applies once (applyReturnsRecord=%s) and returns the refreshed list, keeping no key in logs', async (returnsRecord) => {
    sim.control.setSwitches({ applyReturnsRecord: returnsRecord });
    const appName = `测试应用-${returnsRecord ? 'rec' : 'plain'}`;
    const apps = await h.routes.handlers['keys.apply']({ appName, description: '单元测试', allowedIps: '127.0.0.1,::1' });
    const created = apps!.find((app) => app.appName === appName);
    expect(created).toBeDefined();

    const posts = requestsTo('/dapi/apply_apikey.dspy');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers.contentType).toMatch(/application\/json/);
    expect(posts[0]?.body).toMatchObject({ appname: appName, description: '单元测试', allowedips: '127.0.0.1,::1' });
    expect(String(posts[0]?.body?.id)).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(requestsTo('/dapi/downapps.dspy')).toHaveLength(2); // before (to reconcile a failure) and after

    const detail = await h.routes.handlers['keys.reveal']({ appId: created!.id });
    expect(detail.apiKey.length).toBeGreaterThan(8);
    const everything = [...h.logger.lines, JSON.stringify(h.events)].join('\n');
    expect(everything).not.toContain(detail.apiKey);
    if (detail.secretKey) expect(everything).not.toContain(detail.secretKey);
  });

  it('two concurrent applies make one app: the second joins the first and gets its list', async () => {
    const input = { appName: '并发申请' };
    const [first, second] = await Promise.all([h.routes.handlers['keys.apply'](input), h.routes.handlers['keys.apply'](input)]);
    expect(second).toEqual(first);
    expect(requestsTo('/dapi/apply_apikey.dspy')).toHaveLength(1);
    expect(first!.filter((app) => app.appName === '并发申请')).toHaveLength(1);
  });

  it('after a failed apply, returns the list when the app was created anyway; otherwise the error', async () => {
    // Created, then the answer was lost (the connection dropped after the server did its work).
    sim.control.setFault({ kind: 'resetMidBody', path: '/dapi/apply_apikey.dspy', times: 1 });
    const apps = await h.routes.handlers['keys.apply']({ appName: '已存在的应用' });
    expect(apps!.filter((app) => app.appName === '已存在的应用')).toHaveLength(1);
    expect(requestsTo('/dapi/apply_apikey.dspy')).toHaveLength(1); // never retried

    // Refused, while an older app of the same name exists: that old app proves nothing.
    sim.control.clearRequests();
    sim.control.setFault({ kind: 'status500', path: '/dapi/apply_apikey.dspy', times: 1 });
    await expect(h.routes.handlers['keys.apply']({ appName: '已存在的应用' })).rejects.toMatchObject({ code: 'server' });
    expect(requestsTo('/dapi/apply_apikey.dspy')).toHaveLength(1);
    expect(requestsTo('/dapi/downapps.dspy')).toHaveLength(2); // read before, and reconciled after

    sim.control.setFault({ kind: 'status500', path: '/dapi/apply_apikey.dspy', times: 1 });
    await expect(h.routes.handlers['keys.apply']({ appName: '从未创建' })).rejects.toMatchObject({ code: 'server' });
  });

  it.each([
    ['apikey', 'name'],
    ['aapikey', 'appname'],
  ] as const)('reveals a key spelled `%s` with the name under `%s`, logging neither secret', async (apikeyKey, appNameKey) => {
    sim.control.setSwitches({ apikeyKey, appNameKey });
    const detail = await h.routes.handlers['keys.reveal']({ appId: APP.studio });
    expect(detail).toMatchObject({ appId: APP.studio, appName: '剪辑工作室', apiKey: 'ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3' });
    expect(detail.secretKey).toBeTruthy();
    const everything = [...h.logger.lines, JSON.stringify(h.events)].join('\n');
    expect(everything).not.toContain('ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3');
    expect(everything).not.toContain(detail.secretKey!);
    expect(JSON.stringify(h.routes.services)).not.toContain('ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3');
  });

  it('shows the platform message for an unknown app id', async () => {
    await expect(h.routes.handlers['keys.reveal']({ appId: 'NoSuchAppxxxxxxxxxxxx' })).rejects.toMatchObject({
      code: 'app',
      message: '没有找到用户apikey',
    });
  });

  it('validates apply input', () => {
    const schema = keysSchemas['keys.apply'];
    expect(schema.parse({ appName: '  剪辑  ', allowedIps: ' 10.0.0.1 , 2001:db8::1 ' })).toEqual({ appName: '剪辑', allowedIps: '10.0.0.1,2001:db8::1' });
    expect(schema.parse({ appName: 'a', allowedIps: '' })).toEqual({ appName: 'a', allowedIps: '' });
    expect(schema.safeParse({ appName: '   ' }).success).toBe(false);
    expect(schema.safeParse({ appName: 'x'.repeat(65) }).success).toBe(false);
    expect(schema.safeParse({ appName: 'x'.repeat(64) }).success).toBe(true);
    expect(schema.safeParse({ appName: 'a', description: 'd'.repeat(201) }).success).toBe(false);
    for (const bad of ['1.2.3', 'example.com', '10.0.0.1,,10.0.0.2', '10.0.0.0/8', '300.1.1.1']) {
      expect(schema.safeParse({ appName: 'a', allowedIps: bad }).success, bad).toBe(false);
    }
  });
});

describe('pricing.test (§3.15)', () => {
  const input = { ppid: PPID.q3ProT2v, data: { duration: 5, SR: 1080 } };

  it('passes a number result through', async () => {
    sim.control.setSwitches({ pricingResult: 'number' });
    const result = await h.routes.handlers['pricing.test'](input);
    expect(result.ppid).toBe(PPID.q3ProT2v);
    expect(result.amount).toBeGreaterThan(0);
    expect(result.items).toBeUndefined();
    expect(requestsTo('/pricing/test_pricing_program.dspy')[0]?.body).toMatchObject(input);
  });

  it('sums a list of priced items and never surfaces `cost`', async () => {
    sim.control.setSwitches({ pricingResult: 'list' });
    const result = await h.routes.handlers['pricing.test'](input);
    expect(result.items?.length).toBeGreaterThan(0);
    const sum = result.items!.reduce((total, item) => total + item.amount, 0);
    expect(result.amount).toBeCloseTo(sum, 8);
    expect(JSON.stringify(result)).not.toContain('cost');
  });

  it('explains a 403', async () => {
    sim.control.setSwitches({ pricingAccess: 'forbidden' });
    await expect(h.routes.handlers['pricing.test'](input)).rejects.toMatchObject({
      code: 'forbidden',
      message: '没有权限使用定价测试 / No permission to test pricing programs',
      httpStatus: 403,
    });
    expect(h.http.unauthorizedCount()).toBe(0);
  });

  it('validates its input', () => {
    const schema = pricingSchemas['pricing.test'];
    expect(schema.safeParse(input).success).toBe(true);
    expect(schema.safeParse({ ppid: '', data: {} }).success).toBe(false);
    expect(schema.safeParse({ ppid: '  ', data: {} }).success).toBe(false);
    expect(schema.safeParse({ ppid: 'p', data: [1, 2] }).success).toBe(false);
    expect(schema.safeParse({ ppid: 'p', data: 'duration=5' }).success).toBe(false);
    expect(schema.safeParse({ ppid: 'p', data: null }).success).toBe(false);
    expect(schema.safeParse({ ppid: 'p' }).success).toBe(false);
  });
});

describe('routes without input', () => {
  it('accept undefined and null, refuse anything else', () => {
    expect(keysSchemas['keys.list'].safeParse(undefined).success).toBe(true);
    expect(keysSchemas['keys.list'].safeParse(null).success).toBe(true);
    expect(keysSchemas['keys.list'].safeParse({ x: 1 }).success).toBe(false);
  });
});
