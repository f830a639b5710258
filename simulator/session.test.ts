import { afterEach, describe, expect, it } from 'vitest';
import { Client, env, sleep, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

const PROTECTED = [
  '/unipay/user_recharge.dspy', '/dapi/downapps.dspy', '/dapi/apply_apikey.dspy', '/dapi/get_apikey.dspy',
  '/accounting/mybalance.dspy', '/platformbiz/product_query_price.dspy', '/platformbiz/query_orders.dspy',
  '/llmage/vidu_inference.dspy', '/llmage/get_type_llms.dspy', '/llmage/get_my_asynctasks.dspy',
  '/llmage/get_asynctask_status.dspy', '/pricing/test_pricing_program.dspy', '/appbase/show_icon.dspy',
];

describe('session (§2)', () => {
  it('answers 401 plain text on every protected path without a ticket, no WWW-Authenticate', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    for (const path of PROTECTED) {
      const r = await c.get(path);
      expect(r.status, path).toBe(401);
      expect(r.text).toBe('401: Unauthorized');
      expect(r.headers.get('www-authenticate')).toBeNull();
      expect(r.headers.get('content-type')).not.toContain('json');
    }
    expect((await c.get('/rbac/gen_sms_code.dspy', { cellphone: '13900000001' })).status).toBe(200);
    expect((await c.get('/rbac/user/logout.dspy')).status).toBe(200);
  });

  it('sets AIOHTTP_SESSION; HttpOnly; Path=/ without Expires/Max-Age/Domain/Secure on login', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const r = await c.login('13900000001');
    expect(r.setCookie).toMatch(/^AIOHTTP_SESSION=[^;]+; HttpOnly; Path=\/$/);
    expect(c.cookie).not.toContain('rg3pBekGD_NmayfxjIvMV');
    expect(r.headers.get('access-control-expose-headers')).toBe('Set-Cookie');
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(200);
  });

  it('re-issues the ticket after refreshAfterMs and expires ttlMs after the last issue', async () => {
    sim = await startTestSim({ session: { ttlMs: 600, refreshAfterMs: 150 } });
    const c = new Client(sim.url);
    await c.login('13900000001');
    const first = c.cookie;
    const early = await c.get('/accounting/mybalance.dspy');
    expect(early.status).toBe(200);
    expect(early.setCookie).toBeNull();
    await sleep(250);
    const refreshed = await c.get('/accounting/mybalance.dspy');
    expect(refreshed.status).toBe(200);
    expect(refreshed.setCookie).not.toBeNull();
    expect(c.cookie).not.toBe(first);
    await sleep(420); // 670 ms after the first issue, 420 ms after the refresh
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(200);
    const stale = new Client(sim.url);
    stale.cookie = first;
    expect((await stale.get('/accounting/mybalance.dspy')).status).toBe(401);
  });

  it('expires an idle ticket', async () => {
    sim = await startTestSim({ session: { ttlMs: 200, refreshAfterMs: 50 } });
    const c = new Client(sim.url);
    await c.login('13900000001');
    await sleep(260);
    const r = await c.get('/accounting/mybalance.dspy');
    expect(r.status).toBe(401);
    expect(r.text).toBe('401: Unauthorized');
  });

  it('refreshes the cookie on an error envelope too', async () => {
    sim = await startTestSim({ session: { ttlMs: 5000, refreshAfterMs: 50 } });
    const c = new Client(sim.url);
    await c.login('13900000001');
    await sleep(80);
    const r = await c.get('/dapi/get_apikey.dspy', { id: 'nope' });
    expect(env(r).status).toBe('error');
    expect(r.setCookie).not.toBeNull();
  });

  it('expireSessions() invalidates every ticket; a new login works', async () => {
    sim = await startTestSim();
    const a = new Client(sim.url);
    const b = new Client(sim.url);
    await a.login('13900000001');
    await b.login('13900000002');
    sim.control.expireSessions();
    expect((await a.get('/accounting/mybalance.dspy')).status).toBe(401);
    expect((await b.get('/dapi/downapps.dspy')).status).toBe(401);
    await a.login('13900000001');
    expect((await a.get('/accounting/mybalance.dspy')).status).toBe(200);
  });

  it('binds the ticket to the client IP (simulateIpChange)', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    await c.login('13900000001');
    sim.control.simulateIpChange();
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(401);
    await c.login('13900000001');
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(200);
  });

  it('rejects a forged or truncated cookie', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    await c.login('13900000001');
    c.cookie = `${c.cookie?.slice(0, -4) ?? ''}AAAA`;
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(401);
  });

  it('logout answers a widget and replaces the cookie with a logged-out one', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    await c.login('13900000001');
    const r = await c.get('/rbac/user/logout.dspy');
    expect(r.status).toBe(200);
    expect(r.setCookie).not.toBeNull();
    expect((r.json as { widgettype: string }).widgettype).toBe('VBox');
    expect(r.text).toContain('logout success');
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(401);
    sim.control.setSwitches({ logoutWidget: false });
    expect(env(await c.post('/rbac/user/logout.dspy', {})).status).toBe('ok');
  });

  it('smsRequiresLogin makes §3.1 answer 401 without a session', async () => {
    sim = await startTestSim({ switches: { smsRequiresLogin: true } });
    const c = new Client(sim.url);
    const r = await c.get('/rbac/gen_sms_code.dspy', { cellphone: '13900000001' });
    expect(r.status).toBe(401);
    expect(r.text).toBe('401: Unauthorized');
  });

  it('an API key in Authorization logs its user in and issues a session cookie (§9)', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const r = await c.request('GET', '/accounting/mybalance.dspy', { headers: { Authorization: 'Bearer ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3' } });
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/^AIOHTTP_SESSION=/);
    const bad = await new Client(sim.url).request('GET', '/accounting/mybalance.dspy', { headers: { 'x-api-key': 'ak_wrong' } });
    expect(bad.status).toBe(401);
  });
});
