/** platform/auth.ts against the simulator: every §3.1/§3.2 variant, secrets stripped. */
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { silentLogger } from '../lib/logger';
import { logout, phoneLogin, sendSmsCode, toAccountChoice, toUser } from './auth';
import { createPlatformHttp } from './http';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.resetSwitches();
  sim.control.clearFaults();
  sim.control.clearRequests();
});

function http() {
  return createPlatformHttp({ baseUrl: () => sim.url, jar: new CookieJar(), logger: silentLogger, onUnauthorized: () => {}, retry: { limit: 0 } });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('sendSmsCode', () => {
  it('returns the key and the test-mode notice', async () => {
    const result = await sendSmsCode(http(), '13900000001');
    expect(result.key).toMatch(/\S+/);
    expect(result.message).toContain('123456');
    const request = sim.control.requests().find((r) => r.path === '/rbac/gen_sms_code.dspy')!;
    expect(request.method).toBe('GET');
    expect(request.query).toEqual({ cellphone: '13900000001' });
  });

  it('a 401 (server requires a session for SMS) becomes sms_unavailable', async () => {
    sim.control.setSwitches({ smsRequiresLogin: true });
    const error = await rejection(sendSmsCode(http(), '13900000001'));
    expect(error.code).toBe('sms_unavailable');
    expect(error.message).toBe('此服务器不支持短信登录 / SMS login is unavailable on this server');
  });

  it('an SMS service failure keeps the platform text', async () => {
    sim.control.setSwitches({ smsFailure: 'detail' });
    const error = await rejection(sendSmsCode(http(), '13900000001'));
    expect(error.code).toBe('app');
    expect(error.message).toMatch(/^发送验证码出错/);
  });
});

describe('phoneLogin', () => {
  it('one account: a contract User without the password hash', async () => {
    const client = http();
    const { key } = await sendSmsCode(client, '13900000001');
    const result = await phoneLogin(client, { cellphone: '13900000001', key, sms_code: '123456' });
    expect(result.kind).toBe('user');
    if (result.kind !== 'user') return;
    expect(Object.keys(result.user).sort()).toEqual(['displayName', 'id', 'mobile', 'orgid', 'username'].sort());
    expect(result.user.id).not.toBe('');
    expect(JSON.stringify(result)).not.toMatch(/password/i);
  });

  it('no nick name: displayName falls back to the username', async () => {
    const client = http();
    const { key } = await sendSmsCode(client, '13900000002');
    const result = await phoneLogin(client, { cellphone: '13900000002', key, sms_code: '123456' });
    expect(result.kind === 'user' && result.user.displayName === result.user.username).toBe(true);
  });

  it('three accounts: choose with the offered accounts (no key in the observed form)', async () => {
    const client = http();
    const { key } = await sendSmsCode(client, '13900000003');
    const result = await phoneLogin(client, { cellphone: '13900000003', key, sms_code: '123456' });
    expect(result.kind).toBe('choose');
    if (result.kind !== 'choose') return;
    expect(result.users).toHaveLength(3);
    expect(result.key).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/password/i);
  });

  it('wrong code → wrong_code with the platform text', async () => {
    const client = http();
    const { key } = await sendSmsCode(client, '13900000001');
    const error = await rejection(phoneLogin(client, { cellphone: '13900000001', key, sms_code: '000000' }));
    expect(error.code).toBe('wrong_code');
    expect(error.message).toBe('手机短信验证码出错');
  });

  it('a new number: registration open / closed / exists', async () => {
    const client = http();
    const fresh = '13911110000';
    let { key } = await sendSmsCode(client, fresh);
    const opened = await phoneLogin(client, { cellphone: fresh, key, sms_code: '123456' });
    expect(opened.kind === 'user' && opened.user.username === fresh).toBe(true);
    expect(JSON.stringify(opened)).not.toMatch(/password/i);

    sim.control.setSwitches({ registration: 'closed' });
    ({ key } = await sendSmsCode(client, '13911110001'));
    const closed = await rejection(phoneLogin(client, { cellphone: '13911110001', key, sms_code: '123456' }));
    expect(closed.code).toBe('app');
    expect(closed.message).toBe('注册暂未开放，请联系管理员');

    sim.control.setSwitches({ registration: 'exists' });
    ({ key } = await sendSmsCode(client, '13911110002'));
    const exists = await rejection(phoneLogin(client, { cellphone: '13911110002', key, sms_code: '123456' }));
    expect(exists.code).toBe('app');
    expect(exists.message).toBe('username(13911110002) exists');
    expect(JSON.stringify({ ...exists, message: exists.message })).not.toMatch(/password/i);
  });

  it('empty body (older deployments) → emptyBody', async () => {
    sim.control.setSwitches({ loginEmptyBody: true });
    const client = http();
    const { key } = await sendSmsCode(client, '13900000001');
    expect(await phoneLogin(client, { cellphone: '13900000001', key, sms_code: '123456' })).toEqual({ kind: 'emptyBody' });
  });
});

describe('normalisers', () => {
  it('toUser strips secrets in place and maps nick_name', () => {
    const raw = { id: 'u1', username: 'lin', orgid: 'o1', nick_name: '小林', password: 'h', cfm_password: 'h2', mobile: '13900000001' };
    expect(toUser(raw)).toEqual({ id: 'u1', username: 'lin', orgid: 'o1', displayName: '小林', mobile: '13900000001' });
    expect(raw).not.toHaveProperty('password');
    expect(raw).not.toHaveProperty('cfm_password');
  });
  it('toAccountChoice skips items without an id and drops a null nick name', () => {
    expect(toAccountChoice({ username: 'x' })).toBeNull();
    expect(toAccountChoice({ id: 'a', username: 'lin_studio', nick_name: null, password: 'h' })).toEqual({ id: 'a', username: 'lin_studio' });
  });
});

describe('logout', () => {
  it('treats the widget answer as success, and a plain envelope too', async () => {
    await expect(logout(http())).resolves.toBeUndefined();
    sim.control.setSwitches({ logoutWidget: false });
    await expect(logout(http())).resolves.toBeUndefined();
  });
});
