import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHES } from './switches.ts';
import { Client, env, startTestSim } from './testkit.ts';
import type { LoggedRequest, SimStateSummary, Simulator } from './types.ts';

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

async function control(action: string, args?: unknown): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: string } }> {
  const res = await fetch(`${sim.url}/__sim/control`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action, args }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; result?: unknown; error?: string } };
}

describe('control API', () => {
  it('works over HTTP: switches, faults, sms code, balance, errors', async () => {
    sim = await startTestSim();
    const set = await control('setSwitches', { balanceShape: 'number', streamFailure: null });
    expect(set.body).toMatchObject({ ok: true, result: { balanceShape: 'number', streamFailure: null } });
    expect((await control('setSwitches', { balanceShape: 'weird' })).status).toBe(400);
    expect((await control('setSwitches', { noSuchSwitch: true })).body.error).toMatch(/unknown switch/);
    expect((await control('resetSwitches')).body.result).toEqual(DEFAULT_SWITCHES);
    expect((await control('setFault', { kind: 'status500', path: '/dapi/downapps.dspy', times: 1 })).body.result).toHaveLength(1);
    expect((await control('getFaults')).body.result).toEqual([{ kind: 'status500', path: '/dapi/downapps.dspy', times: 1 }]);
    expect((await control('clearFaults')).body.result).toEqual([]);
    const c = new Client(sim.url);
    await c.smsKey('13900000002');
    expect((await control('lastSmsCode', { phone: '13900000002' })).body.result).toBe('123456');
    expect((await control('setBalance', { phone: '13900000003', balance: 1.25 })).body.result).toEqual({ orgid: 'P1mQe4ZtVb7nLk0sXw2Ra', balance: 1.25 });
    expect((await control('nope')).status).toBe(400);
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as SimStateSummary;
    expect(state.url).toBe(sim.url);
    expect(state.orgs.find((o) => o.id === 'P1mQe4ZtVb7nLk0sXw2Ra')?.balance).toBe(1.25);
    expect(state.users.filter((u) => u.mobile === '13900000003')).toHaveLength(3);
    expect(state.models.length).toBeGreaterThanOrEqual(4);
  });

  it('expireSessions over HTTP logs everyone out', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    await c.login('13900000001');
    await control('expireSessions');
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(401);
  });

  it('seedOrders(10000) is fast and the rows appear, newest first', async () => {
    sim = await startTestSim();
    // CPU time, not wall time: the build machines are often loaded by parallel jobs.
    const cpu = process.cpuUsage();
    const res = sim.control.seedOrders({ phone: '13900000001', count: 10_000 });
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
    expect(res.total).toBeGreaterThanOrEqual(10_200);
    const c = new Client(sim.url);
    await c.login('13900000001');
    const t2 = performance.now();
    const page = env(await c.get('/platformbiz/query_orders.dspy', { page: '100', rows: '80', pagerows: '80' })).data as { total: number; rows: { use_time: string }[] };
    expect(performance.now() - t2).toBeLessThan(1000);
    expect(page.total).toBe(res.total);
    expect(page.rows).toHaveLength(80);
    const times = page.rows.map((r) => r.use_time);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await control('seedOrders', { phone: '13900000002', count: 5 })).body.result).toMatchObject({ total: 29 });
  });

  it('seedTasks adds finished t2v tasks that today\'s list (§3.13) shows', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    await c.login('13900000002');
    const list = async () => (env(await c.get('/llmage/get_my_asynctasks.dspy', { llmcatelogid: 't2v' })).data as { tasks: { status: string; taskid: string }[] }).tasks;
    const before = (await list()).length;
    expect((await control('seedTasks', { phone: '13900000002', count: 20 })).body.ok).toBe(true);
    const after = await list();
    expect(after.length - before).toBe(20);
    expect(after.filter((t) => t.status === 'FAILED').length).toBeGreaterThanOrEqual(2);
    expect((await control('seedTasks', { count: -1 })).status).toBe(400);
  });

  it('requests() shows what the client sent (params, content type, cookie presence)', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    await c.login('13900000003', 'chen_edu');
    await c.get('/platformbiz/query_orders.dspy', { page: '1', pagerows: '20', rows: '20' });
    const log: LoggedRequest[] = sim.control.requests();
    const logins = log.filter((r) => r.path === '/rbac/phone_login.dspy');
    expect(logins).toHaveLength(2);
    expect(logins[1]?.body).toMatchObject({ cellphone: '13900000003', sms_code: '123456', key: expect.any(String), selected_id: expect.any(String) });
    expect(logins[1]?.headers.contentType).toBe('application/json');
    expect(logins[1]?.headers.cookie).toBe(false);
    const orders = log.find((r) => r.path === '/platformbiz/query_orders.dspy');
    expect(orders).toMatchObject({ method: 'GET', query: { page: '1', pagerows: '20', rows: '20' }, body: null, status: 200 });
    expect(orders?.headers).toMatchObject({ cookie: true, authorization: false, xApiKey: false, clientUuid: false });
    expect(log.some((r) => r.path.startsWith('/__sim'))).toBe(false);
    sim.control.clearRequests();
    expect(sim.control.requests()).toEqual([]);
  });

  it('basePath serves the platform under a prefix', async () => {
    sim = await startTestSim({ basePath: '/yj' });
    expect(sim.url.endsWith('/yj')).toBe(true);
    const c = new Client(sim.url);
    expect((await c.login('13900000001')).status).toBe(200);
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(200);
    expect((await fetch(`${sim.url.slice(0, -3)}/accounting/mybalance.dspy`)).status).toBe(404);
    expect((await fetch(`${sim.url}/__sim/state`)).status).toBe(200);
  });

  it("seed 'empty' has models but no accounts; registration works", async () => {
    sim = await startTestSim({ seed: 'empty' });
    const state = sim.control.state();
    expect(state.users).toEqual([]);
    expect(state.models.length).toBeGreaterThan(0);
    const c = new Client(sim.url);
    expect(env(await c.login('13900000001')).status).toBe('ok');
  });

  it('close() ends open streams and frees the port', async () => {
    sim = await startTestSim({ switches: { streamForm: 'lines' }, taskTimings: { processingAfterMs: 10_000, succeedAfterMs: 20_000, billingDelayMs: 1 } });
    const c = new Client(sim.url);
    await c.login('13900000001');
    const pending = fetch(`${sim.url}/llmage/vidu_inference.dspy`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}` },
      body: JSON.stringify({ llmid: 'BjhzpdzWAkCrP4ekOot_R', llmcatelogid: 't2v', prompt: 'x' }),
    }).then((r) => r.text()).catch(() => 'broken');
    await new Promise((r) => setTimeout(r, 100));
    const t = performance.now();
    await sim.close();
    expect(performance.now() - t).toBeLessThan(1000);
    await expect(pending).resolves.toBeTypeOf('string');
  });
});
