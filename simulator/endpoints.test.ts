import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP, MODEL, PPID } from './ids.ts';
import { Client, env, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
let c: Client;
beforeEach(async () => {
  sim = await startTestSim();
  c = new Client(sim.url);
  await c.login('13900000001');
});
afterEach(async () => {
  await sim.close();
});

type Obj = Record<string, unknown>;
const data = (r: { json: unknown }): Obj => (r.json as { data: Obj }).data;

describe('recharge (§3.3)', () => {
  const recharge = () => c.post('/unipay/user_recharge.dspy', { provider: 'alipay', amount: 50, currency: 'CNY' });

  it('answers the payment URL under each spelling, local or alipay', async () => {
    expect(String(data(await recharge())['redirct'])).toMatch(new RegExp(`^${sim.url}/__sim/pay/[A-Za-z0-9_-]{21}$`));
    sim.control.setSwitches({ rechargeUrlKey: 'redirect' });
    expect(Object.keys(data(await recharge()))).toEqual(['redirect']);
    sim.control.setSwitches({ rechargeUrlKey: 'url', paymentUrlMode: 'alipay' });
    const url = new URL(String(data(await recharge())['url']));
    expect(url.origin + url.pathname).toBe('https://openapi.alipay.com/gateway.do');
    expect(url.searchParams.get('out_trade_no')).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(url.searchParams.get('total_amount')).toBe('50.00');
    expect(sim.control.pendingPayments()).toHaveLength(3);
  });

  it('rejects bad input without creating an order', async () => {
    for (const body of [{ provider: 'wechat', amount: 1, currency: 'CNY' }, { provider: 'alipay', amount: -1, currency: 'CNY' },
      { provider: 'alipay', amount: 1.234, currency: 'CNY' }, { provider: 'alipay', amount: 1, currency: 'USD' }]) {
      expect(env(await c.post('/unipay/user_recharge.dspy', body)).status).toBe('error');
    }
    expect(sim.control.pendingPayments()).toHaveLength(0);
  });
});

describe('API keys (§3.4–3.6)', () => {
  it('lists only valid keys of the caller in its organisation, observed or Spec item shape', async () => {
    const items = data(await c.get('/dapi/downapps.dspy'))['apikeys'] as Obj[];
    expect(items.map((i) => i['id']).sort()).toEqual([APP.batch, APP.studio].sort());
    expect(items.find((i) => i['id'] === APP.studio)).toEqual({ id: APP.studio, name: '剪辑工作室', apikeyid: 'WC9ynYFc8a4fl0auPDer-' });
    sim.control.setSwitches({ downappsNameKey: 'appname' });
    const spec = data(await c.get('/dapi/downapps.dspy'))['apikeys'] as Obj[];
    expect(spec.find((i) => i['id'] === APP.studio)).toEqual({ id: APP.studio, appname: '剪辑工作室' });
    sim.control.setSwitches({ downappsError: true });
    expect(String(env(await c.get('/dapi/downapps.dspy')).data?.message)).toMatch(/,today='\d{4}-\d{2}-\d{2}'$/);
  });

  it('get_apikey: observed form, Spec spellings, and 没有找到用户apikey', async () => {
    const d = data(await c.get('/dapi/get_apikey.dspy', { id: APP.studio }));
    expect(d).toMatchObject({ id: APP.studio, name: '剪辑工作室', apikey: 'ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3', allowedips: '' });
    expect(typeof d['secretkey']).toBe('string');
    sim.control.setSwitches({ apikeyKey: 'aapikey', appNameKey: 'appname' });
    const s = data(await c.get('/dapi/get_apikey.dspy', { id: APP.studio }));
    expect(s['aapikey']).toBe('ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3');
    expect(s['appname']).toBe('剪辑工作室');
    expect(s).not.toHaveProperty('apikey');
    expect(s).not.toHaveProperty('name');
    for (const id of ['unknown', APP.assist, APP.legacy, APP.chenPromo]) {
      expect(env(await c.get('/dapi/get_apikey.dspy', { id })).data?.message, id).toBe('没有找到用户apikey');
    }
  });

  it('apply uses a well-formed client id, answers {status:ok} (or the record), and the key is listed', async () => {
    const id = 'AbCdEfGhIjKlMnOpQrStU';
    const r = await c.post('/dapi/apply_apikey.dspy', { appname: '新应用', description: '测试', allowedips: '', id });
    expect(r.json).toEqual({ status: 'ok' });
    const items = data(await c.get('/dapi/downapps.dspy'))['apikeys'] as Obj[];
    expect(items.some((i) => i['id'] === id && i['name'] === '新应用')).toBe(true);
    expect(data(await c.get('/dapi/get_apikey.dspy', { id }))['apikey']).toMatch(/^ak_/);
    expect(env(await c.post('/dapi/apply_apikey.dspy', { appname: 'again', id })).status).toBe('error');
    sim.control.setSwitches({ applyReturnsRecord: true });
    const rec = data(await c.post('/dapi/apply_apikey.dspy', { appname: '带记录', id: 'bad id' }));
    expect(rec['id']).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(rec['apikey']).toMatch(/^ak_/);
    expect(env(await c.post('/dapi/apply_apikey.dspy', {})).status).toBe('error');
  });
});

describe('balance (§3.7) and price (§3.8)', () => {
  it('balance in three shapes', async () => {
    expect(data(await c.get('/accounting/mybalance.dspy'))).toEqual([{ account: '客户账户', balance: 126.5 }]);
    sim.control.setSwitches({ balanceShape: 'object' });
    expect(data(await c.get('/accounting/mybalance.dspy'))).toEqual({ account: '客户账户', balance: 126.5 });
    sim.control.setSwitches({ balanceShape: 'number' });
    expect((await c.get('/accounting/mybalance.dspy')).json).toEqual({ status: 'ok', data: 126.5 });
    expect(sim.control.setBalance({ phone: '13900000001', balance: 3.5 }).balance).toBe(3.5);
    expect((await c.get('/accounting/mybalance.dspy')).json).toEqual({ status: 'ok', data: 3.5 });
  });

  it('prices duration × unit (SR) with 10% discount; priceOnly; errors', async () => {
    const q = (config: unknown, id: string = MODEL.q3Pro) => c.post('/platformbiz/product_query_price.dspy', { product_type: 'llm', product_id: id, config_data: config });
    expect(data(await q({ duration: 5, SR: 1080 }))).toEqual({ list_price: 5, price: 4.5, config_data: { duration: 5, SR: 1080 } });
    expect(data(await q({ duration: 10, SR: 720 }))).toMatchObject({ list_price: 6, price: 5.4 });
    expect(data(await q({ duration: 4, SR: 540 }))).toMatchObject({ list_price: 2.4, price: 2.16 });
    expect(env(await q({ seconds: 5, SR: 1080 })).data?.message).toBe(
      `product_id='${MODEL.q3Pro}', config_data={'seconds': 5, 'SR': 1080}, e=KeyError('duration')`,
    );
    expect(String(env(await q({ duration: 5, SR: 1080 }, 'nope')).data?.message)).toMatch(/^product_id='nope', config_data=/);
    expect(env(await c.post('/platformbiz/product_query_price.dspy', { config_data: {} })).data?.message).toBe('need a llmid');
    expect(env(await c.post('/platformbiz/product_query_price.dspy', { product_id: MODEL.q3Pro })).data?.message).toBe('need a config_data');
    sim.control.setSwitches({ priceShape: 'priceOnly' });
    expect(data(await q({ duration: 5, SR: 1080 }))).toEqual({ price: 4.5 });
    sim.control.setSwitches({ priceError: true });
    expect(String(env(await q({ duration: 5, SR: 1080 })).data?.message)).toMatch(/^product_id='.*', config_data=\{.*\}, e=/);
  });
});

describe('orders (§3.9)', () => {
  it('reads rows (ignores pagerows), newest first, usages as a JSON string', async () => {
    const r = data(await c.get('/platformbiz/query_orders.dspy', { page: '1', rows: '5', pagerows: '50' }));
    const rows = r['rows'] as Obj[];
    expect(rows).toHaveLength(5);
    expect(r['total']).toBeGreaterThanOrEqual(200);
    const times = rows.map((x) => String(x['use_time']));
    expect([...times].sort().reverse()).toEqual(times);
    const billed = rows.find((x) => x['status'] === 'SUCCEEDED' && x['accounting_status'] === 'accounted');
    expect(typeof billed?.['usages']).toBe('string');
    expect(JSON.parse(String(billed?.['usages']))).toHaveProperty('SR');
    const page2 = data(await c.get('/platformbiz/query_orders.dspy', { page: '2', rows: '5', pagerows: '5' }))['rows'] as Obj[];
    expect(String(page2[0]?.['use_time']) <= String(rows[4]?.['use_time'])).toBe(true);
    const dflt = data(await c.get('/platformbiz/query_orders.dspy', { pagerows: '10' }))['rows'] as Obj[];
    expect(dflt).toHaveLength(80);
    sim.control.setSwitches({ ordersUsageKey: 'usage' });
    const spec = (data(await c.get('/platformbiz/query_orders.dspy', { rows: '20' }))['rows'] as Obj[]).find((x) => x['status'] === 'SUCCEEDED');
    expect(spec?.['usage']).toMatchObject({ duration: expect.any(Number), SR: expect.any(Number) });
    expect(spec).not.toHaveProperty('usages');
    sim.control.setSwitches({ ordersEmptyBody: true });
    const empty = await c.get('/platformbiz/query_orders.dspy');
    expect([empty.status, empty.bytes.length]).toEqual([200, 0]);
  });
});

describe('models (§3.12), tasks (§3.13/3.14), pricing programs (§3.15)', () => {
  it('lists models per Chinese type; anything else is 文生视频', async () => {
    const list = async (type?: string) =>
      ((await c.get('/llmage/get_type_llms.dspy', type === undefined ? {} : { type })).json as { data: Obj[] }).data;
    const t2v = await list('文生视频');
    expect(t2v.map((m) => m['id'])).toEqual([MODEL.q3Pro, MODEL.q3Turbo]);
    expect(t2v[0]).toMatchObject({ min_balance: 10, expired_date: '9999-12-31', status: 'published', iconid: expect.any(String) });
    const fields = t2v[0]?.['input_fields'] as Obj[];
    expect(fields.map((f) => f['name'])).toEqual(['prompt', 'duration', 'resolution', 'ratio', 'audio', 'off_peak']);
    expect((await list('图生视频')).map((m) => m['id'])).toEqual([MODEL.q3Turbo, MODEL.q3I2v]);
    expect(((await list('图生视频'))[1]?.['input_fields'] as Obj[])[0]?.['name']).toBe('image_file');
    expect(((await list('参考生视频'))[0]?.['input_fields'] as Obj[])[0]?.['name']).toBe('images');
    expect(await list('t2v')).toEqual(t2v);
    expect(await list()).toEqual(t2v);
    sim.control.setSwitches({ inputFieldsAsString: true });
    expect(typeof (await list())[0]?.['input_fields']).toBe('string');
    sim.control.setSwitches({ modelsError: true });
    expect(env(await c.get('/llmage/get_type_llms.dspy')).data?.message).toBe('server error');
  });

  it("today's tasks: t2t by default, observed/spec shapes, ioinfo object or string", async () => {
    const get = (q: Record<string, string>) => c.get('/llmage/get_my_asynctasks.dspy', q);
    expect(data(await get({}))).toEqual({ tasks: [] });
    const tasks = data(await get({ llmcatelogid: 't2v' }))['tasks'] as Obj[];
    // 3 t2v tasks + the seeded i2v task of Vidu Q3 Turbo, whose first catalog is t2v (§10.1)
    expect(tasks.length).toBe(4);
    const t = tasks[0] as Obj & { ioinfo: { input: Obj; output: Obj[] } };
    expect(t['taskid']).toMatch(/^\d{18}$/);
    expect(BigInt(String(t['taskid'])) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(t.ioinfo.output.at(-1)?.['status']).toBe(t['status']);
    expect(t).toHaveProperty('cost');
    sim.control.setSwitches({ tasksShape: 'spec', ioinfoAsString: true });
    const spec = (await get({ llmcatelogid: 't2v' })).json as { data: { tasks: Obj }[] };
    expect(spec.data).toHaveLength(4);
    expect(typeof spec.data[0]?.tasks['ioinfo']).toBe('string');
    expect(((await get({ llmcatelogid: 'i2v' })).json as { data: unknown[] }).data).toHaveLength(0);
    sim.control.setSwitches({ tasksUnderFirstCatalog: false });
    expect(((await get({ llmcatelogid: 'i2v' })).json as { data: unknown[] }).data).toHaveLength(1);
  });

  it('task status: resposne/response spelling; unknown or foreign task → FAILED not exist', async () => {
    const tasks = data(await c.get('/llmage/get_my_asynctasks.dspy', { llmcatelogid: 't2v' }))['tasks'] as Obj[];
    const id = String(tasks[0]?.['taskid']);
    const s = data(await c.get('/llmage/get_asynctask_status.dspy', { taskid: id }));
    expect((s['resposne'] as Obj)['taskid']).toBe(id);
    sim.control.setSwitches({ taskStatusKey: 'response' });
    expect(data(await c.get('/llmage/get_asynctask_status.dspy', { taskid: '123' }))).toEqual({
      response: { taskid: '123', status: 'FAILED', error: 'taskid=123 not exist' },
    });
    const other = new Client(sim.url);
    await other.login('13900000002');
    expect((data(await other.get('/llmage/get_asynctask_status.dspy', { taskid: id }))['response'] as Obj)['error']).toBe(`taskid=${id} not exist`);
  });

  it('test_pricing_program: number or list result; 403 for customers when forbidden, admins allowed', async () => {
    const body = { ppid: PPID.q3ProT2v, data: { duration: 5, SR: 1080 } };
    expect(data(await c.post('/pricing/test_pricing_program.dspy', body))).toEqual({ ...body, result: 5 });
    sim.control.setSwitches({ pricingResult: 'list' });
    const list = data(await c.post('/pricing/test_pricing_program.dspy', body))['result'] as Obj[];
    expect(list.reduce((s, x) => s + Number(x['amount']), 0)).toBe(5);
    expect(env(await c.post('/pricing/test_pricing_program.dspy', { ppid: 'nope', data: {} })).status).toBe('error');
    sim.control.setSwitches({ pricingAccess: 'forbidden' });
    const denied = await c.post('/pricing/test_pricing_program.dspy', body);
    expect([denied.status, denied.text]).toEqual([403, '403: Forbidden']);
    const admin = new Client(sim.url);
    await admin.login('13900000009');
    expect((await admin.post('/pricing/test_pricing_program.dspy', body)).status).toBe(200);
  });

  it('serves model icons with the session', async () => {
    const r = await c.get('/appbase/show_icon.dspy', { id: 'rg0Kd7FvQm2pWs9LxN4Tb' });
    expect(r.headers.get('content-type')).toBe('image/svg+xml');
    expect(r.text).toContain('<svg');
  });

  it('unknown .dspy paths are 404 plain text', async () => {
    const r = await c.get('/rbac/nothing.dspy');
    expect([r.status, r.text]).toEqual([404, '404: Not Found']);
  });
});
