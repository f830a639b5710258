import { afterEach, describe, expect, it } from 'vitest';
import { Client, env, rawRequest, sleep, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

type User = Record<string, unknown> & { id: string; username: string; orgid: string };
const userOf = (body: unknown): User => (body as { data: { user: User } }).data.user;
const LOGIN = '/rbac/phone_login.dspy';

describe('SMS code (§3.1)', () => {
  it('answers the test-mode message and a new 21-char key each time', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const a = await c.get('/rbac/gen_sms_code.dspy', { cellphone: '13900000001' });
    expect(a.headers.get('content-type')).toBe('application/json; utf-8');
    expect(a.text).toContain('\\u6d4b\\u8bd5\\u6a21\\u5f0f'); // 测试模式, escaped on the wire
    expect(a.text).toContain('\n    "status"'); // pretty-printed
    const data = env(a).data as { message: string; key: string };
    expect(data.message).toBe('测试模式: 验证码 123456');
    expect(data.key).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const b = await c.smsKey('13900000001');
    expect(b).not.toBe(data.key);
    expect(sim.control.lastSmsCode('13900000001')).toBe('123456');
    expect(sim.control.lastSmsCode('13800000000')).toBeNull();
  });

  it('errors: missing number; SMS service failures', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    expect(env(await c.get('/rbac/gen_sms_code.dspy')).data?.message).toBe('没有收到手机号');
    sim.control.setSwitches({ smsFailure: 'plain' });
    expect(env(await c.get('/rbac/gen_sms_code.dspy', { cellphone: '1' })).data?.message).toBe('发送验证码出错');
    sim.control.setSwitches({ smsFailure: 'detail' });
    expect(env(await c.get('/rbac/gen_sms_code.dspy', { cellphone: '1' })).data?.message).toMatch(/^发送验证码出错: /);
  });
});

describe('phone login (§3.2)', () => {
  it('checks in the documented order', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000001');
    const msg = async (body: Record<string, unknown>) => env(await c.post(LOGIN, body)).data?.message;
    expect(await msg({})).toBe('需输入手机号');
    expect(await msg({ cellphone: '13900000001', key })).toBe('需输入验证码');
    expect(await msg({ cellphone: '13900000001', sms_code: '123456' })).toBe('需要短信验证key');
    expect(await msg({ cellphone: '13900000001', sms_code: '654321', key })).toBe('手机短信验证码出错');
    expect(await msg({ cellphone: '13900000002', sms_code: '123456', key })).toBe('手机短信验证码出错');
    expect(await msg({ cellphone: '13900000001', sms_code: '123456', key: 'x'.repeat(21) })).toBe('手机短信验证码出错');
    expect(c.cookie).toBeNull();
  });

  it('case a: one account → ok + full record with password and the cookie', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const r = await c.login('13900000001');
    const u = userOf(r.json);
    expect(env(r).status).toBe('ok');
    expect(u).toMatchObject({ id: 'rg3pBekGD_NmayfxjIvMV', username: '13900000001', nick_name: '小林', mobile: '13900000001', user_status: '0', login_fail_count: 0 });
    expect(typeof u['password']).toBe('string');
    expect(u).toHaveProperty('sync_from');
    expect(r.setCookie).not.toBeNull();
    const n = userOf((await new Client(sim.url).login('13900000002')).json);
    expect(n['nick_name']).toBeNull();
  });

  it('loginIncludesPassword=false drops password from records and choose items', async () => {
    sim = await startTestSim({ switches: { loginIncludesPassword: false } });
    const c = new Client(sim.url);
    expect(userOf((await c.login('13900000001')).json)).not.toHaveProperty('password');
    const key = await c.smsKey('13900000003');
    const r = await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key });
    expect(r.text).not.toContain('password');
  });

  it('case b: three accounts → choose {users} (observed), re-post with selected_id logs that one in', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000003');
    const r = await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key });
    expect(r.setCookie).toBeNull();
    const e = env(r) as { status: string; data: { key?: string; users: User[] } };
    expect(e.status).toBe('choose');
    expect(e.data.key).toBeUndefined();
    expect(e.data.users).toHaveLength(3);
    expect(new Set(e.data.users.map((u) => u.orgid)).size).toBe(3);
    expect(e.data.users.filter((u) => u['nick_name'] === null)).toHaveLength(1);
    const pick = e.data.users.find((u) => u.username === 'chen_edu');
    const ok = await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key, selected_id: pick?.id });
    expect(userOf(ok.json).id).toBe(pick?.id);
    expect(ok.setCookie).not.toBeNull();
    const bal = env(await c.get('/accounting/mybalance.dspy')).data as unknown as { balance: number }[];
    expect(bal[0]?.balance).toBe(52.3);
  });

  it('chooseIncludesKey: the choose answer carries a NEW key; the original stops working', async () => {
    sim = await startTestSim({ switches: { chooseIncludesKey: true } });
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000003');
    const e = (await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key })).json as { data: { key: string; users: User[] } };
    expect(e.data.key).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(e.data.key).not.toBe(key);
    const id = e.data.users[0]?.id;
    const old = await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key, selected_id: id });
    expect(env(old).data?.message).toBe('手机短信验证码出错');
    const good = await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key: e.data.key, selected_id: id });
    expect(userOf(good.json).id).toBe(id);
  });

  it('a selected_id that matches none behaves like case c (username exists here)', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000003');
    const r = await c.post(LOGIN, { cellphone: '13900000003', sms_code: '123456', key, selected_id: 'NoSuchAccountId123456' });
    const e = env(r) as { status: string; data: { message: string; user: User } };
    expect(e.status).toBe('error');
    expect(e.data.message).toBe('username(13900000003) exists');
    expect(e.data.user).toHaveProperty('password');
  });

  it('case c: an unknown number registers (smaller record, cfm_password, no nick_name), then logs in', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const r = await c.login('13812345678');
    const u = userOf(r.json);
    expect(u.username).toBe('13812345678');
    expect(u).not.toHaveProperty('nick_name');
    expect(u).toHaveProperty('cfm_password');
    expect(u).toHaveProperty('password');
    expect(Object.keys(u).sort()).toEqual(
      ['cfm_password', 'created_at', 'id', 'login_fail_count', 'mobile', 'orgid', 'password', 'user_status', 'username'],
    );
    const bal = env(await c.get('/accounting/mybalance.dspy')).data as unknown as { balance: number }[];
    expect(bal[0]?.balance).toBe(0);
    // second login: the full record, same id
    expect(userOf((await new Client(sim.url).login('13812345678')).json).id).toBe(u.id);
  });

  it('registration closed / exists', async () => {
    sim = await startTestSim({ switches: { registration: 'closed' } });
    const c = new Client(sim.url);
    expect(env(await c.login('13812345678')).data?.message).toBe('注册暂未开放，请联系管理员');
    sim.control.setSwitches({ registration: 'exists' });
    const r = (await c.login('13812345678')).json as { data: { message: string; user: User } };
    expect(r.data.message).toBe('username(13812345678) exists');
    expect(r.data.user.username).toBe('13812345678');
    expect(r.data.user).toHaveProperty('password');
    expect(c.cookie).toBeNull();
  });

  it('loginEmptyBody: HTTP 200, empty body, but the cookie is set and works', async () => {
    sim = await startTestSim({ switches: { loginEmptyBody: true } });
    const c = new Client(sim.url);
    const r = await c.login('13900000001');
    expect(r.status).toBe(200);
    expect(r.bytes.length).toBe(0);
    expect(r.setCookie).not.toBeNull();
    expect((await c.get('/accounting/mybalance.dspy')).status).toBe(200);
  });

  it('SMS codes expire', async () => {
    sim = await startTestSim({ smsCodeTtlMs: 100 });
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000001');
    await sleep(150);
    expect(env(await c.post(LOGIN, { cellphone: '13900000001', sms_code: '123456', key })).data?.message).toBe('手机短信验证码出错');
  });

  it('a JSON body without Content-Type loses its params; a form body works; an array body → 500', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000001');
    const body = JSON.stringify({ cellphone: '13900000001', sms_code: '123456', key });
    const raw = await rawRequest(`${sim.url}${LOGIN}`, 'POST', { 'Content-Length': String(Buffer.byteLength(body)) }, body);
    expect(JSON.parse(Buffer.concat(raw.chunks).toString('utf8'))).toEqual({ status: 'error', data: { message: '需输入手机号' } });
    const form = await c.request('POST', LOGIN, {
      body: new URLSearchParams({ cellphone: '13900000001', sms_code: '123456', key }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(env(form).status).toBe('ok');
    const arr = await c.request('POST', LOGIN, { json: [{ cellphone: '13900000001' }] });
    expect(arr.status).toBe(500);
    expect(arr.text).toContain('500 Internal Server Error');
    const log = sim.control.requests().filter((q) => q.path === LOGIN);
    expect(log[0]?.bodyKind).toBe('form');
    expect(log[1]?.body).toMatchObject({ cellphone: '13900000001', key });
    expect(log[2]?.bodyKind).toBe('invalid');
  });

  it('query and body merge, body wins', async () => {
    sim = await startTestSim();
    const c = new Client(sim.url);
    const key = await c.smsKey('13900000001');
    const r = await c.request('POST', LOGIN, { query: { cellphone: '13900000002' }, json: { cellphone: '13900000001', sms_code: '123456', key } });
    expect(userOf(r.json).username).toBe('13900000001');
  });
});
